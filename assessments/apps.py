from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        from allauth.account.signals import user_signed_up
        from django.contrib.auth.signals import user_logged_in

        from assessments import models
        from assessments.receivers import claim_on_login, claim_on_signup
        from careers.versioning import version_on_change

        # The profile's and the interest profile's wording are content; results are not.
        version_on_change(
            models.InterestItem,
            models.WorkProfile,
            models.WorkDimension,
            models.WorkItem,
            models.WorkCondition,
            models.FamilyWorkReward,
            models.FamilyWorkCondition,
        )

        user_logged_in.connect(claim_on_login, dispatch_uid="assessments_claim_on_login")
        user_signed_up.connect(claim_on_signup, dispatch_uid="assessments_claim_on_signup")
