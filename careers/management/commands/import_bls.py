import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from careers.bls import BlsRelease, read_crosswalk, read_projections, read_wages
from careers.importing import bls_release_write
from careers.management.commands._reporting import report_write
from careers.search.index import search_index_refresh
from careers.versioning import content_version_batch

BLS_DIR = Path(settings.SHARED_DATA_DIR) / "bls"


class Command(BaseCommand):
    help = (
        "Import BLS Employment Projections (Table 1.2), OEWS national wages and the "
        "O*NET-SOC → NEM crosswalk, and link them to the O*NET occupations. Run after "
        "import_onet. Idempotent and atomic."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--projections", type=Path, default=BLS_DIR / "ep_2024_34" / "occupation.xlsx"
        )
        parser.add_argument(
            "--wages", type=Path, default=BLS_DIR / "oews_may2025" / "national_M2025_dl.xlsx"
        )
        parser.add_argument(
            "--crosswalk",
            type=Path,
            default=BLS_DIR / "crosswalks" / "nem-onet-to-soc-crosswalk.xlsx",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    @content_version_batch()  # one new content version for the whole run
    def handle(
        self, *args, projections: Path, wages: Path, crosswalk: Path, dry_run: bool, **options
    ):
        started = time.monotonic()
        release = BlsRelease()
        for label, path, reader in [
            ("projections", projections, read_projections),
            ("wages", wages, read_wages),
            ("crosswalk", crosswalk, read_crosswalk),
        ]:
            self.stdout.write(f"  reading {label}: {path.name}")
            reader(path, release)
        report = bls_release_write(release=release, dry_run=dry_run)
        report_write(self, "BLS", report, dry_run=dry_run)
        if not dry_run:
            search_index_refresh(self, changed=report.changed)
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
