import time
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction

from assessments.catalog import ASSESSMENTS_DIR, assessment_catalog_load
from careers.catalog import catalog_load
from careers.catalog_files import CATALOG_DIR


class Command(BaseCommand):
    help = (
        "Load the editorial catalog shipped in the repository (careers/catalog/). Idempotent: "
        "families whose file has not changed are left as editors left them in admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, default=CATALOG_DIR)
        parser.add_argument("--assessments", type=Path, default=ASSESSMENTS_DIR)
        parser.add_argument(
            "--force", action="store_true", help="Rewrite every family, even unchanged ones."
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report only.")

    def handle(
        self, *args, directory: Path, assessments: Path, force: bool, dry_run: bool, **options
    ):
        started = time.monotonic()
        prefix = "[dry run] " if dry_run else ""
        # One transaction for both: fit checks need the families, and a dry run or a
        # failure in either leaves nothing behind.
        with transaction.atomic():
            report = catalog_load(directory, force=force)
            assessments = assessment_catalog_load(assessments, force=force)
            if dry_run:
                transaction.set_rollback(True)
        for label, slugs in (("added", assessments.created), ("updated", assessments.updated)):
            for slug in slugs:
                self.stdout.write(f"  {prefix}{slug} fit check: {label}")
        if assessments.interests != "unchanged":
            self.stdout.write(f"  {prefix}interest profile items: {assessments.interests}")
        for label, slugs in (("added", report.created), ("updated", report.updated)):
            for slug in slugs:
                self.stdout.write(f"  {prefix}{slug}: {label}")
        if report.unchanged:
            self.stdout.write(f"  {len(report.unchanged)} families unchanged since the last load")
        if report.changed or assessments.changed:
            self.stdout.write(self.style.SUCCESS(f"{prefix}Catalog loaded."))
        else:
            self.stdout.write("Catalog: nothing to change; the content is already current.")
        self.stdout.write(
            f"{report.roles} roles, {report.published} published; "
            f"{len(assessments.created + assessments.updated + assessments.unchanged)} fit checks. "
            f"Done in {time.monotonic() - started:.1f} s."
        )
