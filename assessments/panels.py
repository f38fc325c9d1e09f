"""Panels other apps' pages show without importing this app (see ROLE_PAGE_PANELS)."""

from django.http import HttpRequest
from django.template.loader import render_to_string

from assessments.selectors import latest_fit_band
from careers.models import Role


def latest_fit(request: HttpRequest, role: Role) -> str:
    """The person's latest fit band for this role, on the role page's "Is it right for you?"."""
    result = latest_fit_band(user=request.user, session=request.session, role=role)
    if result is None:
        return ""
    return render_to_string(
        "assessments/_latest_fit.html", {"result": result, "role": role}, request
    )
