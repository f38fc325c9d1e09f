"""Anonymous results become the account's when the person signs up or logs in."""

from assessments.services import session_results_claim


def claim_on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_results_claim(session=request.session, user=user)


def claim_on_signup(sender, request, user, **kwargs) -> None:
    claim_on_login(sender, request=request, user=user)
