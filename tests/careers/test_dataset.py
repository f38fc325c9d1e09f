import gzip
import json
import re
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.dataset import DEFAULT_PATH, dataset_build, dataset_read
from careers.importing import BLS_FIELDS
from careers.models import (
    BlsOccupation,
    DataRelease,
    ElementRating,
    Occupation,
    ReportedTitle,
    Task,
)

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
    # The labels with a rule behind them survive the trip.
    assert ReportedTitle.objects.filter(occupation__code="29-1223.00").get().title == (
        "Staff Psychiatrist"
    )
    assert ElementRating.objects.filter(level_suppressed=True).count() == 1
    actors = BlsOccupation.objects.get(code="27-2011")
    assert actors.wage_hourly_only and actors.wage_hourly_median == Decimal("29.05")
    psychiatrists = BlsOccupation.objects.get(code="29-1223")
    assert psychiatrists.wage_median == 239200
    assert psychiatrists.wage_top_coded_percentiles == ["median", "p75", "p90"]
    assert list(
        BlsOccupation.objects.filter(strong_outlook=True).values_list("code", flat=True)
    ) == [
        "15-1252",
        "29-1141",
    ]

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
    "content",
    [b"not gzip", gzip.compress(b"{not json", mtime=0), gzip.compress(b'{"format": 99}', mtime=0)],
    ids=["not gzip", "not json", "unknown format"],  # the same names in every test worker
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


def test_shipped_dataset_carries_reported_titles_and_caveats():
    data = dataset_read(DEFAULT_PATH)
    assert len(data["reported_titles"]) == 7955  # O*NET 30.1 Sample of Reported Titles
    assert ["11-1011.00", "CEO (Chief Executive Officer)", True] in data["reported_titles"]
    assert any(row[5] for row in data["ratings"])  # level "Recommend Suppress" flags
    actors = dict(
        zip(BLS_FIELDS, next(r[1:] for r in data["bls"] if r[0] == "27-2011"), strict=True)
    )
    # OEWS May 2025 publishes only hourly wages for actors.
    assert actors["wage_hourly_only"] and actors["wage_hourly_median"] == "29.05"
    assert actors["wage_median"] is None
    oews = next(r for r in data["releases"] if r["source"] == "bls-oews")
    assert oews["facts"]["top_code_annual"] == 239200
