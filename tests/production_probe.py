"""Run in a subprocess with production-like environment variables (see test_settings.py).

Migrates a throwaway SQLite database, requests a page over HTTPS and over HTTP with the
test client, and prints the status codes and headers as JSON.
"""

import atexit
import json
import os
import shutil
import sys
import tempfile

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "truest.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)
# Production serves hashed static files from STATIC_ROOT, as `make collectstatic` builds them.
# Built in a directory of its own: tests running beside this one serve the checkout's
# STATIC_ROOT, and collectstatic replacing files there made their start-up fail.
settings.STATIC_ROOT = tempfile.mkdtemp(prefix="truest-static-")
atexit.register(shutil.rmtree, settings.STATIC_ROOT, ignore_errors=True)
call_command("collectstatic", interactive=False, verbosity=0)
path = sys.argv[1] if len(sys.argv) > 1 else "/about/data/"
secure = Client(HTTP_HOST="truest.example.com").get(path, secure=True)
plain = Client(HTTP_HOST="truest.example.com").get(path)
print(
    json.dumps(
        {
            "secure_status": secure.status_code,
            "secure_headers": dict(secure.headers),
            "plain_status": plain.status_code,
            "plain_location": plain.headers.get("Location"),
            "body": secure.content.decode()[:200000],
        }
    )
)
