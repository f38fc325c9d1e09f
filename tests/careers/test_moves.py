"""/moves/: planning a move on the small test catalog (junior and senior reliability
engineers, a senior platform builder; see tests/careers/catalog_factory.py)."""

import re

import pytest

from careers.models import Transition
from careers.moves.build import move_graph_build
from tests.conftest import page_copies_drop

pytestmark = pytest.mark.django_db

JUNIOR, SENIOR, PLATFORM = (
    "junior-reliability-engineer",
    "senior-reliability-engineer",
    "senior-platform-builder",
)


def plan(client, start, goal, **extra):
    return client.get("/moves/", {"from": start, "to": goal, **extra})


def test_the_planner_opens_with_its_form(client, catalog):
    page = client.get("/moves/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<select id="plan-from" name="from" required>' in html
    assert f'<option value="{PLATFORM}">Senior Platform Builder</option>' in html


def test_a_plan_shows_routes_with_what_to_learn_time_and_pay(client, catalog):
    page = plan(client, JUNIOR, PLATFORM)
    assert page.status_code == 200
    html = page.content.decode()
    assert "From Junior Reliability Engineer to Senior Platform Builder" in html
    routes = re.findall(r'<h2 id="route-\d-heading">Route (\d): (\d) move', html)
    assert routes[0] == ("1", "1")  # the editors' lateral move, one step
    assert len(routes) >= 2  # and longer alternatives, e.g. through the senior rung
    # A diagram with a text alternative naming every stop in order.
    assert re.search(
        r'<title id="route-1-diagram">Route 1: Junior Reliability Engineer, then Senior '
        r"Platform Builder</title>",
        html,
    )
    assert "Skills to grow, most needed first:" in html
    assert "Typical time:" in html and "Learn first" in html
    assert "Indicative only:" in html  # two occupations, one tied by editors' judgement
    assert "Log in</a> or <a" in html  # anonymous people can plan, not save


def test_routes_are_ordered_by_cost_and_never_longer_than_four_moves(client, catalog):
    html = plan(client, JUNIOR, PLATFORM).content.decode()
    moves = [int(n) for n in re.findall(r"Route \d: (\d) move", html)]
    assert all(1 <= n <= 4 for n in moves)


def test_planning_to_an_occupation_outside_the_catalog_by_its_code(client, catalog):
    # The platform role is counted in 15-1244.00: reaching the role reaches the occupation.
    html = plan(client, JUNIOR, "15-1244.00").content.decode()
    assert "Route 1" in html
    assert "Counted in this occupation" in html


def test_no_route_names_the_nearest_reachable_roles(client, catalog):
    page = plan(client, PLATFORM, JUNIOR)
    assert page.status_code == 200
    html = page.content.decode()
    assert "No route of four moves or fewer" in html
    assert "The places you can reach that come closest:" in html
    assert f'href="/roles/{SENIOR}/"' in html


def test_a_link_naming_one_end_opens_the_form_with_it_chosen(client, catalog):
    page = client.get("/moves/", {"to": PLATFORM})
    assert page.status_code == 200
    assert f'<option value="{PLATFORM}" selected>' in page.content.decode()


@pytest.mark.parametrize(
    "start, goal, message",
    [
        ("", PLATFORM, "Choose the role you are starting from."),
        (JUNIOR, "", "Choose where you want to go"),
        ("../admin", PLATFORM, "can only hold letters, digits and hyphens"),
        (JUNIOR, "Bad Slug", "must be a role"),
        (JUNIOR, "15-1244.0x", "must be a role"),
        (JUNIOR + "\x00", PLATFORM, "can only hold letters, digits and hyphens"),
        (JUNIOR, JUNIOR, "You are already a Junior Reliability Engineer"),
    ],
)
def test_bad_requests_are_400_with_a_message(client, catalog, start, goal, message):
    page = plan(client, start, goal)
    assert page.status_code == 400
    assert message in page.content.decode()


@pytest.mark.parametrize(
    "start, goal",
    [
        ("no-such-role", PLATFORM),
        (JUNIOR, "no-such-role"),
        (JUNIOR, "99-9999.99"),
        (JUNIOR, "15-1244"),  # a name, not a code: no role is called that
    ],
)
def test_unknown_roles_and_codes_are_404(client, catalog, start, goal):
    assert plan(client, start, goal).status_code == 404


def test_a_draft_role_cannot_be_planned_to(client, catalog):
    from careers.models import Role

    Role.objects.filter(slug=PLATFORM).update(status="draft")
    from careers.versioning import content_version_bump

    content_version_bump()  # .update() sends no signal; the admin's save would
    assert plan(client, JUNIOR, PLATFORM).status_code == 404


def test_an_edit_shows_on_the_next_request(client, catalog):
    plan(client, JUNIOR, PLATFORM)
    move = Transition.objects.get(from_role__slug=JUNIOR, to_role__slug=PLATFORM)
    move.note = "An editor's newer reason."
    move.save()
    assert "An editor&#x27;s newer reason." in plan(client, JUNIOR, PLATFORM).content.decode()


def test_query_counts_are_constant(client, catalog, django_assert_num_queries):
    # Building the graph: a fixed number of queries whatever the catalog's size.
    with django_assert_num_queries(8):
        move_graph_build()
    # Planning a move the first time in a content version: the version, the graph (8),
    # the data sources and the BLS rows behind the moves shown.
    with django_assert_num_queries(11):
        first = plan(client, JUNIOR, PLATFORM)
    page_copies_drop()
    # The same plan again in the same version is kept: the version only.
    with django_assert_num_queries(1):
        again = plan(client, JUNIOR, PLATFORM)
    assert _without_csrf(again) == _without_csrf(first)
    with django_assert_num_queries(1):
        client.get("/moves/")  # the form alone: the version
    # To an occupation: its title as well.
    with django_assert_num_queries(3):
        plan(client, JUNIOR, "15-1244.00")


def _without_csrf(response) -> str:
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", response.content.decode())
