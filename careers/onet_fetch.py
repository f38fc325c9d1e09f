"""Get an O*NET text release onto disk: download the official zip, unpack it safely and
find the folder that holds the release files, ready for `import_onet`.

The archive comes from the network, so it is treated as untrusted: every member is checked
before anything is written, and the unpacked size is bounded.
"""

import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path, PurePosixPath

RELEASE_URL = "https://www.onetcenter.org/dl_files/database/db_{major}_{minor}_text.zip"
DEFAULT_RELEASE = "30.1"
# The whole 30.x text release unpacks to a few hundred MB; anything far beyond that is
# not a release (or is a zip bomb).
MAX_UNPACKED_BYTES = 1024**3
MAX_DOWNLOAD_BYTES = 512 * 1024**2
DOWNLOAD_TIMEOUT_SECONDS = 60
MARKER_FILE = "Occupation Data.txt"  # every text release has it; it names the release folder
OFFLINE_ADVICE = (
    "If this machine has no internet access, download the zip on another machine and run "
    "`manage.py fetch_onet --archive PATH_TO_ZIP`."
)

# What a refused connection, a timeout, an HTTP error status or a dropped transfer raise.
NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, TimeoutError, ConnectionError)


class FetchError(Exception):
    """The release could not be downloaded or unpacked; the message says why and what to do."""


def release_url(release: str) -> str:
    """The onetcenter.org address of a release's text zip: 30.1 → …/db_30_1_text.zip."""
    match = re.fullmatch(r"(\d+)\.(\d+)", release.strip())
    if not match:
        raise FetchError(f"--release must look like 30.1 (major.minor), not {release!r}")
    return RELEASE_URL.format(major=match.group(1), minor=match.group(2))


def download(url: str, destination: Path, *, timeout: float = DOWNLOAD_TIMEOUT_SECONDS) -> int:
    """Stream `url` into `destination`; return the number of bytes written."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"only http and https addresses can be downloaded, not {url}")
    written = 0
    try:
        # The scheme is checked above, so urlopen cannot be steered to file:// or ftp://.
        with (
            urllib.request.urlopen(url, timeout=timeout) as response,  # noqa: S310
            destination.open("wb") as target,
        ):
            while chunk := response.read(1024 * 1024):
                written += len(chunk)
                if written > MAX_DOWNLOAD_BYTES:
                    raise FetchError(
                        f"{url} is larger than {MAX_DOWNLOAD_BYTES // 1024**2} MB, far more "
                        "than an O*NET release; stopped the download."
                    )
                target.write(chunk)
    except NETWORK_ERRORS as error:
        reason = getattr(error, "reason", error)
        raise FetchError(f"Could not download {url}: {reason}. {OFFLINE_ADVICE}") from error
    return written


def readable_size(size_bytes: int) -> str:
    """Bytes as MB, or as KB when under a megabyte (a test release is a few KB)."""
    if size_bytes < 1024**2:
        return f"{size_bytes / 1024:,.0f} KB"
    return f"{size_bytes / 1024**2:,.1f} MB"


def unsafe_member_problem(name: str) -> str | None:
    """Why a member name would write outside the unpack folder, or None if it is safe."""
    # Zips made on Windows may use backslashes; treat them as separators too.
    normalised = name.replace("\\", "/")
    if normalised.startswith("/") or re.match(r"[A-Za-z]:", normalised):
        return "is an absolute path"
    if ".." in PurePosixPath(normalised).parts:
        return "climbs out of the folder with '..'"
    return None


def unpack_release(archive: Path, destination: Path) -> tuple[Path, int, int]:
    """Unpack `archive` into `destination` after checking every member; return the folder
    that holds the release files, the number of files and their total size in bytes."""
    try:
        with zipfile.ZipFile(archive) as release_zip:
            members = release_zip.infolist()
            for member in members:
                problem = unsafe_member_problem(member.filename)
                if problem:
                    raise FetchError(
                        f"{archive.name} refused: member {member.filename!r} {problem}. "
                        "Nothing was unpacked or imported."
                    )
            # file_size is what the archive declares; zipfile stops reading a member at that
            # size and fails its CRC check if the data runs on, so the bound holds.
            unpacked_bytes = sum(member.file_size for member in members)
            if unpacked_bytes > MAX_UNPACKED_BYTES:
                raise FetchError(
                    f"{archive.name} refused: it would unpack to {readable_size(unpacked_bytes)}"
                    f", more than the {readable_size(MAX_UNPACKED_BYTES)} limit. "
                    "Nothing was unpacked or imported."
                )
            release_zip.extractall(destination)
    except zipfile.BadZipFile as error:
        raise FetchError(f"{archive.name} is not a readable zip archive: {error}") from error
    file_count = sum(1 for member in members if not member.is_dir())
    return release_folder(destination, archive), file_count, unpacked_bytes


def release_folder(unpacked: Path, archive: Path) -> Path:
    """The one folder under `unpacked` holding the release (releases nest their files in a
    folder such as db_30_1_text/)."""
    folders = sorted({marker.parent for marker in unpacked.rglob(MARKER_FILE)})
    if not folders:
        raise FetchError(
            f"{archive.name} holds no {MARKER_FILE!r}, so it is not an O*NET text release "
            "(the Excel and MySQL downloads cannot be imported; use the text one)."
        )
    if len(folders) > 1:
        found = ", ".join(str(folder.relative_to(unpacked)) for folder in folders)
        raise FetchError(
            f"{archive.name} holds more than one release ({found}); unpack it and run "
            "`manage.py import_onet` on the one you want."
        )
    return folders[0]
