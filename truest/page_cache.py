"""Whole public pages, rendered once per content version and served to strangers from the
cache.

A stranger is a GET or HEAD with no session cookie and no pending messages (without a
session nobody is signed in): nothing on the page can be theirs. Their copy is served
before sessions and the rest of the middleware stack. Anyone else (signed in, or
anonymous with saved results or a shortlist, which live in the session) gets the page
rendered for them, marked `private, no-store`.

The copy is stored without anything per-visitor: the page is kept as the pieces around
its CSRF token (in the htmx headers and any form), joined with the visitor's own token
when served. Nonces are never needed (the pages have no inline scripts), so the CSP
header is the same policy on every response: it is stored with the copy, with the other
headers the inner middlewares added when the page was rendered.

Keys hold the content version, which every admin save, load and import raises
(careers.versioning), so an edit shows on the next request. With Redis the version is read
from it, so a hit runs no SQL; with the database cache (REDIS_URL unset) or a per-process
cache (local memory, as in tests) it is read from its own row in the database, which every
worker shares.

Browsers get an ETag and Last-Modified and revalidate (`no-cache`): an unchanged page is a
304 without a body. The body holds the visitor's CSRF token, so it is `private`: a shared
cache must not hand one visitor's copy to another.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from redis.exceptions import RedisError

from careers.versioning import VERSION_CACHE_KEY, content_version, content_version_pin

PAGE_FORMAT = 3  # raised when what is stored changes shape: a deploy never reads old copies
PAGE_TIMEOUT = 24 * 3600  # a version's pages age out; a new version never reads them
MAX_PATH = 512  # longer addresses (odd query strings) are rendered, never stored


class RecentPages:
    """This process's copies of the pages it served last: a hit then skips fetching and
    unpickling the page from the shared cache. Safe because keys hold the content version,
    which is always read afresh: a new version never finds an old copy."""

    def __init__(self, size: int = 200):
        self.size = size
        self.pages: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: str, page: dict) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


_recent = RecentPages()


def recent_pages_forget() -> None:
    """Drop this process's copies (tests start each case from an empty cache)."""
    _recent.clear()


def cached_for_strangers(view: Callable) -> Callable:
    """Mark a public view whose page a stranger may get from the cache."""
    view.cached_for_strangers = True
    return view


def page_version() -> str:
    # In a per-process cache another worker's raise would never be seen; in the database
    # cache the version's own row is as shared, and cheaper to read.
    if isinstance(caches["default"], LocMemCache | DummyCache | DatabaseCache):
        return content_version()
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        version = content_version()
        # add, never set: a writer's newer version (careers.versioning) always wins.
        cache.add(VERSION_CACHE_KEY, version, None)
    return version


def is_stranger(request: HttpRequest) -> bool:
    """Nothing on the page can be this visitor's: no session (which holds a login, results
    and a shortlist) and no pending message. Without a session cookie nobody is signed in."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


# Headers of a rendered page that belong to that one response, not to the stored copy.
PER_RESPONSE_HEADERS = {
    "cache-control",
    "content-length",
    "etag",
    "expires",
    "last-modified",
    "set-cookie",
    "vary",
}


class PageCacheMiddleware:
    """Serves strangers' copies of the views marked `cached_for_strangers` before sessions,
    authentication and the rest of the stack run, stores them on the way out (with the
    headers the inner middlewares added, such as the CSP), and marks every page rendered
    for a person as private.

    Placed after the security, static-file and input checks and before sessions: a hit
    then costs the read of the content version, a lookup, a CSRF token and the copy."""

    def __init__(self, get_response):
        self.get_response = get_response
        # A hit never reaches CsrfViewMiddleware: this one reads the visitor's CSRF cookie
        # and sets it when new, exactly as the stack would.
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self._answered(request)
        finally:
            content_version_pin(None)

    def _answered(self, request: HttpRequest) -> HttpResponse:
        key = self._stranger_key(request)
        if key is not None:
            page = _recent.get(key)
            if page is None:
                page = cache.get(key)
                if page is not None:
                    _recent.put(key, page)
            if page is not None:
                request.get_host()  # the stack's host check, which a hit would skip
                self.csrf.process_request(request)
                return self.csrf.process_response(request, self._served(request, page))
            request.page_cache_key = key
        response = self.get_response(request)
        token = getattr(request, "page_csrf_token", None)
        if token and self._storable(request, response):
            parts = tuple(response.content.split(token.encode()))
            page = {
                "parts": parts,  # the body around its CSRF tokens
                "headers": {
                    name: value
                    for name, value in response.headers.items()
                    if name.lower() not in PER_RESPONSE_HEADERS
                },
                "etag": '"' + hashlib.sha256(b"".join(parts)).hexdigest()[:32] + '"',
                "modified": http_date(),
            }
            cache.set(key, page, PAGE_TIMEOUT)
            _recent.put(key, page)
            served = self._served(request, page)
            for cookie in response.cookies.values():  # the visitor's new CSRF cookie
                served.cookies[cookie.key] = cookie
            response = served
        elif not self._for_stranger(request) and "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "cached_for_strangers", False) or request.method not in (
            "GET",
            "HEAD",
        ):
            return None
        if hasattr(request, "page_cache_key"):
            # One token for the whole render (the template context reads it; see
            # truest.context_processors.csrf), so it can be found and swapped out. Made
            # here, after CsrfViewMiddleware has read the visitor's cookie.
            request.page_csrf_token = get_token(request)
        else:
            # These views only read: the version read here serves the whole request (its
            # per-version data and cached fragments) for everyone with a session too.
            content_version_pin(page_version())
        return None

    @staticmethod
    def _stranger_key(request: HttpRequest) -> str | None:
        """The copy's key when this request may be served one, with the version pinned
        for the rest of the request; else None."""
        path = request.get_full_path()
        if (
            not is_stranger(request)
            or len(path) > MAX_PATH
            or request.headers.get("HX-Request")  # fragments vary with their target
        ):
            return None
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return None
        if not getattr(view, "cached_for_strangers", False):
            return None
        try:
            version = page_version()
        except (DatabaseError, RedisError):
            return None  # the page is rendered, and answers for the outage itself
        content_version_pin(version)
        digest = hashlib.sha256(path.encode()).hexdigest()[:40]
        return f"page:{PAGE_FORMAT}:{version}:{digest}"

    @staticmethod
    def _for_stranger(request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        return is_stranger(request) and not (user is not None and user.is_authenticated)

    @staticmethod
    def _storable(request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            response.status_code == 200
            and not response.streaming
            and "Cache-Control" not in response
            and set(response.cookies) <= {settings.CSRF_COOKIE_NAME}
            and not (session is not None and session.modified)
        )

    @staticmethod
    def _served(request, page: dict) -> HttpResponse:
        etag, modified = page["etag"], page["modified"]
        matches = request.headers.get("If-None-Match")
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if (matches and etag in parse_etags(matches)) or (
            not matches and since and since >= parse_http_date_safe(modified)
        ):
            response = HttpResponseNotModified()
        else:
            body = get_token(request).encode().join(page["parts"])
            response = HttpResponse(body)
            for name, value in page["headers"].items():
                response[name] = value
        response["ETag"] = etag
        response["Last-Modified"] = modified
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie", "HX-Request"])
        return response
