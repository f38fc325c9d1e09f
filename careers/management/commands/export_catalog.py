from pathlib import Path

from django.core.management.base import BaseCommand

from careers.catalog_export import catalog_export
from careers.catalog_files import CATALOG_DIR


class Command(BaseCommand):
    help = (
        "Write the catalog as the database holds it (editors' admin work included) back to "
        "the catalog files: one TOML file per job family, skills.toml and levels.toml, in "
        "the format load_catalog reads. Comments and layout of existing files are kept. "
        "Loading the written files changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=CATALOG_DIR,
            help="Where to write (default: the repository's careers/catalog/).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the files that would change."
        )

    def handle(self, *args, directory: Path, dry_run: bool, **options):
        report = catalog_export(directory, dry_run=dry_run)
        for name in report.changed:
            label = "[dry run] would be written" if dry_run else "written"
            self.stdout.write(f"  {name}: {label}")
        if not report.changed:
            self.stdout.write(
                f"Catalog files in {directory}: nothing to change; they match the database."
            )
        elif dry_run:
            self.stdout.write(
                f"[dry run] {len(report.changed)} file(s) in {directory} would change."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Wrote {len(report.changed)} file(s) to {directory}; "
                    f"{len(report.unchanged)} unchanged. Review them with `git diff`."
                )
            )
