"""The reader's own fits and shortlist on the career pages (the lens careers/personal.py
describes): their latest work-style profile, read from its saved outcome, so a page shows
the same fit the result page does."""

from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string

from assessments.models import Result
from assessments.profile_results import role_fit
from assessments.selectors import results_for_session_or_user
from assessments.shortlist import shortlist_slugs
from careers.personal import RoleFit

# The latest profile, read once per request however many parts of a page ask for it.
_LATEST = "_truest_latest_profile"


def _latest_profile(request: HttpRequest) -> Result | None:
    if not hasattr(request, _LATEST):
        latest = (
            results_for_session_or_user(user=request.user, session=request.session)
            .filter(kind=Result.Kind.PROFILE)
            .defer("snapshot")
            .order_by("-created_at")
            .first()
        )
        setattr(request, _LATEST, latest)
    return getattr(request, _LATEST)


class WorkProfileLens:
    def role_fits(self, request: HttpRequest) -> dict[str, RoleFit]:
        result = _latest_profile(request)
        if result is None:
            return {}
        return {
            fit["role"]: RoleFit(
                score=fit["score"],
                band=fit["band"],
                band_label=fit["band_label"],
                conflicted=bool(fit["conflicts"]),
            )
            for fit in result.outcome["fits"]
        }

    def role_panel(self, request: HttpRequest, role) -> str:
        """This role's fit from the latest profile; without one, the latest fit check
        taken for this role before the profile existed (one query either way)."""
        results = results_for_session_or_user(user=request.user, session=request.session)
        latest = (
            results.filter(
                Q(kind=Result.Kind.PROFILE) | Q(kind=Result.Kind.FIT, role_slug=role.slug)
            )
            .defer("snapshot")
            .order_by("-created_at")
            .first()
        )
        if latest is None:
            return ""
        context = {"result": latest, "role": role}
        if latest.kind == Result.Kind.PROFILE:
            context["fit"] = role_fit(latest.outcome, role.slug)
        return render_to_string("assessments/_role_fit_panel.html", context, request)

    def shortlisted(self, request: HttpRequest) -> set[str]:
        return shortlist_slugs(user=request.user, session=request.session)


WORK_PROFILE_LENS = WorkProfileLens()
