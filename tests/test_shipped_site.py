"""The site as `make run` sets it up: the shipped dataset and the shipped catalog."""

import re
import tomllib
from io import StringIO

import pytest
from django.core.management import call_command

from careers.catalog_files import CATALOG_DIR
from careers.content import BANNED_PHRASES, banned_phrases_in
from careers.models import AlternateTitle, JobFamily, Occupation, Role
from careers.search.engine import search
from careers.selectors.roles import role_sections
from tests.careers.test_role_pages import ROLE_PAGE_QUERIES
from tests.conftest import page_copies_drop

FLAGSHIP = "senior-site-reliability-engineer"


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)


@pytest.mark.parametrize("path", sorted(CATALOG_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_catalog_files_use_no_banned_phrases(path):
    data = tomllib.loads(path.read_text())
    found = {phrase for text in strings_in(data) for phrase in banned_phrases_in(text)}
    assert not found, f"{path.name} uses {sorted(found)}"
    text = path.read_text().lower()
    assert "lorem" not in text and "todo" not in text and "tbd" not in text
    assert set(BANNED_PHRASES)  # the list the loader and the publish action also apply


@pytest.mark.django_db
def test_setup_site_loads_everything_and_every_published_role_is_complete(
    client, django_assert_num_queries
):
    out = StringIO()
    call_command("setup_site", stdout=out)
    assert Occupation.objects.with_ratings().count() > 900
    assert AlternateTitle.objects.count() > 50_000
    assert [hit.code for hit in search("site reliability engineer").hits if hit.code][:1] == [
        "15-1252.00"
    ]

    families = JobFamily.objects.filter(roles__status="published").distinct()
    assert families.count() >= 12
    published = Role.objects.published().select_related("family", "level")
    assert published.count() >= 45
    for family in families:
        levels = list(family.roles.published().values_list("level__order", flat=True))
        assert len(levels) >= 3, f"{family} has no full ladder"
    for role in published:
        problems = role_sections(role)[1]
        assert not problems, f"{role.slug}: {problems}"

    flagship = Role.objects.get(slug=FLAGSHIP)
    assert flagship.title == "Senior Site Reliability Engineer" and flagship.is_published
    client.get(f"/roles/{FLAGSHIP}/")  # builds the move graph for this content version
    page_copies_drop()
    with django_assert_num_queries(ROLE_PAGE_QUERIES):
        page = client.get(f"/roles/{FLAGSHIP}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Software Developers" in text and "Interview questions" in text
    assert len(re.findall(r'class="card move"', text)) >= 3

    report = StringIO()
    call_command("catalog_report", stdout=report)
    assert "Every published role is complete." in report.getvalue()
    assert f"{FLAGSHIP} | published" in report.getvalue()

    again = StringIO()
    call_command("setup_site", stdout=again)
    assert "O*NET: nothing to change" in again.getvalue()
    assert "Catalog: nothing to change" in again.getvalue()
    assert "Editors group: nothing to change" in again.getvalue()
