from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from assessments.personal import WORK_PROFILE_LENS
from careers.urls import career_urlpatterns
from truest import views

# Staff sign in through the site's login, so admin gets allauth's rate limits and lock-out
# (and email verification) instead of a second, unprotected password form.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/delete/", views.account_delete, name="account_delete"),
    path("", include("assessments.urls")),
    # Career pages show the reader's own fits through the lens assessments provides;
    # careers itself never imports assessments.
    path("", include(career_urlpatterns(lens=WORK_PROFILE_LENS))),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]
