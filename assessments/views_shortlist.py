"""The shortlist page, and adding a role to it or taking one off (assessments/shortlist.py
keeps it: in the session without an account, in the database with one)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from assessments.shortlist import (
    SHORTLIST_MAX,
    ShortlistFull,
    shortlist_add,
    shortlist_remove,
    shortlist_role,
    shortlist_roles,
)
from careers.selectors.compare import COMPARE_MAX
from careers.views import SLUG, HtmxHttpRequest, wants_fragment

BUTTON = "assessments/_shortlist_button.html"
ACTIONS = ("add", "remove")


@never_cache
@require_http_methods(["GET", "POST"])
def shortlist(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _shortlist_change(request)
    roles = shortlist_roles(user=request.user, session=request.session)
    compared = [role.slug for role in roles[:COMPARE_MAX]]
    context = {
        "roles": roles,
        "compare_url": f"{reverse('compare')}?roles={','.join(compared)}",
        "compare_max": COMPARE_MAX,
        "shortlist_max": SHORTLIST_MAX,
    }
    return render(request, "assessments/shortlist.html", context)


def _shortlist_change(request: HtmxHttpRequest) -> HttpResponse:
    """Add or remove one role. Without JavaScript, back to where the form was (a safe
    `next`, else the role's page); with htmx, the button in its new state."""
    action = request.POST.get("action", "")
    slug = request.POST.get("role", "")
    if action not in ACTIONS:
        return _bad_request(request, "Say whether to add the role or remove it.")
    if not SLUG.fullmatch(slug):
        return _bad_request(
            request, "A role's name can only contain lowercase letters, digits and hyphens."
        )
    role = shortlist_role(slug=slug)
    next_url = _safe_next(request)
    context = {"role": role, "next": next_url}
    try:
        if action == "add":
            changed = shortlist_add(user=request.user, session=request.session, role=role)
        else:
            changed = shortlist_remove(user=request.user, session=request.session, role=role)
    except ShortlistFull:
        error = (
            f"Your shortlist already holds {SHORTLIST_MAX} roles, as many as it keeps. "
            "Remove one before adding another."
        )
        if wants_fragment(request):
            context |= {"shortlisted": False, "error": error}
            return render(request, BUTTON, context, status=400)
        return render(request, "400.html", {"message": error}, status=400)
    if wants_fragment(request):
        return render(request, BUTTON, context | {"shortlisted": action == "add"})
    if changed:
        done = "Added “{}” to" if action == "add" else "Removed “{}” from"
        messages.success(request, done.format(role.title) + " your shortlist.")
    return redirect(next_url or role.get_absolute_url())


def _safe_next(request: HtmxHttpRequest) -> str:
    """Where the form asks to go back to, if it is a page of this site; else ""."""
    next_url = request.POST.get("next", "")
    if not next_url or any(ord(char) < 32 for char in next_url):
        return ""
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if allowed else ""


def _bad_request(request: HtmxHttpRequest, message: str) -> HttpResponse:
    if wants_fragment(request):
        # htmx swaps a 400 in place of the button: a message, not a whole error page.
        html = format_html('<p class="message message--error" role="alert">{}</p>', message)
        return HttpResponse(html, status=400)
    return render(request, "400.html", {"message": message}, status=400)
