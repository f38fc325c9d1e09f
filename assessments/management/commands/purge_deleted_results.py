from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.models import RESULT_UNDO_DAYS, Result


class Command(BaseCommand):
    help = (
        f"Remove for good the results and plans their owners deleted more than "
        f"{RESULT_UNDO_DAYS} days ago (until then a deletion can be undone). Run daily, e.g. "
        "from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, dry_run: bool, **options):
        cutoff = timezone.now() - timedelta(days=RESULT_UNDO_DAYS)
        expired = Result.all_objects.filter(deleted_at__lt=cutoff)
        total = expired.count()
        if not dry_run:
            expired.delete()
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {total} result(s) deleted before {cutoff:%Y-%m-%d}.")
