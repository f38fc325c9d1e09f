from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.functional import SimpleLazyObject


def csrf(request: HttpRequest) -> dict:
    """Django's CSRF token for templates, except that a page being stored for strangers
    (truest.page_cache) uses the token chosen for it, so the stored copy can swap it out."""
    chosen = getattr(request, "page_csrf_token", None)
    return {"csrf_token": chosen or SimpleLazyObject(lambda: get_token(request))}
