"""The interest result in words: top areas explained, the code explained, one entry per
kind of work, fits named in words and never for unrelated work, and a preparation choice
that keeps senior rungs out of a medium-preparation list."""

import re
import uuid
from io import StringIO

import pytest
from django.core.management import call_command

from assessments.models import InterestItem, Result
from assessments.selectors import (
    INTEREST_AREA_MEANINGS,
    INTEREST_FIT_MIN,
    INTEREST_FITS,
    interest_fit,
    interest_matches,
    rung_preparation,
)
from assessments.services import pearson
from careers.landscape import RIASEC_AREAS
from careers.models import Occupation, Role
from tests.assessments.helpers import interest_answers

pytestmark = pytest.mark.django_db

FIT_WORDS = {label.lower() for _cut_off, _key, label in INTEREST_FITS}
CARE_RUNGS = ["junior", "mid", "senior", "staff"]


@pytest.fixture
def care_catalog(landscape, tmp_path):
    """The small catalog plus a family whose occupation (Registered Nurses) needs medium
    preparation, with rungs from junior to staff: the shape of technical support."""
    from tests.careers.catalog_factory import family_toml, write_assessments, write_catalog

    directory = write_catalog(tmp_path / "catalog")
    roles = [
        {
            "level": level,
            "title": f"{level.capitalize()} Care Coordinator",
            "slug": f"{level}-care-coordinator",
            "years_min": index * 3,
            "years_max": index * 3 + 2,
        }
        for index, level in enumerate(CARE_RUNGS)
    ]
    (directory / "care.toml").write_text(
        family_toml("care", occupation="29-1141.00", roles=roles), encoding="utf-8"
    )
    assessments = write_assessments(tmp_path / "assessments", ["reliability", "platform", "care"])
    call_command("load_catalog", directory=directory, assessments=assessments, stdout=StringIO())


def taken(client, **answers) -> Result:
    client.post("/interests/", interest_answers(**answers))
    return Result.objects.get()


def role_entries(page: str) -> list[str]:
    section = page.split('<h3 id="role-matches">', 1)[1].split('<h3 id="occupation-matches">')[0]
    return re.findall(r'<li class="interest-match">(.*?)</li>', section, re.S)


def test_fit_words_come_from_one_table():
    assert [label for _c, _k, label in INTEREST_FITS] == ["Best fit", "Good fit", "Some fit"]
    cut_offs = [cut_off for cut_off, _k, _l in INTEREST_FITS]
    assert cut_offs == sorted(cut_offs, reverse=True) and INTEREST_FIT_MIN == cut_offs[-1] > 0
    assert interest_fit(0.9) == ("best", "Best fit")
    assert interest_fit(INTEREST_FIT_MIN) == ("some", "Some fit")
    # Unrelated or opposite shapes are never a fit.
    for correlation in (INTEREST_FIT_MIN - 0.01, 0, -0.06, -1):
        assert interest_fit(correlation) is None


def test_rungs_map_to_a_preparation_range():
    assert rung_preparation(1) == rung_preparation(2) == (3, 4)  # junior, mid-level
    for band in (3, 4, 5):  # senior, staff, principal; manager and above
        assert rung_preparation(band) == (4, 5)


def test_the_result_leads_with_top_areas_in_words_and_explains_the_code(client, catalog):
    result = taken(client, strong_area="investigative")
    page = client.get(result.get_absolute_url()).content.decode()
    code = result.outcome["code"]
    top = [area.capitalize() for area in result.outcome["top_areas"]]
    assert (
        f"Your code, {code}, is the first letters of your three strongest areas, strongest "
        f"first ({top[0]}, {top[1]} and {top[2]})"
    ) in page
    for area in result.outcome["top_areas"]:
        assert f"<strong>{area.capitalize()}</strong>" in page
        assert INTEREST_AREA_MEANINGS[area] in page
    assert "Figuring out how things work" in INTEREST_AREA_MEANINGS["investigative"]
    # Realistic, Enterprising and Conventional all scored 30: the tie is said.
    assert "scored the same as" in page
    # The order: top areas, then the preparation choice, then the list.
    order = [
        page.index("What you enjoy most"),
        page.index("How much preparation are you open to?"),
        page.index('<div id="matches"'),
    ]
    assert order == sorted(order)
    assert set(INTEREST_AREA_MEANINGS) == set(RIASEC_AREAS)


def test_one_entry_per_family_at_its_best_level(client, catalog):
    page = client.get(taken(client, strong_area="investigative").get_absolute_url())
    entries = role_entries(page.content.decode())
    assert len(entries) == 2  # reliability (two rungs) and platform (one)
    reliability = next(entry for entry in entries if "Reliability." in entry)
    # Both rungs share the occupation; the entry leads with the lowest and names the other.
    assert re.match(r'\s*<a href="/roles/junior-reliability-engineer/">', reliability)
    assert "Other levels of this work:" in reliability
    assert '<a href="/roles/senior-reliability-engineer/">Senior</a>' in reliability
    assert page.content.decode().count('href="/roles/senior-reliability-engineer/"') == 1


