"""allauth adapter: login lock-out that spares the owner's own browser."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

KNOWN_DEVICE_COOKIE = "truest_device"
KNOWN_DEVICE_SALT = "truest.known-device"
KNOWN_DEVICE_MAX_AGE = 365 * 24 * 3600


def known_device_email(request: HttpRequest) -> str:
    """The email this browser last signed in with (a signed cookie set by
    truest.middleware.KnownDeviceMiddleware), or ""."""
    return request.get_signed_cookie(
        KNOWN_DEVICE_COOKIE, default="", salt=KNOWN_DEVICE_SALT, max_age=KNOWN_DEVICE_MAX_AGE
    )


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials) -> str:
        """allauth locks an account out after repeated failed logins. Failures from a browser
        the owner has signed in with before count separately, so someone guessing the
        password elsewhere cannot lock the owner out of their own device (the per-address
        limit still applies to everyone)."""
        # The key is the email alone: allauth would prefix the request's host, so an
        # attacker alternating between the allowed host names would get 5 tries on each.
        email = (credentials.get("email") or credentials.get("username") or "").lower()
        if email and known_device_email(request) == email:
            return f"{email}:known-device"
        return email


def remember_device(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: mark the response to carry the known-device cookie."""
    if request is not None and user.email:
        request.known_device_email = user.email
