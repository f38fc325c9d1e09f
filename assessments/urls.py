from django.urls import path

from assessments import views

urlpatterns = [
    path("roles/<slug:slug>/fit/", views.fit_check, name="fit_check"),
    path("roles/<slug:slug>/fit/step/", views.fit_check_step, name="fit_check_step"),
    path("interests/", views.interests, name="interests"),
    path("results/<uuid:result_id>/", views.result_detail, name="result_detail"),
    path("results/<uuid:result_id>/delete/", views.result_delete, name="result_delete"),
    path("me/export/", views.data_export, name="data_export"),
]
