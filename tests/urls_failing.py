"""URLs used only by tests: views that fail the way a lost database fails."""

from django.db import InterfaceError, OperationalError
from django.urls import include, path


def database_gone(request):
    raise OperationalError("server closed the connection unexpectedly")


def connection_closed(request):
    raise InterfaceError("connection already closed")


def plain_bug(request):
    raise ValueError("a bug, not an outage")


urlpatterns = [
    path("test/database-gone/", database_gone),
    path("test/connection-closed/", connection_closed),
    path("test/plain-bug/", plain_bug),
    path("", include("truest.urls")),
]
