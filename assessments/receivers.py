"""Anonymous results and the shortlist kept in the session become the account's when the
person signs up or logs in."""

from django.contrib import messages

from assessments.services import session_results_claim
from assessments.shortlist import SHORTLIST_MAX, shortlist_claim


def claim_on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_results_claim(session=request.session, user=user)
        claimed = shortlist_claim(session=request.session, user=user)
        if claimed.left_out:
            messages.warning(
                request,
                f"Your shortlist keeps up to {SHORTLIST_MAX} roles, so {claimed.left_out} "
                "of the roles you added before signing in were not kept.",
                fail_silently=True,  # a login without the messages middleware (tests, scripts)
            )


def claim_on_signup(sender, request, user, **kwargs) -> None:
    claim_on_login(sender, request=request, user=user)
