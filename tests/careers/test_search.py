"""Search on the small landscape and catalog: matching, ranking, explanations, the pages."""

import re

import pytest
from django.contrib.auth import get_user_model

from careers.models import Role
from careers.search.engine import search
from careers.search.models import SearchSynonym
from careers.search.text import one_edit_apart, singular, words
from tests.conftest import page_copies_drop

pytestmark = pytest.mark.django_db


def codes(results) -> list[str]:
    return [hit.code or hit.url for hit in results.hits]


@pytest.mark.parametrize(
    ("plural", "single"),
    [
        ("nurses", "nurse"),
        ("secretaries", "secretary"),
        ("coaches", "coach"),
        ("classes", "class"),
        ("analysts", "analyst"),
        ("business", "business"),
        ("analysis", "analysis"),
        ("status", "status"),
        ("gas", "gas"),
    ],
)
def test_plurals_read_as_their_singular(plural, single):
    assert singular(plural) == single


def test_words_drop_punctuation_stopwords_and_accents_but_keep_it():
    assert words("Driver/Sales Workers") == ("driver", "sale", "worker")
    assert words("Head of IT") == ("head", "it")
    assert words("Café Managers") == ("cafe", "manager")


@pytest.mark.parametrize(
    ("typed", "known", "near"),
    [
        ("softwre", "software", True),  # a letter left out
        ("softwaare", "software", True),  # one too many
        ("sofware", "software", True),
        ("softwere", "software", True),  # one wrong
        ("sotfware", "software", True),  # two swapped
        ("sftwre", "software", False),  # two edits
        ("software", "software", False),  # the same word is no correction
    ],
)
def test_one_edit_apart(typed, known, near):
    assert one_edit_apart(typed, known) is near


def test_exact_alternate_title_first_and_explained(client, landscape):
    results = search("site reliability engineer")
    assert codes(results)[:2] == ["15-1252.00", "15-1244.00"]
    assert results.hits[0].matched == "Site Reliability Engineer"
    page = client.get("/search/", {"q": "site reliability engineer"}).content.decode()
    assert "Also called “Site Reliability Engineer”" in page


def test_exact_title_beats_alternate_titles_and_plurals_match(landscape):
    for query in ["registered nurses", "Registered Nurse", "  REGISTERED   nurse "]:
        assert codes(search(query))[:1] == ["29-1141.00"], query


def test_a_typing_slip_is_corrected_and_said(client, landscape):
    results = search("registerd nurses")
    assert codes(results)[:1] == ["29-1141.00"]
    assert results.corrected == "registered nurse"
    page = client.get("/search/", {"q": "registerd nurses"}).content.decode()
    assert "Showing results for “<strong>registered nurse</strong>”" in page


def test_a_word_being_typed_matches_as_a_prefix_not_a_correction(landscape):
    results = search("site reliab")
    assert codes(results)[:1] == ["15-1252.00"]
    assert results.corrected == ""


def test_short_title_and_synonym(landscape):
    assert codes(search("SRE"))[:1] == ["15-1252.00"]  # O*NET's short title
    results = search("RN")  # a synonym shipped with the site
    assert codes(results)[:1] == ["29-1141.00"]
    assert results.hits[0].synonym == "RN means registered nurse"


def test_a_synonym_added_in_admin_works_on_the_next_search(admin_client, landscape):
    assert search("devopsy").hits == []
    response = admin_client.post(
        "/admin/careers/searchsynonym/add/", {"term": "Devopsy", "meaning": "systems administrator"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(term="Devopsy").exists()
    assert codes(search("devopsy"))[:1] == ["15-1244.00"]


def test_a_role_ranks_above_its_occupation(catalog):
    results = search("reliability engineer")
    kinds = [(hit.kind, hit.title) for hit in results.hits]
    assert kinds[0] == ("role", "Junior Reliability Engineer") or kinds[0][0] == "role"
    assert kinds.index(("occupation", "Software Developers")) > 1


def test_drafts_are_found_only_by_staff(catalog):
    Role.objects.filter(slug="senior-platform-builder").update(status=Role.Status.DRAFT)
    assert "/roles/senior-platform-builder/" not in codes(search("platform builder"))
    staff = get_user_model().objects.create_user("editor@example.com", is_staff=True)
    assert "/roles/senior-platform-builder/" in codes(search("platform builder", user=staff))


def test_some_words_when_not_all_match_and_suggestions_when_none(client, catalog):
    partial = search("registered xylophonist")
    assert partial.partial and codes(partial)[:1] == ["29-1141.00"]
    page = client.get("/search/", {"q": "qwxzv"}).content.decode()
    assert "Nothing matched “qwxzv”" in page
    assert 'href="/roles/?family=reliability"' in page  # a family to start from


@pytest.mark.parametrize("query", ["", "a", " ", "--", "\x00"])
def test_too_short_or_wordless_queries_find_nothing_and_say_why(client, landscape, query):
    assert search(query).hits == []
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "query",
    ["x" * 5000, "%_%", "'; drop table careers_occupation;--", 'a" OR "b', "nurse*", "(&|!:*)"],
)
def test_hostile_queries_are_harmless(client, landscape, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert client.get("/search/suggest/", {"q": query}).status_code == 200


def test_search_page_fragment_and_suggestions(client, catalog):
    fragment = client.get(
        "/search/", {"q": "staff nurse"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="search-results"')
    assert "Registered Nurses" in fragment
    suggestions = client.get("/search/suggest/", {"q": "reliab"}).content.decode()
    options = re.findall(r'<li role="option" id="([^"]+)"', suggestions)
    assert options[-1] == "site-search-option-all"
    assert 'href="/roles/junior-reliability-engineer/"' in suggestions
    assert 'href="/search/?q=reliab"' in suggestions
    assert client.get("/search/suggest/", {"q": ""}).content.decode().strip() == ""


def test_every_page_has_the_header_search(client, catalog):
    for path in ["/", "/roles/", "/occupations/15-1252.00/", "/roles/senior-reliability-engineer/"]:
        page = client.get(path).content.decode()
        assert 'action="/search/" role="search" data-site-search' in page, path
        assert 'data-hx-get="/search/suggest/"' in page


# The content version (1), the spellings near the typed words (1), the occupation
# candidates through the full-text index (1); the catalog side is in memory per version.
SEARCH_QUERIES = 3


def test_search_query_counts_are_pinned(client, catalog, django_assert_num_queries):
    search("warm")  # builds the catalog side once for this content version
    with django_assert_num_queries(SEARCH_QUERIES):
        found = client.get("/search/", {"q": "engineer"})
    # What a query finds is kept for the content version: asked again, only the version.
    page_copies_drop()
    with django_assert_num_queries(1):
        again = client.get("/search/", {"q": "engineer"})
    assert again.content.decode().count("<li") == found.content.decode().count("<li") > 3
    with django_assert_num_queries(SEARCH_QUERIES):
        client.get("/search/suggest/", {"q": "engineer"})
    # An unfinished last word one edit from a known word costs one more query: is it the
    # start of a known word (still being typed) or a slip to correct?
    with django_assert_num_queries(SEARCH_QUERIES + 1):
        client.get("/search/suggest/", {"q": "psychiatris"})
