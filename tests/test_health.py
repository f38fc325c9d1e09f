import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client


def test_healthz_answers_without_touching_the_database(client):
    # No `db` fixture: pytest-django makes any database access in this test an error.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_works_even_when_the_database_is_down(client, monkeypatch):
    def refuse(self):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    assert client.get("/healthz").status_code == 200


def test_readyz_reports_database_and_cache(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_readyz_is_503_when_the_database_is_unreachable(client, db, monkeypatch):
    def refuse(self):
        raise OperationalError("could not connect to server")

    with monkeypatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}


def test_readyz_is_503_when_the_cache_is_unreachable(client, db, settings):
    # A Redis cache on a port nothing listens on: a real connection failure.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "truest.redis_cache.ReusedClientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert response.json()["database"] == "ok"


@pytest.mark.urls("tests.urls_failing")
@pytest.mark.parametrize("path", ["/test/database-gone/", "/test/connection-closed/"])
def test_lost_database_becomes_503_with_retry_after(db, path):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"briefly unavailable" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.urls("tests.urls_failing")
def test_other_errors_stay_500_and_leak_nothing(db):
    client = Client(raise_request_exception=False)
    response = client.get("/test/plain-bug/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"a bug, not an outage" not in response.content


def test_404_page_is_ours_and_leaks_nothing(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert b"urlpatterns" not in response.content


def test_pages_show_no_template_syntax(client, db):
    """A template comment or tag that Django did not parse would show up as text."""
    for path in ["/", "/about/data/", "/accounts/login/", "/no-such-page/"]:
        page = client.get(path).content.decode()
        assert "{#" not in page and "{%" not in page and "{{" not in page, path


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_head_plain_http_and_any_host(client, db, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["truest.example.com"]
    assert client.head(path, HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get(path, HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.post(path, HTTP_HOST="10.1.2.3:8000").status_code == 405
    # Everything else still checks the host and redirects to HTTPS.
    assert client.get("/", HTTP_HOST="10.1.2.3:8000").status_code == 400
    assert client.get("/", HTTP_HOST="truest.example.com").status_code == 301


def test_a_404_never_touches_the_database_even_for_a_visitor_with_a_session(
    client, db, monkeypatch, user
):
    client.force_login(user)  # a session cookie whose data lives in the database

    def refuse(self):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/no-such-page/")
    monkeypatch.undo()  # the test database must be reachable again for teardown
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


def test_security_headers_on_every_response(client, db):
    for path in ("/", "/healthz", "/no-such-page/"):
        response = client.get(path)
        assert "camera=()" in response["Permissions-Policy"], path
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", path


def test_readyz_answers_at_once_when_the_database_holding_the_cache_is_down(
    client, db, settings, monkeypatch
):
    import time

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "truest_cache",
        },
    }

    def refuse(self):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    started = time.monotonic()
    response = client.get("/readyz")
    elapsed = time.monotonic() - started
    monkeypatch.undo()
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "unavailable",
    }
    assert elapsed < 0.5


def test_account_pages_are_never_stored(client, user):
    client.force_login(user)
    for path in ("/accounts/email/", "/accounts/password/change/", "/accounts/login/"):
        assert "no-store" in client.get(path)["Cache-Control"], path


def test_pages_a_signed_in_person_sees_are_never_stored(client, user, catalog):
    assert "no-store" not in client.get("/roles/").get("Cache-Control", "")
    client.force_login(user)
    for path in ("/", "/roles/", "/roles/senior-reliability-engineer/"):
        assert "no-store" in client.get(path)["Cache-Control"], path