def test_fits_are_words_and_nothing_negative_is_called_a_match(client, catalog):
    result = taken(client, strong_area="social")
    sums = result.outcome["sums"]
    page = client.get(result.get_absolute_url()).content.decode()
    listed = re.findall(
        r'<a href="/occupations/([^/]+)/">[^<]*</a>: <strong>(\w+ \w+)</strong>', page
    )
    assert listed, page
    for code, word in listed:
        occupation = Occupation.objects.get(code=code)
        scores = [getattr(occupation, f"interest_{area}") for area in RIASEC_AREAS]
        assert pearson([sums[area] for area in RIASEC_AREAS], scores) >= INTEREST_FIT_MIN
        assert word in FIT_WORDS
    # Computing occupations have the opposite shape to a social profile: left out.
    for occupation in Occupation.objects.filter(interest_realistic__isnull=False):
        scores = [getattr(occupation, f"interest_{area}") for area in RIASEC_AREAS]
        if pearson([sums[area] for area in RIASEC_AREAS], scores) <= 0:
            assert occupation.title not in page
    assert not re.search(r"match\s+[−-]?\d", page)  # no bare numbers called a match
    occupations, families = interest_matches(sums)
    assert all(match.correlation >= INTEREST_FIT_MIN for match in occupations)
    assert all(family.best.correlation >= INTEREST_FIT_MIN for family in families)


def test_staff_rungs_are_absent_under_medium_preparation(client, care_catalog):
    result = taken(client, strong_area="social")
    url = result.get_absolute_url()
    everything = client.get(url).content.decode()
    entries = role_entries(everything)
    care = [entry for entry in entries if "Care." in entry]
    assert len(care) == 1  # one entry for the family, whatever its number of rungs
    assert "Junior Care Coordinator" in care[0]
    for level in ("Mid-level", "Senior", "Staff"):
        assert f">{level}</a>" in care[0]

    medium = client.get(url, {"zone": "3"}).content.decode()
    assert '<option value="3" selected>' in medium  # a GET form: works without JavaScript
    care = [entry for entry in role_entries(medium) if "Care." in entry]
    assert len(care) == 1
    assert "Junior Care Coordinator" in care[0] and ">Mid-level</a>" in care[0]
    assert "Other levels within the preparation you chose:" in care[0]
    for level in ("senior", "staff"):
        assert f"/roles/{level}-care-coordinator/" not in medium
    assert "Usually medium to considerable preparation." in care[0]
    assert "Registered Nurses" in medium  # the occupation itself needs medium preparation

    # Less preparation than any rung asks for: no role, said plainly; occupations remain.
    some = client.get(url, {"zone": "2"}).content.decode()
    assert not role_entries(some)
    assert "No kind of work in our catalog fits this profile within that much preparation" in some


def test_the_preparation_choice_updates_the_list_with_htmx(client, catalog):
    url = taken(client, strong_area="investigative").get_absolute_url()
    page = client.get(url).content.decode()
    assert re.search(r'<form method="get" action="[^"]+" [^>]*data-hx-get="[^"]+"', page)
    fragment = client.get(url, {"zone": "4"}, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="matches"')
    assert "Junior Reliability Engineer" in fragment
    assert client.get(url, {"zone": "9"}).status_code == 400


def test_a_result_saved_before_the_change_still_renders(client, catalog):
    """Results keep the snapshot and outcome format they were saved with."""
    items = list(InterestItem.objects.all())
    snapshot = {
        "items": [
            {"id": i.id, "area": i.area, "text": i.text, "answer": 5 if i.area == "social" else 2}
            for i in items
        ]
    }
    outcome = {
        "sums": {area: 50 if area == "social" else 20 for area in RIASEC_AREAS},
        "code": "SRI",
        "top_areas": ["social", "realistic", "investigative"],
        "flat": False,
    }
    result = Result.objects.create(
        kind=Result.Kind.INTEREST,
        idempotency_token=uuid.uuid4(),
        title="Interest profile",
        snapshot=snapshot,
        outcome=outcome,
    )
    session = client.session
    session["anonymous_result_ids"] = [str(result.id)]
    session.save()
    page = client.get(result.get_absolute_url())
    assert page.status_code == 200
    assert "Your code, SRI, is the first letters" in page.content.decode()


def test_a_flat_profile_is_explained_and_has_no_code(client, catalog):
    page = client.get(taken(client, flat=True).get_absolute_url()).content.decode()
    assert "No ranking: your areas are too even" in page
    assert "Your code" not in page and 'id="matches"' not in page
    assert all(meaning in page for meaning in INTEREST_AREA_MEANINGS.values())


def test_roles_listed_are_published_only(client, catalog):
    Role.objects.filter(slug="senior-platform-builder").update(status=Role.Status.DRAFT)
    page = client.get(taken(client, strong_area="investigative").get_absolute_url())
    assert "senior-platform-builder" not in page.content.decode()
