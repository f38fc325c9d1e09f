"""`manage.py fetch_onet`: a release zip (downloaded or local) becomes occupation pages that
say what the job is, and a hostile or unreachable archive leaves the site as it was."""

import functools
import http.server
import re
import threading
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers import onet_fetch
from careers.models import ContentVersion, Occupation, Task
from careers.versioning import content_version
from tests.landscape_fixtures import ONET_FILES, write_onet

pytestmark = pytest.mark.django_db

RELEASE_FOLDER = "db_30_1_text"
DEVELOPERS = "/occupations/15-1252.00/"
CITATION = "O*NET 30.1 Database, December 2025"
HOW_TO_ADD = "load them with <code>manage.py fetch_onet</code>"
NOT_LOADED = "description of this occupation and its typical tasks are not loaded on this site"


def release_zip(tmp_path: Path, *, extra_members: dict[str, str] | None = None) -> Path:
    """The small test release, laid out like the official zip: files in db_30_1_text/."""
    files = write_onet(tmp_path / "release-files")
    archive = tmp_path / "db_30_1_text.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as release:
        release.writestr(f"{RELEASE_FOLDER}/", "")
        for path in sorted(files.iterdir()):
            release.write(path, f"{RELEASE_FOLDER}/{path.name}")
        for name, text in (extra_members or {}).items():
            release.writestr(name, text)
    return archive


