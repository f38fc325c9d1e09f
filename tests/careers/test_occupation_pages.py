import pytest
from django.test import Client

from careers.models import AlternateTitle, Occupation
from careers.versioning import content_version_bump
from tests.conftest import page_copies_drop

pytestmark = pytest.mark.django_db


def test_occupation_list_shows_figures_with_sources(client, landscape):
    response = client.get("/occupations/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Software Developers" in page and "Registered Nurses" in page
    assert "$135,980" in page and "+15.8%" in page
    assert "Growth and openings: BLS Employment Projections 2024–34" in page
    assert "BLS OEWS May 2025" in page
    assert "Strong outlook is Truest&#x27;s own rule, not O*NET&#x27;s Bright Outlook" in page
    assert "at least 2 times as fast as all occupations together (+6.2% or more" in page
    assert "or at least 100,000 openings a year" in page
    assert "Bright Outlook</span>" not in page  # O*NET's name is never our badge


def test_occupation_list_filters(client, landscape):
    page = client.get("/occupations/", {"growth": "much-faster"}).content.decode()
    assert "Software Developers" in page and "Network and Computer" not in page
    page = client.get("/occupations/", {"zone": "3"}).content.decode()
    assert "Registered Nurses" in page and "Software Developers" not in page
    page = client.get("/occupations/", {"wage_min": "100000"}).content.decode()
    assert "Software Developers" in page and "Registered Nurses" not in page
    assert "Actors" not in page  # hourly-only: no annual median to compare
    page = client.get("/occupations/", {"group": "29"}).content.decode()
    assert "Registered Nurses" in page and "Software Developers" not in page
    page = client.get("/occupations/", {"strong": "on", "group": "15"}).content.decode()
    assert "Software Developers" in page and "Network and Computer" not in page
    page = client.get("/occupations/", {"strong": "on"}).content.decode()
    assert "Registered Nurses" in page and "Psychiatrists" not in page


def test_occupation_list_sorts_by_wage_with_missing_figures_last(client, landscape):
    page = client.get("/occupations/", {"sort": "wage"}).content.decode()
    assert (
        page.index("Psychiatrists")  # top-coded median: at least $239,200, so first
        < page.index("Software Developers")
        < page.index("Network and Computer")
        < page.index("Registered Nurses")
        < page.index("Actors")  # hourly wages only: no annual median to sort by
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
    # Each includes the content version, which keys the page cache; the data sources are
    # read once per version (by the list here).
    with django_assert_num_queries(5):
        client.get("/occupations/")
    with django_assert_num_queries(9):
        client.get("/occupations/15-1252.00/")
    # A stranger's second visit is the cached copy: the version only.
    with django_assert_num_queries(1):
        client.get("/occupations/15-1252.00/")


def test_detail_query_count_does_not_grow_with_alternate_titles(
    client, landscape, django_assert_num_queries
):
    """Rendered once per content version: the version, the occupation and its profile (8);
    rendered again in the same version, the page's body is a kept fragment: only the
    version (and the session of a reader who has one)."""
    occupation = Occupation.objects.get(code="15-1252.00")
    AlternateTitle.objects.filter(occupation=occupation).delete()
    AlternateTitle.objects.create(occupation=occupation, title="Only One")
    content_version_bump()
    with django_assert_num_queries(10):
        one = client.get(occupation.get_absolute_url())
    AlternateTitle.objects.bulk_create(
        AlternateTitle(occupation=occupation, title=f"Title {n:03}") for n in range(199)
    )
    content_version_bump()  # as an import's batch does at its end
    page_copies_drop()
    with django_assert_num_queries(10):
        many = client.get(occupation.get_absolute_url())
    assert b"1 job title O*NET lists" in one.content
    assert b"200 job titles O*NET lists" in many.content
    reader = Client(HTTP_COOKIE="sessionid=" + "z" * 32)  # never the strangers' copy
    with django_assert_num_queries(2):
        again = reader.get(occupation.get_absolute_url())
    assert b"200 job titles O*NET lists" in again.content


def test_about_data_lists_the_releases_loaded(client, landscape):
    page = client.get("/about/data/").content.decode()
    assert "O*NET 30.1 Database" in page
    assert "BLS Employment Projections 2024–34" in page
    assert "May 2025" in page
    assert "CC BY 4.0" in page


def test_about_data_without_data_says_so(client):
    page = client.get("/about/data/").content.decode()
    assert "No labour-market data is loaded yet" in page


def test_top_coded_median_passes_wage_filters_and_never_shows_a_bare_figure(client, landscape):
    page = client.get("/occupations/", {"wage_min": "239200"}).content.decode()
    assert "Psychiatrists" in page and "Software Developers" not in page
    assert "≥ $239,200" in page
    assert "$239,200</td>" not in page.replace("≥ $239,200</td>", "")
    detail = client.get("/occupations/29-1223.00/").content.decode()
    assert "<strong>≥ $239,200</strong>" in detail  # the median in the table
    assert "Median percentile ≥ $239,200" in detail  # the chart's text alternative
    assert "$210,000" in detail  # 25th percentile, below the top code: a plain figure
    assert "at or above the highest figure OEWS publishes" in detail
    nurses = client.get("/occupations/29-1141.00/").content.decode()
    assert "≥ $239,200" in nurses and "$93,600" in nurses


def test_hourly_only_occupation_shows_hourly_wages(client, landscape):
    page = client.get("/occupations/27-2011.00/").content.decode()
    assert "BLS does not publish national wage percentiles" not in page
    assert "<strong>$29.05 an hour</strong>" in page
    assert "$143.68 an hour" in page
    assert "Hourly wages by percentile" in page
    assert "OEWS publishes only hourly wages for this occupation" in page
    listing = client.get("/occupations/", {"zone": "2"}).content.decode()
    assert "$29.05 an hour" in listing


def test_growth_one_point_above_average_is_faster_everywhere(client, landscape):
    # Psychiatrists: +4.1% against +3.1% for all occupations.
    detail = client.get("/occupations/29-1223.00/").content.decode()
    assert '+4.1% <span class="muted">(faster than average)</span>' in detail
    assert "about average: +2.1% to under +4.1%; faster than average: +4.1% to under +6.2%" in (
        detail
    )
    listing = client.get("/occupations/", {"group": "29"}).content.decode()
    row = listing[listing.index("Psychiatrists") :]
    assert row.index("Faster than average") < row.index("</tr>")
    assert "faster than average: +4.1% to under +6.2%" in listing
    filtered = client.get("/occupations/", {"growth": "faster"}).content.decode()
    assert "Psychiatrists" in filtered and "Registered Nurses" in filtered  # +5.2%
    assert "Software Developers" not in filtered  # +15.8%: much faster


def test_strong_outlook_rule_is_stated_with_its_numbers(client, landscape):
    page = client.get("/occupations/29-1141.00/").content.decode()
    assert 'href="#strong-outlook">Strong outlook</a>' in page
    assert "Strong outlook (our rule)</dt><dd>Yes" in page
    assert "at least 2 times as fast as all occupations together (+6.2% or more, against +3.1%" in (
        page
    )
    assert "at least 100,000 openings a year" in page
    assert "Bright Outlook</span>" not in page
    other = client.get("/occupations/29-1223.00/").content.decode()
    assert "Strong outlook (our rule)</dt><dd>No" in other


def test_suppressed_rating_is_not_shown_as_a_figure(client, landscape):
    page = client.get("/occupations/29-1223.00/").content.decode()
    assert "Reading Comprehension" in page
    assert "4.2" in page  # importance: reliable
    assert "5.4" not in page  # level 5.37: O*NET recommends suppressing it
    assert "unreliable*" in page
    assert "O*NET recommends suppressing this estimate because it is unreliable" in page
    developers = client.get("/occupations/15-1252.00/").content.decode()
    assert "unreliable" not in developers


def test_technology_labels_follow_o_net_definitions(client, landscape):
    page = client.get("/occupations/15-1252.00/").content.decode()
    assert "often in job postings for this occupation" in page
    assert "often in employer job postings across all occupations" in page
    # Git is in demand for developers but not a Hot Technology; Python is both.
    assert 'Git <span class="badge badge--hot">In demand</span></dd>' in page
    assert (
        'Python <span class="badge badge--hot">In demand</span> '
        '<span class="badge">Hot technology</span>' in page
    )


def test_wage_filter_renders_each_case(landscape):
    from django.template import Context, Template

    from careers.models import BlsOccupation

    template = Template('{% load figures %}{{ bls|wage:"median" }}|{{ bls|wage:"p10" }}')
    rendered = {
        bls.code: template.render(Context({"bls": bls})) for bls in BlsOccupation.objects.all()
    }
    assert rendered["15-1252"] == "$135,980|$82,460"
    assert rendered["29-1223"] == "≥ $239,200|$150,000"
    assert rendered["27-2011"] == "$29.05 an hour|$16.50 an hour"
    assert rendered["15-1244"] == "$96,800|not available"
    assert Template("{% load figures %}{{ bls|wage }}").render(Context({"bls": None})) == (
        "not available"
    )


def test_growth_band_filter_words_the_bands(db):
    from django.template import Context, Template

    template = Template("{% load figures %}{{ change|growth_band:average }}")

    def words(change, average=3.1):
        return template.render(Context({"change": change, "average": average}))

    assert words(4.1) == "faster than average"
    assert words(4.0) == "about average"
    assert words(2.1) == "about average"
    assert words(2.0) == "slower than average"
    assert words(6.2) == "much faster than average"
    assert words(-0.1) == "declining"
    assert words(None) == "" and words(4.1, None) == ""
