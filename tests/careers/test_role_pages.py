import pytest

from careers.markdown import markdown_render
from careers.models import InterviewQuestion, Level, Role
from careers.selectors.roles import role_profile
from tests.conftest import page_copies_drop

pytestmark = pytest.mark.django_db

# A role page once its content version's roles, profile, moves and shared fragments are
# built (the first reader after an edit builds them): only the read of the content version.
ROLE_PAGE_QUERIES = 1
# Building a role's profile, once per content version: skills, BLS group sizes,
# variations, questions, technology, secondary occupations, and the data sources with the
# read of the version they are kept under.
ROLE_PROFILE_QUERIES = 8

SECTION_HEADINGS = [
    'id="summary"',
    'id="whats-it-like"',
    'id="hardest-part"',
    'id="right-for-you"',
    'id="landscape"',
    'id="changing"',
    'id="skills"',
    'id="varies"',
    'id="advancement"',
    'id="lateral"',
    'id="interview"',
]


def test_role_page_has_every_section_in_order(client, catalog):
    response = client.get("/roles/senior-reliability-engineer/")
    assert response.status_code == 200
    page = response.content.decode()
    positions = [page.index(heading) for heading in SECTION_HEADINGS]
    assert positions == sorted(positions)
    for expected in [
        "Senior Reliability Engineer",
        "typically 5–9 years of experience",
        "Software Developers",  # the linked occupation
        "1,693,800",
        "$135,980",
        "All figures above are for “Software developers” (15-1252)",
        "Sources: employment, growth, openings and entry education — "
        "BLS Employment Projections 2024–34",
        "BLS OEWS May 2025",
        "Skill 0",
        "O*NET: Programming",
        "Factor 0",
        "Question 0 for reliability?",
        "What a strong answer covers",
        "/roles/senior-reliability-engineer/fit/",
        "/compare/?roles=senior-reliability-engineer",
        'href="#interview"',
    ]:
        assert expected in page, expected


def test_advancement_and_lateral_moves_link_with_pay_and_skills(client, catalog):
    page = client.get("/roles/junior-reliability-engineer/").content.decode()
    assert 'href="/roles/senior-reliability-engineer/"' in page
    assert "What it usually takes." in page and "typically 2 years" in page
    assert "BLS does not publish pay by level" in page  # same occupation
    assert 'href="/roles/senior-platform-builder/"' in page
    assert "What is usually missing." in page
    # A different occupation, tied by editors' judgement: the pay line says it is indicative.
    assert "Indicative only:" in page
    assert "Skills to grow, most needed first:" in page
    assert "O*NET lists Network and Computer Systems Administrators among the related" in page
    lateral = page[page.index('id="lateral"') :]
    assert (
        '<a href="/compare/?roles=junior-reliability-engineer,senior-platform-builder">'
        "Compare with this role" in lateral
    )


def test_draft_role_is_404_for_the_public_and_a_preview_for_staff(client, catalog, make_user):
    Role.objects.filter(slug="senior-platform-builder").update(status="draft")
    assert client.get("/roles/senior-platform-builder/").status_code == 404
    assert b"senior-platform-builder" not in client.get("/roles/").content
    client.force_login(make_user("someone@example.com"))
    assert client.get("/roles/senior-platform-builder/").status_code == 404
    client.force_login(make_user("editor@example.com", is_staff=True))
    preview = client.get("/roles/senior-platform-builder/")
    assert preview.status_code == 200
    assert b"Draft preview." in preview.content
    assert "no-store" in preview["Cache-Control"]


def test_unknown_role_is_404(client, catalog):
    assert client.get("/roles/no-such-role/").status_code == 404


