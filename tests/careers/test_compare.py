import pytest

from assessments.models import Result
from tests.assessments.helpers import PROFILE_URL, profile_answers
from tests.conftest import page_copies_drop

pytestmark = pytest.mark.django_db

TWO = "senior-reliability-engineer,senior-platform-builder"


def test_compare_two_roles_side_by_side(client, catalog):
    response = client.get("/compare/", {"roles": TWO})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Senior Reliability Engineer") < page.index("Senior Platform Builder")
    assert "$135,980" in page and "$96,800" in page  # each occupation's median wage
    assert "BLS OEWS May 2025" in page  # the source beside the figures
    assert page.count('class="differs"') >= 3  # family, occupation, wage, growth …
    assert '<span class="badge badge--bright">shared</span>' in page  # both list Skill 0–7
    assert "Factor 0" in page


def test_compare_shows_your_fit_from_the_latest_profile(client, catalog):
    assert "Your work-style fit" not in client.get("/compare/", {"roles": TWO}).content.decode()
    client.post(PROFILE_URL, profile_answers())
    fits = {fit["role"]: fit for fit in Result.objects.get().outcome["fits"]}
    page = client.get("/compare/", {"roles": TWO}).content.decode()
    assert "Your work-style fit" in page
    for slug in TWO.split(","):
        assert f"{fits[slug]['band_label']} ({fits[slug]['score']})" in page


def test_add_without_javascript_redirects_to_the_shareable_address(client, catalog):
    response = client.get(
        "/compare/", {"roles": "senior-reliability-engineer", "add": "senior-platform-builder"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/compare/?roles={TWO}"


def test_add_and_remove_in_place_with_htmx(client, catalog):
    headers = {"HX-Request": "true"}
    added = client.get(
        "/compare/",
        {"roles": "senior-reliability-engineer", "add": "senior-platform-builder"},
        headers=headers,
    )
    assert added.status_code == 200
    assert added["HX-Push-Url"] == f"/compare/?roles={TWO}"
    assert added.content.decode().lstrip().startswith('<div id="comparison"')
    removed = client.get("/compare/", {"roles": "senior-platform-builder,"}, headers=headers)
    assert "Senior Reliability Engineer" not in removed.content.decode().split("<select")[0]


@pytest.mark.parametrize(
    "roles, message",
    [
        ("a,b,c,d,e", "up to 4 roles"),
        ("no-such-role", "There is no published role called no-such-role"),
        ("Bad\x00Slug", "can only contain letters, digits and hyphens"),
    ],
)
def test_bad_comparisons_are_400(client, catalog, roles, message):
    response = client.get("/compare/", {"roles": roles})
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize("roles", ["senior-reliability-engineer", TWO])
def test_compare_query_count_is_fixed(client, catalog, roles, django_assert_num_queries):
    with django_assert_num_queries(7):  # the content version among them
        built = client.get("/compare/", {"roles": roles})
    # Built once per content version: rendered again, only the version is read.
    page_copies_drop()
    with django_assert_num_queries(1):
        again = client.get("/compare/", {"roles": roles})
    assert again.status_code == built.status_code == 200
    assert "Median wage" in again.content.decode()


@pytest.mark.parametrize("bad", ["\x00", "\r\nSet-Cookie: x=1", "Bad Slug"])
def test_a_tampered_add_value_is_a_400_without_a_pushed_address(client, catalog, bad):
    response = client.get(
        "/compare/",
        {"roles": "senior-reliability-engineer", "add": bad},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "HX-Push-Url" not in response
    assert "can only contain letters, digits and hyphens" in response.content.decode()
