import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.importing import onet_release_write
from careers.management.commands._reporting import report_write
from careers.onet import read_release
from careers.search.index import search_index_refresh
from careers.versioning import content_version_batch


class Command(BaseCommand):
    help = (
        "Import an O*NET text release (tab-delimited). Give the release directory, and "
        "optionally more directories that supply files the release lacks (e.g. Skills.txt "
        "and Knowledge.txt from the 30.x Excel conversion). Idempotent and atomic."
    )

    def add_arguments(self, parser):
        parser.add_argument("directories", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    @content_version_batch()  # one new content version for the whole run
    def handle(self, *args, directories: list[Path], dry_run: bool, **options):
        for directory in directories:
            if not directory.is_dir():
                raise CommandError(f"{directory} is not a directory")
        started = time.monotonic()
        release = read_release(
            directories, progress=lambda message: self.stdout.write(f"  {message}")
        )
        for missing in release.missing:
            self.stdout.write(self.style.WARNING(f"  optional file not found, skipped: {missing}"))
        self.stdout.write(f"Writing {release.name} ({release.published or 'date unknown'})")
        report = onet_release_write(release=release, dry_run=dry_run)
        report_write(self, "O*NET", report, dry_run=dry_run)
        if not dry_run:
            search_index_refresh(self, changed=report.changed)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
