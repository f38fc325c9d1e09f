"""Our own rate limits, kept by allauth's limiter in the shared cache (so they hold across
workers and hosts) and keyed by the client address it derives from the trusted-proxy
settings. The limits themselves are TRUEST_RATE_LIMITS in settings."""

from allauth.core import ratelimit
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


def limit_consume(request: HttpRequest, *, action: str, key: str = "", user=None) -> bool:
    """Count one use of `action`; False when a limit for it is already reached."""
    return ratelimit.consume(request, action=action, key=key or None, user=user)


def too_many(action: str, message: str) -> HttpResponse:
    """429 with Retry-After: the longest window of the action's limits, in seconds."""
    rates = parse_rates(settings.TRUEST_RATE_LIMITS.get(action, ""))
    retry_after = int(max((rate.duration for rate in rates), default=60))
    response = HttpResponse(render_to_string("429.html", {"message": message}), status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response
