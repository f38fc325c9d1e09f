import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from truest.models import User

# Small O*NET/BLS releases and catalogs written by the tests, shared by every test package.
pytest_plugins = ["tests.landscape_fixtures"]

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture(autouse=True)
def _clear_cache():
    page_copies_drop()
    yield
    page_copies_drop()


@pytest.fixture
def make_user(db):
    """Create a verified user who can log in with PASSWORD."""

    def make(email: str = "ada@example.com", *, verified: bool = True, **extra) -> User:
        user = User.objects.create_user(email=email, password=PASSWORD, **extra)
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
        return user

    return make


@pytest.fixture
def user(make_user) -> User:
    return make_user()


@pytest.fixture
def editor(make_user, catalog) -> User:
    """A member of the Editors group, with the small test catalog loaded."""
    from io import StringIO

    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("sync_editors_group", stdout=StringIO())
    user = make_user("editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def page_copies_drop() -> None:
    """Empty Django's caches (pages' shared fragments too) and forget the strangers'
    cached page copies (truest.page_cache), so the next request renders: every test starts
    so, and tests that pin what rendering a page costs call it again. Per-version derived
    data (the move graph, the search catalog, pages' data) stays built."""
    from django.core.cache import cache, caches

    from truest.page_cache import recent_pages_forget

    cache.clear()
    caches["fragments"].clear()
    recent_pages_forget()


def confirmation_link(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body)
    assert match, f"no confirmation link in:\n{message.body}"
    return match.group(0)


@pytest.fixture(scope="module")
def shipped_site(django_db_setup, django_db_blocker):
    """The shipped dataset and catalog (setup_site), loaded once for a module and rolled
    back at its end; each test still runs in its own savepoint, so one test's edits never
    reach the next."""
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("setup_site", stdout=StringIO())
        yield
        transaction.set_rollback(True)
