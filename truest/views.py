import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from assessments.selectors import results_for_dashboard
from careers.models import DataRelease, JobFamily, Role
from careers.versioning import per_content_version
from truest.forms import AccountDeleteForm
from truest.limits import limit_consume, too_many
from truest.page_cache import cached_for_strangers
from truest.services import account_with_sessions_delete

logger = logging.getLogger(__name__)

FLAGSHIP_ROLE = "senior-site-reliability-engineer"


@per_content_version
def home_page() -> dict:
    """The home page's families and featured role, once per content version and process."""
    families = list(
        JobFamily.objects.annotate(
            published_roles=Count("roles", filter=Q(roles__status=Role.Status.PUBLISHED))
        )
        .filter(published_roles__gt=0)
        .order_by("name")  # Meta.ordering is dropped by aggregation
    )
    flagship = Role.objects.published().filter(slug=FLAGSHIP_ROLE).first()
    return {"families": families, "flagship": flagship}


@cached_for_strangers
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "truest/home.html", home_page())


@per_content_version
def about_data_page() -> dict:
    releases = list(DataRelease.objects.all())
    onet_release = next((r for r in releases if r.source == DataRelease.Source.ONET), None)
    return {"releases": releases, "onet_release": onet_release}


@cached_for_strangers
@require_GET
def about_data(request: HttpRequest) -> HttpResponse:
    return render(request, "truest/about_data.html", about_data_page())


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database and the cache both answer; 503 names what does not."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("readiness: database unreachable: %s", error.__class__.__name__)
        checks["database"] = "unavailable"
    if checks["database"] != "ok" and isinstance(caches["default"], DatabaseCache):
        # The cache lives in that database: say so at once rather than wait for it again
        # (probes usually give up after a second).
        checks["cache"] = "unavailable"
    else:
        try:
            cache.set("readyz-probe", "1", timeout=5)
            if cache.get("readyz-probe") != "1":
                raise ConnectionError("cache did not return what was stored")
        except Exception as error:  # any cache backend failure means not ready
            logger.warning("readiness: cache unreachable: %s", error.__class__.__name__)
            checks["cache"] = "unavailable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


@never_cache
@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "truest/dashboard.html", results_for_dashboard(request.user))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and not limit_consume(
        request, action="account_delete", user=request.user
    ):
        return too_many("account_delete", "Too many password attempts. Wait a while and try again.")
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_with_sessions_delete(user=user)
        messages.success(request, "Your account and everything saved in it have been deleted.")
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "truest/account_delete.html", {"form": form}, status=status)
