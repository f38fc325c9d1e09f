"""Who may see a result: every URL that takes a result id, for every kind of visitor."""

import json

import pytest
from django.test import Client

from assessments.models import Result
from tests.assessments.helpers import (
    PROFILE_URL,
    interest_answers,
    profile_answers,
)

pytestmark = pytest.mark.django_db

RESULT_URLS = [
    ("get", "/results/{id}/"),
    ("get", "/results/{id}/?zone=4"),
    ("post", "/results/{id}/delete/"),
]


@pytest.fixture
def owned_result(client, catalog, user):
    client.force_login(user)
    client.post(PROFILE_URL, profile_answers())
    return Result.objects.get()


@pytest.fixture
def anonymous_result(client, catalog):
    client.post(PROFILE_URL, profile_answers())
    return Result.objects.get()


def request(client, method, url, result):
    return getattr(client, method)(url.format(id=result.id))


@pytest.mark.parametrize("method, url", RESULT_URLS)
def test_owner_can_reach_their_result(client, owned_result, method, url):
    response = request(client, method, url, owned_result)
    assert response.status_code in (200, 302)
    assert "no-store" in response["Cache-Control"] or response.status_code == 302


@pytest.mark.parametrize("method, url", RESULT_URLS)
def test_another_signed_in_user_gets_404(owned_result, make_user, method, url):
    other = Client()
    other.force_login(make_user("other@example.com"))
    assert request(other, method, url, owned_result).status_code == 404
    assert Result.objects.filter(pk=owned_result.pk).exists()


@pytest.mark.parametrize("method, url", RESULT_URLS)
def test_anonymous_visitor_gets_404_for_an_owned_result(owned_result, method, url):
    assert request(Client(), method, url, owned_result).status_code == 404
    assert Result.objects.filter(pk=owned_result.pk).exists()


@pytest.mark.parametrize("method, url", RESULT_URLS)
def test_anonymous_owner_in_the_same_session_sees_it(client, anonymous_result, method, url):
    assert request(client, method, url, anonymous_result).status_code in (200, 302)


@pytest.mark.parametrize("method, url", RESULT_URLS)
def test_another_browser_cannot_see_an_anonymous_result(anonymous_result, make_user, method, url):
    assert request(Client(), method, url, anonymous_result).status_code == 404
    stranger = Client()
    stranger.force_login(make_user("stranger@example.com"))
    assert request(stranger, method, url, anonymous_result).status_code == 404


def test_anonymous_result_is_gone_when_the_session_ends(client, anonymous_result):
    client.logout()  # flushes the session
    assert client.get(anonymous_result.get_absolute_url()).status_code == 404


def test_login_claims_the_anonymous_result(client, anonymous_result, user):
    from tests.conftest import PASSWORD

    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    anonymous_result.refresh_from_db()
    assert anonymous_result.owner == user
    assert client.get(anonymous_result.get_absolute_url()).status_code == 200
    # Once claimed, a browser holding only the old session cannot reach it.
    assert Client().get(anonymous_result.get_absolute_url()).status_code == 404


def test_unknown_or_malformed_result_ids_are_404(client, catalog):
    assert client.get("/results/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/results/not-a-uuid/").status_code == 404


def test_deleting_asks_for_confirmation_before_it_deletes(client, owned_result):
    page = client.get(f"/results/{owned_result.id}/delete/")
    assert page.status_code == 200
    assert f'action="/results/{owned_result.id}/delete/"' in page.content.decode()
    assert Result.objects.filter(pk=owned_result.pk).exists()


def test_export_is_only_your_own_data(client, owned_result, make_user):
    other = Client()
    other_user = make_user("other@example.com")
    other.force_login(other_user)
    other.post("/interests/", interest_answers())
    response = client.get("/me/export/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="truest-my-data.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == owned_result.owner.email
    assert [item["id"] for item in data["results"]] == [str(owned_result.id)]
    assert data["results"][0]["snapshot"]["items"][0]["answer"] in range(1, 7)
    assert data["results"][0]["outcome"]["fits"][0]["score"] in range(0, 101)
    assert Client().get("/me/export/").status_code == 302  # login required


def test_unclaimed_results_are_pruned_when_their_session_ends(client, catalog, user):
    from io import StringIO

    from django.core.management import call_command

    ended = Client()
    ended.post(PROFILE_URL, profile_answers())
    ended_result = Result.objects.get()
    ended.session.flush()  # the browser's session is gone (expired or logged out)
    owned = Client()
    owned.force_login(user)
    owned.post(PROFILE_URL, profile_answers())
    client.post(PROFILE_URL, profile_answers())  # a live anonymous session keeps its result

    out = StringIO()
    call_command("prune_anonymous_results", stdout=out)
    assert "Deleted 1 unclaimed results whose browser session has ended" in out.getvalue()
    assert not Result.objects.filter(pk=ended_result.pk).exists()
    assert Result.objects.count() == 2
    live = Result.objects.get(owner__isnull=True)
    assert client.get(live.get_absolute_url()).status_code == 200
