"""Account-level writes: remembering sessions, deleting an account and everything in it."""

from importlib import import_module

from django.conf import settings
from django.db import transaction

from truest.models import AccountSession, User


def account_session_remember(*, user: User, session_key: str | None) -> None:
    if session_key:
        AccountSession.objects.get_or_create(user=user, session_key=session_key)


def account_with_sessions_delete(*, user: User) -> None:
    """Delete the account, its results (cascade), and end every session it signed in with,
    whichever backend stores them."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(AccountSession.objects.filter(user=user).values_list("session_key", flat=True))
    with transaction.atomic():
        user.delete()
        for key in keys:
            store(session_key=key).delete()


def remember_session_on_login(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver."""
    if request is not None and hasattr(request, "session"):
        account_session_remember(user=user, session_key=request.session.session_key)
