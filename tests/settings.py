"""Test settings: the real settings with faster password hashing and in-memory email."""

import os

# Tests run with the local-development defaults (debug settings, a development key).
os.environ.setdefault("DJANGO_DEBUG", "true")

from truest.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run gets its own cache so rate limits and cached pages never leak between tests.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "parts"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCOUNT_RATE_LIMITS = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Under parallel test workers on a shared machine a pooled connection can take longer than
# production's fail-fast second to free up; tests that race many threads wait longer.
if DATABASES["default"].get("OPTIONS", {}).get("pool"):  # noqa: F405
    DATABASES["default"]["OPTIONS"]["pool"]["timeout"] = 10.0  # noqa: F405