def fetch(*args: str, **options) -> str:
    out = StringIO()
    call_command("fetch_onet", *args, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """Where the command's temporary folders go, so tests can see what it leaves behind."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(folder))
    return folder


def test_archive_brings_descriptions_and_tasks_onto_occupation_pages(client, tmp_path, scratch):
    version_before = ContentVersion.objects.filter(pk=1).values_list("number", flat=True).first()

    output = fetch("--archive", str(release_zip(tmp_path)))

    assert Occupation.objects.count() == len(ONET_FILES["Occupation Data.txt"]) - 1
    assert Occupation.objects.get(code="15-1252.00").description == "Build software."
    assert list(Task.objects.values_list("occupation__code", "text")) == [
        ("15-1252.00", "Write and test code.")
    ]
    assert f"release folder {RELEASE_FOLDER}/" in output
    assert "Changed the O*NET data." in output
    assert "search index rebuilt" in output
    # One content version raise for the whole run, so cached pages are rebuilt once.
    version_after = ContentVersion.objects.get(pk=1).number
    assert version_after == (version_before or 1) + 1
    assert list(scratch.iterdir()) == []  # the unpacked release is not left on disk

    page = client.get(DEVELOPERS).content.decode()
    assert '<h2 id="what-they-do">What they do</h2>' in page
    assert '<p class="lede">Build software.</p>' in page
    assert "<li>Write and test code.</li>" in page
    assert f"Source: {CITATION} (Occupation Data; Task Statements)." in page
    assert HOW_TO_ADD not in page
    assert page.index("What they do") < page.index("Write and test code.") < page.index("Wages")

    results = client.get("/search/", {"q": "software developers"}).content.decode()
    assert DEVELOPERS in results  # the search index was rebuilt from the imported names


def test_second_run_changes_nothing(tmp_path):
    archive = str(release_zip(tmp_path))
    fetch("--archive", archive)
    before = (
        list(Occupation.objects.order_by("code").values_list("code", "title", "description")),
        list(Task.objects.order_by("pk").values_list("pk", "text")),
    )

    output = fetch("--archive", archive)

    assert "O*NET: nothing to change; the data is already current." in output
    assert "search index rebuilt" not in output
    assert before == (
        list(Occupation.objects.order_by("code").values_list("code", "title", "description")),
        list(Task.objects.order_by("pk").values_list("pk", "text")),
    )


def test_dry_run_reports_and_writes_nothing(tmp_path):
    output = fetch("--archive", str(release_zip(tmp_path)), dry_run=True)

    assert "[dry run] Would change the O*NET data." in output
    assert not Occupation.objects.exists() and not Task.objects.exists()


@pytest.mark.parametrize(
    "member",
    [
        "../evil",
        f"{RELEASE_FOLDER}/../../evil",
        "/tmp/evil",  # noqa: S108 - a member name inside the zip, not a file we use
        "..\\evil",
    ],
)
def test_member_outside_the_folder_is_refused_and_nothing_written(tmp_path, scratch, member):
    version_before = content_version()
    archive = release_zip(tmp_path, extra_members={member: "overwrite me"})

    with pytest.raises(CommandError, match=r"refused: member .*evil") as refused:
        fetch("--archive", str(archive))

    assert "Nothing was unpacked or imported" in str(refused.value)
    assert not Occupation.objects.exists()
    assert content_version() == version_before
    assert list(scratch.iterdir()) == []
    assert not (tmp_path / "evil").exists()


def test_archive_larger_than_the_limit_is_refused(tmp_path, scratch, monkeypatch):
    archive = release_zip(tmp_path)
    monkeypatch.setattr(onet_fetch, "MAX_UNPACKED_BYTES", 1000)

    with pytest.raises(CommandError, match=r"would unpack to .*, more than the .* limit"):
        fetch("--archive", str(archive))

    assert not Occupation.objects.exists()
    assert list(scratch.iterdir()) == []


def test_zip_that_is_not_a_text_release_is_refused(tmp_path):
    archive = tmp_path / "db_30_1_excel.zip"
    with zipfile.ZipFile(archive, "w") as other:
        other.writestr("db_30_1_excel/Occupation Data.xlsx", "not text")

    with pytest.raises(CommandError, match=re.escape("holds no 'Occupation Data.txt'")):
        fetch("--archive", str(archive))
    assert not Occupation.objects.exists()


def test_file_that_is_not_a_zip_is_refused(tmp_path):
    archive = tmp_path / "db_30_1_text.zip"
    archive.write_text("<html>Page not found</html>")

    with pytest.raises(CommandError, match="not a readable zip archive"):
        fetch("--archive", str(archive))


def test_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        fetch("--archive", str(tmp_path / "absent.zip"))


def test_unreachable_address_says_to_use_archive():
    with pytest.raises(CommandError, match="--archive") as failed:
        fetch("--url", "http://127.0.0.1:9/x.zip", timeout=5)

    assert "Could not download http://127.0.0.1:9/x.zip" in str(failed.value)
    assert not Occupation.objects.exists()


@pytest.mark.parametrize(
    ("arguments", "expected_url"),
    [
        ((), "https://www.onetcenter.org/dl_files/database/db_30_1_text.zip"),
        (("--release", "29.3"), "https://www.onetcenter.org/dl_files/database/db_29_3_text.zip"),
    ],
)
def test_release_chooses_the_official_address(monkeypatch, arguments, expected_url):
    requested = []

    def offline(url, timeout):
        requested.append(url)
        raise onet_fetch.urllib.error.URLError("no network in tests")

    monkeypatch.setattr(onet_fetch.urllib.request, "urlopen", offline)

    with pytest.raises(
        CommandError, match=re.escape(f"Could not download {expected_url}: no network")
    ):
        fetch(*arguments)
    assert requested == [expected_url]


def test_release_that_is_not_a_version_is_refused():
    with pytest.raises(CommandError, match=re.escape("--release must look like 30.1")):
        fetch("--release", "latest")


def test_url_downloads_the_release_over_http(tmp_path):
    archive = release_zip(tmp_path)
    quiet_handler = type(
        "QuietHandler",
        (http.server.SimpleHTTPRequestHandler,),
        {"log_message": lambda self, *args: None},
    )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(quiet_handler, directory=str(tmp_path))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        output = fetch("--url", f"http://127.0.0.1:{server.server_port}/{archive.name}")
    finally:
        server.shutdown()
        server.server_close()

    assert f"Downloading http://127.0.0.1:{server.server_port}/{archive.name}" in output
    assert Occupation.objects.get(code="29-1141.00").description == "Care for patients."


def test_page_without_descriptions_says_how_to_add_them(client, tmp_path, make_user):
    # Like the shipped dataset: occupations and figures, but no O*NET sentences.
    without_text = {
        name: rows for name, rows in ONET_FILES.items() if name != "Task Statements.txt"
    }
    header, *occupations = ONET_FILES["Occupation Data.txt"]
    without_text["Occupation Data.txt"] = [
        header,
        *([code, title, ""] for code, title, _ in occupations),
    ]
    call_command("import_onet", str(write_onet(tmp_path / "bare", without_text)), stdout=StringIO())

    page = client.get(DEVELOPERS).content.decode()
    assert '<h2 id="what-they-do">What they do</h2>' in page
    assert NOT_LOADED in page
    assert 'href="https://www.onetonline.org/link/summary/15-1252.00"' in page
    assert HOW_TO_ADD not in page  # the command is for staff, not readers
    assert "Typical tasks" not in page and "(Occupation Data" not in page
    client.force_login(make_user("staff@example.com", is_staff=True))
    assert HOW_TO_ADD in client.get(DEVELOPERS).content.decode()

    # Following the note's advice puts the description where the note was.
    fetch("--archive", str(release_zip(tmp_path)))
    page = client.get(DEVELOPERS).content.decode()
    assert HOW_TO_ADD not in page and NOT_LOADED not in page
    assert '<p class="lede">Build software.</p>' in page
