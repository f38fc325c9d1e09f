from django.contrib import admin
from django.urls import include, path

from truest import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/delete/", views.account_delete, name="account_delete"),
    path("", include("assessments.urls")),
    path("", include("careers.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
