"""The content version: derived data (the move graph, and later whole pages) is cached
under it, and every change to content or data raises it.

Saves and deletes of the content models raise it through signals (connected in each app's
ready()); the management commands that load or import wrap their work in
`content_version_batch()`, which holds the per-save raises back and raises the version once
at the end.
"""

import functools
import threading
import uuid
from collections.abc import Callable, Hashable
from contextlib import contextmanager
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from careers.models import ContentVersion

_state = threading.local()
# Where a shared cache keeps the version, for the page cache (truest.page_cache) to read
# without a query.
VERSION_CACHE_KEY = "content-version"
Built = TypeVar("Built")


def content_version() -> str:
    """The current version ("<number>-<stamp>"); one query, unless a read-only request has
    pinned the version it already read (content_version_pin)."""
    pinned = getattr(_state, "pinned", None)
    if pinned is not None:
        return pinned
    # Plain SQL: it is read on every request, and through the ORM it cost about 0.33 ms
    # against 0.02 ms (compiling the query was nearly all of it).
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [1])
        row = cursor.fetchone()
    if row is None:
        return "0"
    number, stamp = row
    return f"{number}-{stamp.hex if isinstance(stamp, uuid.UUID) else uuid.UUID(stamp).hex}"


# The table's name comes from the model, never from input.
_VERSION_SQL = f"SELECT number, stamp FROM {ContentVersion._meta.db_table} WHERE id = %s"  # noqa: S608


def content_version_pin(version: str | None) -> None:
    """For a read-only request that has read the version (truest.page_cache): later reads
    in it (the per-version builders) reuse that one instead of querying again. None
    unpins; the page cache unpins when the response is done."""
    _state.pinned = version


def content_version_bump(**_signal_kwargs) -> None:
    """Raise the version (a signal receiver as well), unless a batch is open."""
    if getattr(_state, "batch", 0):
        return  # the batch raises it once at its end
    updated = ContentVersion.objects.filter(pk=1).update(
        number=F("number") + 1, stamp=uuid.uuid4(), changed_at=timezone.now()
    )
    if not updated:
        ContentVersion.objects.get_or_create(pk=1, defaults={"number": 2})
    # Once the raise is committed (at once, outside a transaction), tell the cache; readers
    # only ever `add`, so a reader holding the old version cannot overwrite this one.
    transaction.on_commit(_version_publish)


def _version_publish() -> None:
    cache.set(VERSION_CACHE_KEY, content_version(), None)


@contextmanager
def content_version_batch():
    """Raise the version once, at the end, for everything written inside, bulk writes
    included (they send no signals); nested batches fold into the outermost. Inside a
    transaction the raise commits or rolls back with the writes. Usable as a decorator."""
    _state.batch = getattr(_state, "batch", 0) + 1
    try:
        yield
    finally:
        _state.batch -= 1
        if not _state.batch:
            content_version_bump()


def version_on_change(*models) -> None:
    """Connect the signals that raise the version for these models (and their m2m)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        uid = f"content_version_{model._meta.label_lower}"
        post_save.connect(content_version_bump, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(content_version_bump, sender=model, dispatch_uid=f"{uid}_delete")
        for m2m in model._meta.many_to_many:
            m2m_changed.connect(
                content_version_bump, sender=m2m.remote_field.through, dispatch_uid=f"{uid}_m2m"
            )


def per_content_version(build: Callable[[], Built]) -> Callable[[], Built]:
    """Wrap a builder of derived data so it runs once per content version and process; each
    call then costs the one query that reads the version. Only the latest version is kept."""
    lock = threading.Lock()
    cache: dict[str, Built] = {}

    @functools.wraps(build)
    def cached() -> Built:
        version = content_version()
        built = cache.get(version)
        if built is None:
            with lock:
                built = cache.get(version)
                if built is None:
                    built = build()
                    cache.clear()
                    cache[version] = built
        return built

    return cached


def per_content_version_by(key: Callable[..., Hashable], *, limit: int = 10_000):
    """Decorate a builder with arguments so each distinct call (by `key` of its arguments)
    is built once per content version and process, like per_content_version. At most
    `limit` results are kept (the oldest go first), so odd requests cannot fill memory."""

    def decorate(build: Callable[..., Built]) -> Callable[..., Built]:
        results_of_this_version = per_content_version(dict)

        @functools.wraps(build)
        def cached(*args, **kwargs) -> Built:
            results = results_of_this_version()
            found = key(*args, **kwargs)
            built = results.get(found)
            if built is None:  # two threads may both build it: the same value
                built = results[found] = build(*args, **kwargs)
                while len(results) > limit:
                    results.pop(next(iter(results)), None)
            return built

        return cached

    return decorate
