from django.urls import path

from assessments import views, views_plans, views_shortlist

urlpatterns = [
    path("fit/", views.work_profile, name="work_profile"),
    path("fit/step/", views.work_profile_step, name="work_profile_step"),
    path("roles/<slug:slug>/fit/", views.profile_start, name="fit_check"),
    path("interests/", views.interests, name="interests"),
    path("interests/step/", views.interests_step, name="interests_step"),
    path("results/<uuid:result_id>/", views.result_detail, name="result_detail"),
    path("results/<uuid:result_id>/delete/", views.result_delete, name="result_delete"),
    path("results/<uuid:result_id>/deleted/", views.result_deleted, name="result_deleted"),
    path("results/<uuid:result_id>/restore/", views.result_restore, name="result_restore"),
    path("me/export/", views.data_export, name="data_export"),
    path("moves/save/", views_plans.plan_save, name="plan_save"),
    # GET the page; POST role=<slug>&action=add|remove.
    path("shortlist/", views_shortlist.shortlist, name="shortlist"),
]
