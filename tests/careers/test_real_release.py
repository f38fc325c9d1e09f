"""Import the real O*NET 30.1 and BLS files from ../shared/data and check real facts.

Required in CI; skipped only when the shared data directory is absent (a fresh machine
without it still has the shipped dataset)."""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from careers.models import Occupation, RelatedOccupation

SHARED = settings.SHARED_DATA_DIR
ONET = SHARED / "onet" / "db_30_1_text"
SKILLS = SHARED / "onet" / "db_30_x_excel" / "converted_text"

if not ONET.is_dir():
    if os.environ.get("CI"):
        raise RuntimeError(f"{SHARED} is required in CI for the real-release import test")
    pytestmark = pytest.mark.skip(reason=f"{SHARED} is not present on this machine")
else:
    pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_real_release_imports_with_real_facts():
    call_command("import_onet", str(ONET), str(SKILLS), stdout=StringIO())
    out = StringIO()
    call_command("import_bls", stdout=out)

    rated = Occupation.objects.with_ratings()
    assert rated.count() > 900
    assert rated.filter(ratings__element__domain="skill").distinct().count() > 850

    admins = Occupation.objects.get(code="15-1244.00")
    assert admins.title == "Network and Computer Systems Administrators"
    assert admins.job_zone == 4
    related = RelatedOccupation.objects.filter(occupation=admins)
    assert related.count() == 20
    assert set(related.values_list("tier", flat=True)) == {
        "Primary-Short",
        "Primary-Long",
        "Supplemental",
    }
    assert related.filter(related__code="15-1241.00").exists()  # Computer Network Architects

    with_wages = Occupation.objects.filter(bls__wage_median__isnull=False).count()
    assert with_wages > 700
    developers = Occupation.objects.select_related("bls").get(code="15-1252.00")
    assert developers.bls.code == "15-1252"
    assert developers.bls.wage_median == 135980  # OEWS May 2025
    assert developers.alternate_titles.filter(title="Site Reliability Engineer").exists()
    assert "have wages" in out.getvalue()

    again = StringIO()
    call_command("import_onet", str(ONET), str(SKILLS), stdout=again)
    assert "nothing to change" in again.getvalue()
