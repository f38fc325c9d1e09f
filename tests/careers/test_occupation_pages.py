import pytest

from careers.models import AlternateTitle, Occupation

pytestmark = pytest.mark.django_db


def test_occupation_list_shows_figures_with_sources(client, landscape):
    response = client.get("/occupations/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Software Developers" in page and "Registered Nurses" in page
    assert "$135,980" in page and "+15.8%" in page
    assert "Growth and openings: BLS Employment Projections 2024–34" in page
    assert "BLS OEWS May 2025" in page
    assert "Bright Outlook</strong> marks occupations projected to grow at least 2 times" in page


def test_occupation_list_filters(client, landscape):
    page = client.get("/occupations/", {"growth": "much-faster"}).content.decode()
    assert "Software Developers" in page and "Network and Computer" not in page
    page = client.get("/occupations/", {"zone": "3"}).content.decode()
    assert "Registered Nurses" in page and "Software Developers" not in page
    page = client.get("/occupations/", {"wage_min": "100000"}).content.decode()
    assert "Software Developers" in page and "Registered Nurses" not in page
    page = client.get("/occupations/", {"group": "29"}).content.decode()
    assert "Registered Nurses" in page and "Software Developers" not in page
    page = client.get("/occupations/", {"bright": "on", "group": "15"}).content.decode()
    assert "Software Developers" in page and "Network and Computer" not in page


def test_occupation_list_sorts_by_wage_with_missing_figures_last(client, landscape):
    page = client.get("/occupations/", {"sort": "wage"}).content.decode()
    assert (
        page.index("Software Developers")
        < page.index("Network and Computer")
        < page.index("Registered Nurses")
    )


@pytest.mark.parametrize(
    "params",
    [
        {"zone": "9"},
        {"growth": "sideways"},
        {"wage_min": "lots"},
        {"wage_min": "9" * 40},
        {"wage_min": "90000", "wage_max": "10"},
        {"sort": "'; drop table"},
        {"group": "\x00"},
    ],
)
def test_bad_filters_are_a_clear_400(client, landscape, params):
    response = client.get("/occupations/", params)
    assert response.status_code == 400
    assert b"Those filters could not be used" in response.content


def test_occupation_list_htmx_returns_only_the_results(client, landscape):
    response = client.get("/occupations/", {"zone": "4"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.lstrip().startswith('<section id="occupation-results"')
    assert "<html" not in page


def test_occupation_detail_shows_every_section_with_sources(client, landscape):
    response = client.get("/occupations/15-1252.00/")
    assert response.status_code == 200
    page = response.content.decode()
    for expected in [
        "Software Developers",
        "Build software.",  # description from the imported release
        "1,693,800",
        "+15.8%",
        "much faster than average",
        "$135,980",
        "Job Zone 4 of 5",
        "Interest profile: ICR",
        "Programming",
        "Python",
        "Bachelor&#x27;s Degree",
        "Network and Computer Systems Administrators",  # related
        "Site Reliability Engineer",  # alternate title
        "Source: BLS Employment Projections 2024–34",
        "Source: BLS OEWS May 2025",
        "O*NET 30.1 Database, December 2025",
        'role="img"',
    ]:
        assert expected in page, expected


def test_occupation_detail_says_when_bls_publishes_nothing(client, landscape):
    page = client.get("/occupations/15-1244.00/").content.decode()
    assert "$96,800" in page
    assert "not available" in page  # the suppressed 10th and 90th percentiles


def test_unknown_occupation_is_404(client, landscape):
    assert client.get("/occupations/99-9999.00/").status_code == 404
    assert client.get("/occupations/not-a-code/").status_code == 404


def test_query_counts_are_pinned(client, landscape, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get("/occupations/")
    with django_assert_num_queries(9):
        client.get("/occupations/15-1252.00/")


def test_detail_query_count_does_not_grow_with_alternate_titles(
    client, landscape, django_assert_num_queries
):
    occupation = Occupation.objects.get(code="15-1252.00")
    AlternateTitle.objects.filter(occupation=occupation).delete()
    AlternateTitle.objects.create(occupation=occupation, title="Only One")
    with django_assert_num_queries(9):
        one = client.get(occupation.get_absolute_url())
    AlternateTitle.objects.bulk_create(
        AlternateTitle(occupation=occupation, title=f"Title {n:03}") for n in range(199)
    )
    with django_assert_num_queries(9):
        many = client.get(occupation.get_absolute_url())
    assert b"1 job title O*NET lists" in one.content
    assert b"200 job titles O*NET lists" in many.content


def test_about_data_lists_the_releases_loaded(client, landscape):
    page = client.get("/about/data/").content.decode()
    assert "O*NET 30.1 Database" in page
    assert "BLS Employment Projections 2024–34" in page
    assert "May 2025" in page
    assert "CC BY 4.0" in page


def test_about_data_without_data_says_so(client):
    page = client.get("/about/data/").content.decode()
    assert "No labour-market data is loaded yet" in page
