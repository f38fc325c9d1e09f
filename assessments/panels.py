"""Panels other apps' pages show without importing this app (see ROLE_PAGE_PANELS)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from assessments.models import Result
from assessments.selectors import latest_fit_band, results_for_session_or_user
from careers.models import Role
from careers.selectors.compare import CompareRow


def latest_fit(request: HttpRequest, role: Role) -> str:
    """The person's latest fit band for this role, on the role page's "Is it right for you?"."""
    result = latest_fit_band(user=request.user, session=request.session, role=role)
    if result is None:
        return ""
    return render_to_string(
        "assessments/_latest_fit.html", {"result": result, "role": role}, request
    )


def latest_fit_row(request: HttpRequest, roles: list[Role]) -> CompareRow | None:
    """Compare page: the person's latest fit band for each role they have taken."""
    slugs = [role.slug for role in roles]
    latest: dict[str, Result] = {}
    for result in (
        results_for_session_or_user(user=request.user, session=request.session)
        .filter(kind=Result.Kind.FIT, role_slug__in=slugs)
        .order_by("created_at")
    ):
        latest[result.role_slug] = result
    if not latest:
        return None
    values = [
        f"{latest[slug].outcome['band_label']} ({latest[slug].created_at:%-d %b %Y})"
        if slug in latest
        else "not taken"
        for slug in slugs
    ]
    return CompareRow("Your latest fit check", values)
