"""Truest settings: one module, driven by environment variables with safe local defaults.

Every variable is listed in `.env.example`. Production needs at least DJANGO_DEBUG=false,
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    normalized = value.strip().lower()
    if normalized in {"1", "true", "yes", "on"}:
        return True
    if normalized in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url: str | None) -> dict:
    """Translate DATABASE_URL into a Django DATABASES entry.

    Absent → a SQLite file in the repository root. `postgres://` or `postgresql://` →
    PostgreSQL through psycopg 3 with its connection pool and health checks.
    """
    # SQLite connections are kept for a minute: opening one (pragmas, and the functions
    # Django registers) costs several times what a cached page does.
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "CONN_MAX_AGE": 60}
    if not url:
        return {**sqlite, "NAME": BASE_DIR / "db.sqlite3"}
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        # sqlite:///relative/path or sqlite:////absolute/path
        return {**sqlite, "NAME": unquote(parts.path[1:]) or ":memory:"}
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL scheme {parts.scheme!r} is not supported; use postgres:// or leave "
            "it unset for SQLite."
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    pool_max = int(query.pop("pool_max_size", "10"))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "truest",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        # The pool keeps connections open between requests, so persistent connections
        # (CONN_MAX_AGE) must stay at 0; health checks catch connections the server dropped.
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": True,
        # Fail fast in an outage: a request waits at most about a second for a pooled
        # connection (then 503 + Retry-After), a new connection gives up after 2 s (libpq's
        # minimum), and no statement runs longer than 10 s.
        "OPTIONS": {
            "pool": {
                "min_size": 1,
                "max_size": pool_max,
                "timeout": float(query.pop("pool_timeout", "1")),
                "reconnect_timeout": 3600,
            },
            "connect_timeout": int(query.pop("connect_timeout", "2")),
            "options": query.pop("options", "-c statement_timeout=10000"),
            **query,
        },
    }


def cache_from_url(url: str | None) -> dict:
    """REDIS_URL → Redis. Absent → Django's database cache, which every worker and host
    shares: sessions, rate limits and cached pages must agree whichever process answers,
    so a per-process cache is never used."""
    if not url:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "truest_cache",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    return {
        "BACKEND": "truest.redis_cache.ReusedClientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "truest",
        "TIMEOUT": 300,
    }


# Debug is off unless asked for: a deploy that forgets the variable must not run in debug.
# `make run` and `make test` set DJANGO_DEBUG=true.
DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false (generate one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "truest",
    "careers",
    "assessments",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "django_htmx",
    "template_partials",
    "csp",
    "simple_history",
]

MIDDLEWARE = [
    "truest.middleware.SecurityHeadersMiddleware",
    "truest.middleware.ProbeMiddleware",  # probes skip host checks and redirects
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "truest.middleware.DatabaseUnavailableMiddleware",
    "truest.middleware.InputSanityMiddleware",
    # Before sessions: a stranger's cached page is served without the rest of the stack
    # (it stores the headers the inner middlewares add, such as the CSP, with the page).
    "truest.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "truest.middleware.KnownDeviceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "truest.urls"
WSGI_APPLICATION = "truest.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "truest.context_processors.csrf",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": cache_from_url(os.environ.get("REDIS_URL")),
    # Rendered parts of pages that every reader sees alike ({% cache ... using="fragments" %}),
    # kept in each process: their keys hold the content version, which every request reads
    # afresh from the shared store, so a process never serves a fragment of an old version.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 600},  # at most about 40 MB of HTML per process
    },
}
# Sessions live in the database, so app servers stay stateless; with Redis, Redis is put in
# front of it (every process shares it). Never a per-process cache.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if os.environ.get("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)

# The client's address for rate limits (allauth's and ours alike). Behind proxies we run,
# trust exactly that many X-Forwarded-For hops, or a header the last proxy sets; by default
# no header is trusted and the connection's address is used.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER") or None

AUTH_USER_MODEL = "truest.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: the email address is the identity; it must be verified before login.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
# Confirming the address in the browser that signed up signs the person in and returns
# them to where they were (the sign-up's `next`, e.g. the result they were saving); allauth
# does this only for the session that signed up, so a forwarded link signs no one in.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Truest] "
ACCOUNT_ADAPTER = "truest.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "truest.forms.LoginForm"}
# Our own limits, in allauth's notation (amount/period/per; "key" = the browser session):
# saving fit and interest results, and the password check before deleting an account.
# allauth's limiter keeps them with its own (truest/limits.py).
TRUEST_RATE_LIMITS = {
    "result_save": "30/10m/ip,10/10m/key",
    "account_delete": "5/15m/user",
}
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", **TRUEST_RATE_LIMITS}
# Results taken without an account that one browser session may hold before signing up.
ANONYMOUS_RESULTS_PER_SESSION = 20

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Truest <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content Security Policy: every script and style is a static file, so no page needs a
# nonce (and a cached page never carries one); never unsafe-inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Set by truest.middleware.SecurityHeadersMiddleware (Django has no setting for them).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO,https" behind a proxy that sets X-Forwarded-Proto.
    header, _, value = os.environ["DJANGO_SECURE_PROXY_SSL_HEADER"].partition(",")
    SECURE_PROXY_SSL_HEADER = (header.strip(), value.strip() or "https")
if not DEBUG:
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SILENCED_SYSTEM_CHECKS = []
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a one-way commitment for the whole domain; it is opt-in.
        SILENCED_SYSTEM_CHECKS.append("security.W021")
    if not SECURE_SSL_REDIRECT:
        # Documented: set false only when the TLS proxy in front redirects plain HTTP.
        SILENCED_SYSTEM_CHECKS.append("security.W008")
else:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "truest.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Where the real O*NET and BLS releases live beside the repository (used by importers and
# the data-rebuild command; the shipped dataset in careers/data/ does not need them).
SHARED_DATA_DIR = Path(os.environ.get("TRUEST_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))
