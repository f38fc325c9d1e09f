import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from careers.onet_fetch import (
    DEFAULT_RELEASE,
    DOWNLOAD_TIMEOUT_SECONDS,
    FetchError,
    download,
    readable_size,
    release_url,
    unpack_release,
)


class Command(BaseCommand):
    help = (
        "Download the official O*NET text release (or use a local zip with --archive), unpack "
        "it safely and import it with import_onet, descriptions and task statements included. "
        "Atomic and idempotent, like import_onet."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--release",
            help=f"O*NET database version to download, e.g. {DEFAULT_RELEASE} (the default).",
        )
        source.add_argument("--url", help="Download the text release zip from this address.")
        source.add_argument(
            "--archive",
            type=Path,
            help="Use this local zip instead of downloading (for machines without internet).",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=DOWNLOAD_TIMEOUT_SECONDS,
            help="Seconds to wait for the server before giving up.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")

    def handle(self, *args, release, url, archive, timeout, dry_run, **options):
        # Everything downloaded or unpacked lives in a scratch folder removed at the end,
        # whether the import succeeds or not.
        with tempfile.TemporaryDirectory(prefix="truest-onet-") as scratch:
            scratch = Path(scratch)
            try:
                if archive is None:
                    archive = self.download_release(release, url, scratch, timeout)
                elif not archive.is_file():
                    raise FetchError(f"--archive {archive}: no such file")
                else:
                    self.stdout.write(f"Using the local archive {archive}")
                folder, file_count, unpacked_bytes = unpack_release(archive, scratch / "unpacked")
            except FetchError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                f"Unpacked {file_count} files ({readable_size(unpacked_bytes)}); "
                f"release folder {folder.relative_to(scratch / 'unpacked')}/"
            )
            # The same code path as a manual import: one transaction, one content version
            # raise, the search index rebuilt when anything changed.
            call_command(
                "import_onet", str(folder), dry_run=dry_run, stdout=self.stdout, stderr=self.stderr
            )
        self.stdout.write("Removed the temporary files.")

    def download_release(
        self, release: str | None, url: str | None, scratch: Path, timeout: float
    ) -> Path:
        url = url or release_url(release or DEFAULT_RELEASE)
        # Keep the server's file name for messages, but only a plain *.zip name.
        name = Path(urlsplit(url).path).name
        archive = scratch / (name if name.endswith(".zip") else "onet-release.zip")
        self.stdout.write(f"Downloading {url}")
        downloaded_bytes = download(url, archive, timeout=timeout)
        self.stdout.write(f"  downloaded {readable_size(downloaded_bytes)}")
        return archive
