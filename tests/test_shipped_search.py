"""Search over the shipped data, as people use it: the relevance set in
tests/careers/search_relevance.toml, and typing slips. Runs on SQLite and PostgreSQL alike,
so both databases must give these answers."""

import tomllib
from pathlib import Path

import pytest

from careers.models import Role
from careers.search.engine import search
from careers.search.models import SearchEntry

pytestmark = pytest.mark.django_db

RELEVANCE = tomllib.loads(
    (Path(__file__).parent / "careers" / "search_relevance.toml").read_text(encoding="utf-8")
)["query"]


def result_ids(query: str) -> list[str]:
    return [
        f"role:{hit.url.strip('/').split('/')[-1]}"
        if hit.kind == "role"
        else f"occupation:{hit.code}"
        for hit in search(query).hits
    ]


def test_the_relevance_set_is_broad(shipped_site):
    kinds = {case["kind"] for case in RELEVANCE}
    assert len(RELEVANCE) >= 80
    assert kinds == {"title", "acronym", "typo", "plural", "everyday", "prefix"}


def test_people_find_what_they_mean(shipped_site):
    """At least 90 % of the set right at rank 1 and 98 % in the top 3."""
    first = top3 = 0
    misses = []
    for case in RELEVANCE:
        found = result_ids(case["q"])
        first += found[:1] == [case["expect"]]
        top3 += case["expect"] in found[:3]
        if found[:1] != [case["expect"]]:
            misses.append(f"{case['q']!r}: wanted {case['expect']}, got {found[:3]}")
    total = len(RELEVANCE)
    assert first >= 0.90 * total, "\n".join(misses)
    assert top3 >= 0.98 * total, "\n".join(misses)


def one_slip(word: str, at: int) -> str:
    """A typing slip in the word: a letter left out, doubled, or two swapped, in turn."""
    position = 1 + at % (len(word) - 2)
    kind = at % 3
    if kind == 0:
        return word[:position] + word[position + 1 :]
    if kind == 1:
        return word[:position] + word[position] + word[position:]
    return word[: position - 1] + word[position] + word[position - 1] + word[position + 1 :]


def test_no_slip_of_one_letter_finds_nothing(shipped_site):
    """Every role title and the 150 largest occupations' titles, with a one-letter slip in
    their longest word, still find results, and the intended one in the first three."""
    titles = [
        (f"role:{slug}", title)
        for slug, title in Role.objects.published().values_list("slug", "title")
    ]
    largest = (
        SearchEntry.objects.filter(source=SearchEntry.Source.TITLE, broad=True)
        .order_by("-employment", "phrase")
        .values_list("occupation__code", "label")[:150]
    )
    titles += [(f"occupation:{code}", title) for code, title in largest]
    lost = []
    for at, (expected, title) in enumerate(titles):
        longest = max(title.split(), key=len).strip(",")
        if len(longest) < 6 or not longest.isalpha():
            continue
        typed = title.replace(longest, one_slip(longest.lower(), at), 1)
        found = result_ids(typed)
        if expected not in found[:3]:
            lost.append(f"{typed!r} → {found[:3]} (wanted {expected})")
    assert not lost, "\n".join(lost)


@pytest.mark.parametrize("query", ["softwre engineer", "registerd nurse", "electrican"])
def test_a_corrected_query_says_what_it_searched_for(shipped_site, query):
    results = search(query)
    assert results.hits
    assert results.corrected


def test_a_ladder_found_by_its_familys_name_shows_once(shipped_site, client):
    """ "Software engineer" names the whole backend ladder: its best rung shows with a count
    of the others, not five rungs in a row; a rung whose own title matches always shows."""
    hits = search("software engineer").hits
    backend = [hit for hit in hits if hit.family == "Backend Engineering"]
    assert [hit.title for hit in backend] == ["Backend Engineer"]
    assert backend[0].more_levels == 4
    page = client.get("/search/", {"q": "software engineer"}).content.decode()
    assert '<a href="/roles/?family=backend-engineering">4 more levels of this ladder</a>' in page
    reliability = [hit.title for hit in search("site reliability").hits if hit.kind == "role"]
    assert "Senior Site Reliability Engineer" in reliability
    assert "Staff Site Reliability Engineer" in reliability