@pytest.mark.parametrize(
    "markdown, forbidden",
    [
        ("Hello <script>alert(1)</script>", "<script"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("[click](javascript:alert(1))", "javascript:"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p style="color:red" onclick="steal()">x</p>', "onclick"),
        ("<iframe src='https://example.com'></iframe>", "<iframe"),
    ],
)
def test_markdown_is_sanitised(markdown, forbidden):
    assert forbidden not in markdown_render(markdown)


def test_markdown_keeps_ordinary_formatting():
    html = markdown_render(
        "A *week* with [a runbook](https://example.com/runbook).\n\n- one\n- two"
    )
    assert "<em>week</em>" in html
    assert 'href="https://example.com/runbook"' in html and 'rel="noopener noreferrer"' in html
    assert "<li>one</li>" in html


def test_an_asterisk_inside_a_word_is_never_emphasis():
    html = markdown_render("O*NET lists the title. Later O*NET adds a *second* one; **so**.")
    assert "O*NET lists the title. Later O*NET adds" in html
    assert "<em>second</em>" in html and "<strong>so</strong>" in html


def test_editor_markdown_is_neutralised_on_the_page(client, catalog):
    Role.objects.filter(slug="senior-reliability-engineer").update(
        what_its_like='<script>alert("x")</script> <img src=x onerror="alert(1)"> '
        "[x](javascript:alert(1))"
    )
    page = client.get("/roles/senior-reliability-engineer/").content.decode()
    assert '<script>alert("x")' not in page
    assert "onerror=" not in page
    assert "javascript:alert" not in page


def test_interview_questions_filter_by_kind_with_and_without_htmx(client, catalog):
    page = client.get("/roles/senior-reliability-engineer/", {"kind": "scenario"}).content.decode()
    assert "Question 2 for reliability?" in page  # scenario
    assert "Question 0 for reliability?" not in page  # technical
    fragment = client.get(
        "/roles/senior-reliability-engineer/", {"kind": "technical"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section aria-labelledby="interview"')
    assert "Question 0 for reliability?" in fragment and "<html" not in fragment
    assert client.get("/roles/senior-reliability-engineer/", {"kind": "gossip"}).status_code == 400


def test_role_list_filters_and_htmx(client, catalog):
    page = client.get("/roles/").content.decode()
    assert "Junior Reliability Engineer" in page and "Senior Platform Builder" in page
    page = client.get("/roles/", {"level": "junior"}).content.decode()
    assert "Junior Reliability Engineer" in page and "Senior Platform Builder" not in page
    page = client.get("/roles/", {"family": "platform"}).content.decode()
    assert "Senior Platform Builder" in page and "Junior Reliability" not in page
    page = client.get("/roles/", {"wage_min": "100000"}).content.decode()
    assert "Senior Reliability Engineer" in page and "Senior Platform Builder" not in page
    page = client.get("/roles/", {"growth": "much-faster"}).content.decode()
    assert "Senior Reliability Engineer" in page and "Senior Platform Builder" not in page
    fragment = client.get(
        "/roles/", {"track": "ic"}, headers={"HX-Request": "true"}
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="role-results"')


@pytest.mark.parametrize(
    "params",
    [{"family": "nope"}, {"level": "emperor"}, {"wage_min": "-5"}, {"zone": "x"}, {"sort": "?"}],
)
def test_role_list_bad_filters_are_400(client, catalog, params):
    response = client.get("/roles/", params)
    assert response.status_code == 400
    assert b"Those filters could not be used" in response.content


def test_search_covers_roles(client, catalog):
    page = client.get("/search/", {"q": "reliability engineer"}).content.decode()
    assert 'href="/roles/senior-reliability-engineer/"' in page
    assert "Role · Reliability" in page


def test_occupation_page_lists_its_roles(client, catalog):
    page = client.get("/occupations/15-1252.00/").content.decode()
    assert 'href="/roles/senior-reliability-engineer/"' in page


def test_home_lists_families(client, catalog):
    page = client.get("/").content.decode()
    assert 'href="/roles/?family=reliability"' in page
    # Alphabetical: Platform before Reliability.
    assert page.index("/roles/?family=platform") < page.index("/roles/?family=reliability")


def test_role_list_query_count_is_pinned(client, catalog, django_assert_num_queries):
    # Built once per content version: the version, data sources, families, levels, the
    # published roles and their figures' group sizes, and the filter's roles in order.
    with django_assert_num_queries(7):
        built = client.get("/roles/")
    page_copies_drop()
    with django_assert_num_queries(1):  # then only the version
        again = client.get("/roles/")
    assert (
        again.content.decode().count('class="card"')
        == built.content.decode().count('class="card"')
        == Role.objects.published().count()
    )


def test_role_page_query_count_is_the_same_for_3_and_30_questions(
    client, catalog, django_assert_num_queries
):
    role = Role.objects.get(slug="senior-reliability-engineer")
    senior = Level.objects.get(key="senior")
    InterviewQuestion.objects.filter(family=role.family).delete()

    def add_questions(count: int) -> None:
        for number in range(count):
            question = InterviewQuestion.objects.create(
                family=role.family,
                kind="technical",
                question=f"Extra question {number}?",
                probes="Depth.",
                strong_answer=["a", "b", "c"],
            )
            question.levels.add(senior)

    def profile_queries() -> None:
        loaded = Role.objects.with_landscape().get(pk=role.pk)
        with django_assert_num_queries(ROLE_PROFILE_QUERIES):
            role_profile(loaded)

    add_questions(3)
    profile_queries()
    # The move graph and the profile are built once per content version (the first
    # request); a page then asks only for the role, the version and the BLS rows.
    client.get(role.get_absolute_url())
    page_copies_drop()
    with django_assert_num_queries(ROLE_PAGE_QUERIES):
        three = client.get(role.get_absolute_url())
    add_questions(27)
    profile_queries()
    client.get(role.get_absolute_url())
    page_copies_drop()
    with django_assert_num_queries(ROLE_PAGE_QUERIES):
        thirty = client.get(role.get_absolute_url())
    assert three.content.decode().count("Extra question") == 3
    assert thirty.content.decode().count("Extra question") == 30


def test_a_summary_may_use_markdown_emphasis(client, catalog):
    Role.objects.filter(slug="senior-reliability-engineer").update(
        summary="Keeps **SLOs** honest and the pager quiet."
    )
    page = client.get("/roles/senior-reliability-engineer/").content.decode()
    assert '<p class="lede">Keeps <strong>SLOs</strong> honest and the pager quiet.</p>' in page
    assert "**" not in page
    assert "**" not in client.get("/roles/").content.decode()
