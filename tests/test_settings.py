import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from truest.settings import cache_from_url, database_from_url, env_bool

REPO = Path(__file__).resolve().parent.parent


def production_env(tmp_path, **overrides) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "truest.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "x7Qp2vN9sL4wR8tY1uI6oP3aS5dF0gH2jK7lZ9xC4vB6nM1qW3eR8tY5uI0oP2aS",
            "DJANGO_ALLOWED_HOSTS": "truest.example.com",
            "DJANGO_CSRF_TRUSTED_ORIGINS": "https://truest.example.com",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
        }
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )


def test_no_database_url_means_a_sqlite_file_in_the_repo():
    config = database_from_url(None)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]) == REPO / "db.sqlite3"


def test_postgres_url_uses_psycopg_pool_and_health_checks():
    config = database_from_url("postgres://truest:s%40cret@db.internal:6543/truest_prod")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == (
        "truest_prod",
        "truest",
        "s@cret",
    )
    assert (config["HOST"], config["PORT"]) == ("db.internal", "6543")
    assert config["CONN_HEALTH_CHECKS"] is True
    assert config["CONN_MAX_AGE"] == 0
    assert config["OPTIONS"]["pool"]["max_size"] == 10


def test_postgres_url_options_pass_through():
    config = database_from_url("postgresql://u@h/d?sslmode=require&pool_max_size=4")
    assert config["OPTIONS"]["sslmode"] == "require"
    assert config["OPTIONS"]["pool"]["max_size"] == 4


def test_unknown_database_scheme_is_refused_clearly():
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        database_from_url("mysql://u@h/d")


def test_cache_is_shared_by_every_process_without_redis_url_and_redis_with_it():
    # Never a per-process cache: sessions, rate limits and pages must agree across workers.
    assert cache_from_url(None)["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    redis = cache_from_url("redis://127.0.0.1:6379/2")
    assert redis["BACKEND"] == "truest.redis_cache.ReusedClientRedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/2"


def test_the_redis_cache_keeps_one_client_per_server():
    # Django builds a new client for every call; ours is made once (no connection is
    # opened to make it).
    from truest.redis_cache import ReusedClientRedisCache

    backend = ReusedClientRedisCache("redis://127.0.0.1:6379/2", {})
    client = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is client
    assert backend._cache.get_client("c", write=True) is client  # one server: one pool


def test_booleans_are_parsed_strictly(monkeypatch):
    monkeypatch.setenv("FLAG", "Off")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", default=True)


def test_debug_off_without_secret_key_fails_fast(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"DJANGO_SECURE_SSL_REDIRECT": "false"},  # documented: the proxy redirects
        {"DJANGO_SECURE_HSTS_PRELOAD": "true"},
        {"DJANGO_TRUSTED_PROXY_COUNT": "1"},
    ],
    ids=["defaults", "proxy-redirects", "hsts-preload", "behind-a-proxy"],
)
def test_check_deploy_is_clean_in_every_documented_configuration(tmp_path, overrides):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(tmp_path, **overrides),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_DEBUG"]
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_ENGINE, s.CACHES['default']['BACKEND'], "
        "s.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    result = run(["-c", code], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "django.contrib.sessions.backends.db",
        "django.core.cache.backends.db.DatabaseCache",
        "0",
    ]
    behind_proxy = run(["-c", code], {**env, "DJANGO_TRUSTED_PROXY_COUNT": "1"})
    assert behind_proxy.stdout.split()[-1] == "1"


def test_production_security_headers_on_an_html_page(tmp_path):
    result = run(["-m", "tests.production_probe", "/about/data/"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout)
    headers = {key.lower(): value for key, value in probe["secure_headers"].items()}
    assert probe["secure_status"] == 200
    csp = headers["content-security-policy"]
    assert "unsafe-inline" not in csp
    # Only the site's own static scripts: no inline code, so no nonce in any response (a
    # cached page could otherwise repeat one).
    assert "script-src 'self';" in csp + ";" and "nonce" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "nonce=" not in probe["body"] and "<script>" not in probe["body"]
    # Plain HTTP is redirected to HTTPS.
    assert probe["plain_status"] == 301
    assert probe["plain_location"].startswith("https://truest.example.com/")


def test_ssl_redirect_can_be_turned_off_behind_a_proxy(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
    )
    result = run(["-m", "tests.production_probe", "/about/data/"], env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plain_status"] == 200


def test_session_and_csrf_cookies_are_secure_in_production(tmp_path):
    code = (
        "import django, os; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.DEBUG)"
    )
    result = run(["-c", code], production_env(tmp_path))
    assert result.stdout.split() == ["True", "True", "True", "Lax", "False"]
