import pytest

from careers.selectors.search import occupation_search

pytestmark = pytest.mark.django_db


def test_alternate_title_finds_its_occupations_exact_match_first(landscape):
    hits = occupation_search(query="site reliability engineer")
    assert [hit.code for hit in hits] == ["15-1252.00", "15-1244.00"]
    assert hits[0].matched == "Site Reliability Engineer"


def test_exact_title_beats_alternate_titles(landscape):
    hits = occupation_search(query="registered nurses")
    assert hits[0].code == "29-1141.00"
    assert hits[0].rank == 0


def test_case_and_spacing_do_not_matter(landscape):
    assert occupation_search(query="  SOFTWARE   developers ")[0].code == "15-1252.00"


def test_short_or_empty_queries_find_nothing(landscape):
    assert occupation_search(query="") == []
    assert occupation_search(query="a") == []


def test_search_page_and_htmx_fragment(client, landscape):
    page = client.get("/search/", {"q": "site reliability engineer"})
    assert page.status_code == 200
    assert b"Software Developers" in page.content
    assert b"Also called \xe2\x80\x9cSite Reliability Engineer\xe2\x80\x9d" in page.content
    fragment = client.get(
        "/search/", {"q": "staff nurse"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="search-results"')
    assert "Registered Nurses" in fragment


@pytest.mark.parametrize(
    "query", ["\x00", "x" * 5000, "%_%", "'; drop table careers_occupation;--"]
)
def test_hostile_queries_are_harmless(client, landscape, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


def test_search_query_count_is_fixed(client, landscape, django_assert_num_queries):
    # Roles, occupation titles and alternate titles: one query each, on either database.
    with django_assert_num_queries(3):
        client.get("/search/", {"q": "engineer"})
