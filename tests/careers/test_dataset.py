import gzip
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.dataset import DEFAULT_PATH, dataset_build, dataset_read
from careers.models import BlsOccupation, DataRelease, Occupation, Task

pytestmark = pytest.mark.django_db


def test_dataset_round_trip_without_o_net_sentences(landscape, tmp_path):
    path = tmp_path / "landscape.json.gz"
    call_command("build_dataset", output=path, stdout=StringIO())
    text = gzip.decompress(path.read_bytes()).decode()
    assert "Build software." not in text  # no O*NET description
    assert "Write and test code." not in text  # no task statements
    expected = dataset_build()

    Occupation.objects.all().delete()
    BlsOccupation.objects.all().delete()
    DataRelease.objects.all().delete()
    out = StringIO()
    call_command("load_dataset", str(path), stdout=out)
    assert dataset_build() == expected
    assert not Task.objects.exists()
    assert Occupation.objects.get(code="15-1252.00").bls.wage_median == 135980

    again = StringIO()
    call_command("load_dataset", str(path), stdout=again)
    assert "O*NET: nothing to change" in again.getvalue()
    assert "BLS: nothing to change" in again.getvalue()


def test_building_twice_gives_identical_bytes(landscape, tmp_path):
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    call_command("build_dataset", output=first, stdout=StringIO())
    call_command("build_dataset", output=second, stdout=StringIO())
    assert first.read_bytes() == second.read_bytes()


def test_loading_the_dataset_keeps_imported_descriptions(landscape, tmp_path):
    path = tmp_path / "landscape.json.gz"
    call_command("build_dataset", output=path, stdout=StringIO())
    call_command("load_dataset", str(path), stdout=StringIO())
    assert Occupation.objects.get(code="15-1252.00").description == "Build software."


@pytest.mark.parametrize(
    "content", [b"not gzip", gzip.compress(b"{not json"), gzip.compress(b'{"format": 99}')]
)
def test_a_damaged_dataset_is_refused_clearly(tmp_path, content):
    path = tmp_path / "damaged.json.gz"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape("damaged.json.gz")):
        call_command("load_dataset", str(path), stdout=StringIO())
    assert not Occupation.objects.exists()


def test_shipped_dataset_is_compact_and_has_the_whole_landscape():
    assert DEFAULT_PATH.stat().st_size < 5 * 1024 * 1024
    data = dataset_read(DEFAULT_PATH)
    assert len(data["occupations"]) > 1000
    assert sum(1 for row in data["occupations"] if row[2]) > 900  # rated: has a Job Zone
    assert {release["source"] for release in data["releases"]} == {
        "onet",
        "bls-projections",
        "bls-oews",
        "bls-crosswalk",
    }
    assert "description" not in json.dumps(data["occupations"][:5])
