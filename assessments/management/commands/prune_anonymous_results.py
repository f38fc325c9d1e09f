from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.models import Result
from assessments.services import SESSION_RESULTS


class Command(BaseCommand):
    help = (
        "Delete results nobody claimed (taken without an account) once the browser session "
        "that could see them has ended: expired, logged out or deleted. Run daily, e.g. "
        "from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=max(1, settings.SESSION_COOKIE_AGE // 86400),
            help="For results saved before sessions were recorded: delete unclaimed ones "
            "older than this (default: the session age).",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, older_than_days: int, dry_run: bool, **options):
        store = import_module(settings.SESSION_ENGINE).SessionStore
        unclaimed = Result.all_objects.filter(owner__isnull=True)
        ended = []
        for key in (
            unclaimed.exclude(session_key="").values_list("session_key", flat=True).distinct()
        ):
            # load() returns nothing for a session that expired or no longer exists.
            if not store(session_key=key).load().get(SESSION_RESULTS):
                ended.append(key)
        stale = unclaimed.filter(session_key__in=ended) | unclaimed.filter(
            session_key="", created_at__lt=timezone.now() - timedelta(days=older_than_days)
        )
        total = stale.count()
        if not dry_run:
            stale.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {total} unclaimed results whose browser session has ended "
            f"({len(ended)} sessions)."
        )
