"""Saving a planned move: signed-in people only, kept as planned, theirs alone."""

import json
import re

import pytest

from assessments.models import Result
from careers.models import Role, Transition

pytestmark = pytest.mark.django_db

JUNIOR, PLATFORM = "junior-reliability-engineer", "senior-platform-builder"


def save(client, start=JUNIOR, goal=PLATFORM):
    return client.post("/moves/save/", {"from": start, "to": goal})


def test_a_signed_in_person_saves_a_plan_and_finds_it_on_me(client, catalog, user):
    client.force_login(user)
    planned = client.get("/moves/", {"from": JUNIOR, "to": PLATFORM}).content.decode()
    assert 'action="/moves/save/"' in planned and "Save this plan" in planned
    response = save(client)
    plan = Result.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.kind == Result.Kind.PLAN and plan.owner == user
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "From Junior Reliability Engineer to Senior Platform Builder" in page
    assert "Route 1:" in page and "Learn first" in page
    me = client.get("/me/").content.decode()
    assert "Plan: Junior Reliability Engineer to Senior Platform Builder" in me
    export = json.loads(client.get("/me/export/").content)
    assert [item["kind"] for item in export["results"]] == ["plan"]
    assert export["results"][0]["snapshot"]["plan"]["routes"]


def test_saving_twice_keeps_one_plan(client, catalog, user):
    client.force_login(user)
    assert save(client)["Location"] == save(client)["Location"]
    assert Result.objects.count() == 1


def test_anonymous_people_are_sent_to_log_in_and_nothing_is_saved(client, catalog):
    response = save(client)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Result.objects.exists()
    assert client.get("/moves/save/").status_code == 302  # to log in, like the POST


@pytest.mark.parametrize(
    "start, goal, status",
    [(JUNIOR, JUNIOR, 400), ("../x", PLATFORM, 400), (JUNIOR, "", 400), ("nope", PLATFORM, 404)],
)
def test_bad_plans_are_refused_and_nothing_is_saved(client, catalog, user, start, goal, status):
    client.force_login(user)
    assert save(client, start, goal).status_code == status
    assert not Result.objects.exists()


def test_a_plan_is_private_and_deletable(client, catalog, user, make_user):
    from django.test import Client

    client.force_login(user)
    save(client)
    plan = Result.objects.get()
    stranger = Client()
    stranger.force_login(make_user("stranger@example.com"))
    assert stranger.get(plan.get_absolute_url()).status_code == 404
    assert stranger.post(f"/results/{plan.id}/delete/").status_code == 404
    response = client.post(f"/results/{plan.id}/delete/")
    assert response.status_code == 302 and not Result.objects.exists()


def test_a_saved_plan_never_changes_when_the_content_does(client, catalog, user):
    client.force_login(user)
    save(client)
    plan = Result.objects.get()
    before = client.get(plan.get_absolute_url()).content.decode()
    move = Transition.objects.get(from_role__slug=JUNIOR, to_role__slug=PLATFORM)
    move.note = "Rewritten by an editor."
    move.save()
    role = Role.objects.get(slug=PLATFORM)
    role.title = "Renamed Role"
    role.save()
    after = client.get(plan.get_absolute_url()).content.decode()
    assert "Rewritten by an editor." not in after and "Renamed Role" not in after

    def main(page: str) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.split("<main")[1])

    assert main(before) == main(after)


def test_me_stays_at_four_queries_with_plans(client, catalog, user, django_assert_num_queries):
    client.force_login(user)
    save(client)
    save(client, JUNIOR, "senior-reliability-engineer")
    with django_assert_num_queries(4):
        page = client.get("/me/")
    assert len(re.findall(r'<a href="/results/[^"]+">Plan: ', page.content.decode())) == 2
