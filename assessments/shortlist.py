"""The shortlist: roles a person keeps to compare later.

Without an account it is a list of role slugs in the session (server-side session data,
like anonymous results); signed in, it is ShortlistEntry rows. When a person signs up or
logs in, the session's list moves into the account (assessments/receivers.py). Only
published roles can be added; a role unpublished later simply drops out of the list.
"""

from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404

from assessments.models import ShortlistEntry
from careers.models import Role

SESSION_SHORTLIST = "shortlist_role_slugs"
# Enough for any real search, and it keeps a session (and an account) from growing without
# end; compare takes four at a time.
SHORTLIST_MAX = 30


class ShortlistFull(Exception):
    """The shortlist already holds SHORTLIST_MAX roles."""


class Claimed(NamedTuple):
    moved: int
    left_out: int  # beyond SHORTLIST_MAX in the account


def shortlist_role(*, slug: str) -> Role:
    """The published role a shortlist form names; 404 for unknown roles and drafts."""
    return get_object_or_404(Role.objects.published(), slug=slug)


def _session_slugs(session) -> list[str]:
    # No session cookie means an empty shortlist: do not load (or create) a session for it.
    if not session.session_key:
        return []
    return list(session.get(SESSION_SHORTLIST, []))


def shortlist_add(*, user, session, role: Role) -> bool:
    """Put the role on the person's shortlist; False when it was there already.
    Raises ShortlistFull when there is no room."""
    if not user.is_authenticated:
        slugs = _session_slugs(session)
        if role.slug in slugs:
            return False
        if len(slugs) >= SHORTLIST_MAX:
            # Roles unpublished since they were added do not count against the limit.
            slugs = list(
                Role.objects.published().filter(slug__in=slugs).values_list("slug", flat=True)
            )
            if len(slugs) >= SHORTLIST_MAX:
                raise ShortlistFull
        session[SESSION_SHORTLIST] = [*slugs, role.slug]
        return True
    if ShortlistEntry.objects.filter(owner=user, role=role).exists():
        return False
    if _account_entries(user).count() >= SHORTLIST_MAX:
        raise ShortlistFull
    try:
        with transaction.atomic():
            ShortlistEntry.objects.create(owner=user, role=role)
    except IntegrityError:  # added by a parallel request (a double click)
        return False
    return True


def shortlist_remove(*, user, session, role: Role) -> bool:
    """Take the role off the person's shortlist; False when it was not on it."""
    if not user.is_authenticated:
        slugs = _session_slugs(session)
        if role.slug not in slugs:
            return False
        session[SESSION_SHORTLIST] = [slug for slug in slugs if slug != role.slug]
        return True
    deleted, _ = ShortlistEntry.objects.filter(owner=user, role=role).delete()
    return bool(deleted)


def shortlist_roles(*, user, session) -> list[Role]:
    """The person's shortlisted roles, published ones only, in the order they were added,
    each with its family and level. One query (besides the session)."""
    if user.is_authenticated:
        entries = _account_entries(user).select_related("role__family", "role__level")
        return [entry.role for entry in entries]
    slugs = _session_slugs(session)
    if not slugs:
        return []
    roles = Role.objects.published().select_related("family", "level").filter(slug__in=slugs)
    by_slug = {role.slug: role for role in roles}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


def shortlist_slugs(*, user, session) -> set[str]:
    """Slugs on the person's shortlist, for marking roles on a page. At most one query."""
    if user.is_authenticated:
        return set(ShortlistEntry.objects.filter(owner=user).values_list("role__slug", flat=True))
    return set(_session_slugs(session))


def shortlist_claim(*, session, user) -> Claimed:
    """Move the shortlist this browser kept without an account into the account that just
    signed in, after the roles the account already holds, up to SHORTLIST_MAX."""
    slugs = session.pop(SESSION_SHORTLIST, [])
    if not slugs:
        return Claimed(0, 0)
    held = dict(ShortlistEntry.objects.filter(owner=user).values_list("role_id", "role__status"))
    published = dict(Role.objects.published().filter(slug__in=slugs).values_list("slug", "id"))
    new = []
    for slug in slugs:
        role_id = published.get(slug)
        if role_id is not None and role_id not in held and role_id not in new:
            new.append(role_id)
    room = max(SHORTLIST_MAX - list(held.values()).count(Role.Status.PUBLISHED), 0)
    ShortlistEntry.objects.bulk_create(
        [ShortlistEntry(owner=user, role_id=role_id) for role_id in new[:room]],
        ignore_conflicts=True,  # a parallel login moving the same list
    )
    return Claimed(moved=min(len(new), room), left_out=max(len(new) - room, 0))


def _account_entries(user):
    """The account's entries for published roles, oldest first: what the person sees and
    what counts against the limit."""
    return ShortlistEntry.objects.filter(owner=user, role__status=Role.Status.PUBLISHED)
