"""allauth adapter: login lock-out that spares the owner's own browser."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core import signing
from django.http import HttpRequest

KNOWN_DEVICE_COOKIE = "truest_device"
KNOWN_DEVICE_SALT = "truest.known-device"
KNOWN_DEVICE_MAX_AGE = 365 * 24 * 3600


def known_device_email(request: HttpRequest) -> str:
    """The email this browser last signed in with (a signed cookie), or ""."""
    value = request.COOKIES.get(KNOWN_DEVICE_COOKIE, "")
    if not value:
        return ""
    try:
        return signing.loads(value, salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_MAX_AGE)
    except signing.BadSignature:
        return ""


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials) -> str:
        """allauth locks an account out after repeated failed logins. Failures from a browser
        the owner has signed in with before count separately, so someone guessing the
        password elsewhere cannot lock the owner out of their own device (the per-address
        limit still applies to everyone)."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        email = (credentials.get("email") or "").lower()
        if email and known_device_email(request) == email:
            return f"{key}:known-device"
        return key
