from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.models import Result


class Command(BaseCommand):
    help = (
        "Delete results nobody claimed (taken without an account) once the browser session "
        "that could see them has expired. Run daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=max(1, settings.SESSION_COOKIE_AGE // 86400),
            help="Age after which an unclaimed result is deleted (default: the session age).",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, older_than_days: int, dry_run: bool, **options):
        cutoff = timezone.now() - timedelta(days=older_than_days)
        stale = Result.objects.filter(owner__isnull=True, created_at__lt=cutoff)
        total = stale.count()
        if not dry_run:
            stale.delete()
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {total} unclaimed results older than {older_than_days} days.")
