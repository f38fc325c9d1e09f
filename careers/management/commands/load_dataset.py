import time
from pathlib import Path

from django.core.management.base import BaseCommand

from careers.dataset import DEFAULT_PATH, dataset_load, dataset_read
from careers.management.commands._reporting import report_write
from careers.search.index import search_index_refresh
from careers.versioning import content_version_batch


class Command(BaseCommand):
    help = "Load the landscape dataset shipped in the repository. Idempotent and atomic."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    @content_version_batch()  # one new content version for the whole run
    def handle(self, *args, path: Path, dry_run: bool, **options):
        started = time.monotonic()
        self.stdout.write(f"Loading the landscape dataset from {path.name}")
        reports = dataset_load(dataset_read(path), dry_run=dry_run)
        for title, report in reports:
            report_write(self, title, report, dry_run=dry_run)
        if not dry_run:
            search_index_refresh(self, changed=any(report.changed for _, report in reports))
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
