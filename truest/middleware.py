import logging
import re

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After when the database is lost mid-request, never a 500.

    A lost database is an outage of a dependency, not a bug in the page: clients and load
    balancers should retry rather than report an error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    # Django turns exceptions into responses between middlewares, so a view's lost database
    # reaches us here, never as an exception out of get_response.
    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OperationalError | InterfaceError):
            return self.unavailable_response(exception)
        return None

    def unavailable_response(self, error: Exception) -> HttpResponse:
        logger.error("database unavailable: %s", error.__class__.__name__)
        # Rendered without a request or context processors: they may need the database.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class ProbeMiddleware:
    """Answer /healthz and /readyz before host validation and the HTTPS redirect.

    Load balancers and orchestrators probe a worker by its own address, over plain HTTP,
    often with HEAD: a liveness probe must not fail on a Host header or a redirect.
    """

    def __init__(self, get_response):
        from truest import views

        self.get_response = get_response
        self.probes = {"/healthz": views.healthz, "/readyz": views.readyz}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = self.probes.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        return probe(request)


ACCOUNT_PAGES = "/accounts/"


class SecurityHeadersMiddleware:
    """Headers Django has no setting for: what browser features pages may use, and that
    other sites may not embed our responses."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME
        self.headers = {
            "Permissions-Policy": settings.PERMISSIONS_POLICY,
            "Cross-Origin-Resource-Policy": settings.CROSS_ORIGIN_RESOURCE_POLICY,
        }

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        for header, value in self.headers.items():
            response.headers.setdefault(header, value)
        if request.path_info.startswith(ACCOUNT_PAGES) or request.COOKIES.get(self.session_cookie):
            # allauth's pages show the account's email addresses and forms with secrets, and
            # a visitor with a session may be signed in (their email is in every page's
            # header) or hold results: never stored by a browser or a shared cache. The
            # cookie alone decides, so error pages stay free of database lookups.
            add_never_cache_headers(response)
        return response


class KnownDeviceMiddleware:
    """After a successful login, remember in a signed cookie which email this browser signs
    in with (see truest.adapter: failed logins from it count apart from other browsers')."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        email = getattr(request, "known_device_email", "")
        if email:
            from django.conf import settings

            from truest.adapter import (
                KNOWN_DEVICE_COOKIE,
                KNOWN_DEVICE_MAX_AGE,
                KNOWN_DEVICE_SALT,
            )

            response.set_signed_cookie(
                KNOWN_DEVICE_COOKIE,
                email.lower(),
                salt=KNOWN_DEVICE_SALT,
                max_age=KNOWN_DEVICE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response


SESSION_KEY = re.compile(r"[a-z0-9]{8,40}")


class InputSanityMiddleware:
    """Refuse what no page can use, before any view or database sees it: a session cookie
    that is not a key Django could have issued (treated as no session), and in admin a NUL
    byte in a query or form value (Django's admin passes filters and autocomplete terms
    straight to the database, and PostgreSQL rejects NUL in text)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.COOKIES.get(self.session_cookie)
        if session is not None and not SESSION_KEY.fullmatch(session):
            del request.COOKIES[self.session_cookie]
        if not request.path_info.startswith(ADMIN_PAGES):
            # The site's own views refuse NUL with a message that fits the page.
            return self.get_response(request)
        data = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            data.append(request.POST)
        for query in data:
            for key, values in query.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    response = HttpResponse(
                        render_to_string(
                            "400.html", {"message": "The request contained a NUL character."}
                        ),
                        status=400,
                    )
                    response["Cache-Control"] = "no-store"
                    return response
        return self.get_response(request)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
ADMIN_PAGES = "/admin/"
