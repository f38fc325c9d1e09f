from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from careers.dataset import DEFAULT_PATH, dataset_build, dataset_write
from careers.models import Occupation

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Write the compact landscape dataset from the database (after import_onet and "
        "import_bls). See README, 'Rebuilding the shipped dataset'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEFAULT_PATH)

    def handle(self, *args, output: Path, **options):
        if not Occupation.objects.exists():
            raise CommandError("The database has no occupations: import the releases first.")
        size = dataset_write(dataset_build(), output)
        if size > MAX_BYTES:
            raise CommandError(f"{output} is {size:,} bytes, over the 5 MB budget")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({size:,} bytes)."))
