"""Real-browser tests: Debian's Chromium driven by pytest-playwright against live_server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told it is safe. It is safe here: each test is a single thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("TRUEST_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)."
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must run the browser tests, never skip them.
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def sign_up_and_confirm(page, live_server, email: str) -> None:
    """From the sign-up page: sign up, open the emailed confirmation link in the same
    browser and confirm, which signs the person in and takes them back where they were."""
    import re
    from urllib.parse import urlsplit

    from django.core import mail
    from playwright.sync_api import expect

    from tests.conftest import PASSWORD, confirmation_link

    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile("Password \\(again\\)")).fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(live_server.url + urlsplit(confirmation_link(mail.outbox[-1])).path)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(email)
