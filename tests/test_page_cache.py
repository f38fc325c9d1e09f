"""Strangers get public pages from the cache; nobody else does, and nothing personal is
ever stored. An edit shows on the next request; revalidation answers 304."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import Result
from careers.models import DataRelease, Occupation, Role
from tests.assessments.helpers import ROLE, profile_answers
from tests.careers.admin_forms import post_change
from tests.careers.catalog_factory import words

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/",
    "/about/data/",
    "/roles/",
    f"/roles/{ROLE}/",
    "/occupations/",
    "/occupations/15-1252.00/",
    "/search/?q=reliability",
    f"/compare/?roles={ROLE},senior-platform-builder",
    f"/moves/?from={ROLE}",
]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HX_CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache every worker shares (as Redis is in production): the version is read from
    it, so a hit needs no database at all."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
    }


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_strangers_second_visit_is_a_cache_hit_with_no_sql(path, catalog, shared_cache):
    first = Client().get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(path)
    assert second.status_code == 200
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert second["ETag"] == first["ETag"]
    assert "private" in second["Cache-Control"] and "no-cache" in second["Cache-Control"]
    assert "Cookie" in second["Vary"]


def test_each_visitor_gets_their_own_csrf_token_in_a_cached_page(catalog):
    page = f"/roles/{ROLE}/"
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(page)
    served = second.get(page)  # from the cache
    body = served.content.decode()
    tokens = set(HX_CSRF.findall(body)) | set(CSRF_INPUT.findall(body))
    assert (
        len(tokens) == 1 and first.cookies["csrftoken"].value != served.cookies["csrftoken"].value
    )
    # The token in the cached page works for its visitor: adding to the shortlist succeeds.
    response = second.post(
        "/shortlist/", {"csrfmiddlewaretoken": tokens.pop(), "role": ROLE, "action": "add"}
    )
    assert response.status_code == 302
    assert "Remove from shortlist" in second.get(page).content.decode()


def test_a_hit_carries_the_same_headers_as_the_page_it_copies(catalog):
    # A hit is served before the rest of the middleware stack: the headers that stack adds
    # (the CSP, framing, content type) come with the stored copy.
    page = f"/roles/{ROLE}/"
    rendered, hit = Client().get(page), Client().get(page)
    per_response = {"Set-Cookie"}
    assert {k: v for k, v in hit.headers.items() if k not in per_response} == {
        k: v for k, v in rendered.headers.items() if k not in per_response
    }
    assert "Content-Security-Policy" in hit and hit["X-Frame-Options"] == "DENY"
    assert hit.cookies["csrftoken"].value  # a first visit still gets its CSRF cookie


def test_a_hit_still_refuses_a_host_that_is_not_ours(catalog, settings):
    settings.ALLOWED_HOSTS = ["truest.example"]
    page = f"/roles/{ROLE}/"
    assert Client(HTTP_HOST="truest.example").get(page).status_code == 200  # stored
    assert Client(HTTP_HOST="truest.example").get(page).status_code == 200  # a hit
    assert Client(HTTP_HOST="evil.example").get(page).status_code == 400


def test_two_responses_never_carry_the_same_csp_nonce_or_any_nonce(catalog):
    responses = [Client().get(f"/roles/{ROLE}/") for _ in range(2)]
    for response in responses:
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "nonce-" not in csp
        assert "nonce=" not in response.content.decode()


def test_an_admin_edit_shows_on_the_next_anonymous_request(
    client, editor, shared_cache, django_capture_on_commit_callbacks
):
    page = f"/roles/{ROLE}/"
    before = Client().get(page).content.decode()
    assert "An editor rewrote" not in before
    client.force_login(editor)
    role = Role.objects.get(slug=ROLE)
    summary = "An editor rewrote this summary in admin. " + words(42, "edited")
    # The test runs inside a transaction; the admin's commit is when the version is told.
    with django_capture_on_commit_callbacks(execute=True):
        assert post_change(client, "role", role.pk, summary=summary).status_code == 302
    after = Client().get(page).content.decode()
    assert "An editor rewrote this summary in admin." in after


def test_people_with_results_or_a_login_never_get_the_strangers_copy(client, user, catalog):
    page = f"/roles/{ROLE}/"
    stranger = Client().get(page).content.decode()  # stored
    # An anonymous person with a saved result: their page shows their fit, not the copy.
    client.post("/fit/", profile_answers())
    assert Result.objects.filter(owner=None).exists()
    theirs = client.get(page)
    assert theirs.content.decode() != stranger
    assert "no-store" in theirs["Cache-Control"]
    assert "Take the work-style profile again" in theirs.content.decode()
    # Rendering the page for them stored nothing personal: a stranger still gets the copy.
    again = Client().get(page).content.decode()
    assert "Take the work-style profile again" not in again
    assert _without_tokens(again) == _without_tokens(stranger)
    # Signed in: rendered for them, private.
    member = Client()
    member.force_login(user)
    signed_in = member.get(page)
    assert "no-store" in signed_in["Cache-Control"] and "Log out" in signed_in.content.decode()
    assert "Log out" not in Client().get(page).content.decode()


def test_revalidation_with_the_same_etag_is_a_304_without_a_body(catalog):
    page = "/roles/"
    first = Client().get(page)
    revalidated = Client().get(page, headers={"If-None-Match": first["ETag"]})
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert revalidated["ETag"] == first["ETag"]
    since = Client().get(page, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304
    changed = Client().get(page, headers={"If-None-Match": '"another"'})
    assert changed.status_code == 200 and changed.content


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_what_pages_keep_per_version_follows_an_edit(path, catalog):
    """Pages rendered for a person (with a session) come from data and fragments kept per
    content version: a save raises the version and the next page shows the edit."""
    reader = Client(HTTP_COOKIE="sessionid=" + "z" * 32)  # a session, so never the copy
    assert reader.get(path).status_code == 200  # builds and keeps this version's parts
    role = Role.objects.get(slug=ROLE)
    occupation = Occupation.objects.get(code="15-1252.00")
    release = DataRelease.objects.first()
    role.title, occupation.title = "Renamed Reliability Role", "Renamed Developers"
    role.summary = "A renamed summary of the work. " + role.summary
    role.save()
    occupation.save()
    release.name, release.citation = (
        release.name + " (re-released)",
        release.citation + " (re-released)",
    )
    release.save()
    family = role.family
    family.name = "Renamed Family"
    family.save()
    page = reader.get(path).content.decode()
    markers = ("Renamed Reliability Role", "Renamed Developers", "(re-released)", "Renamed Family")
    assert any(text in page for text in markers), path
    assert "Senior Reliability Engineer" not in page, path


def _without_tokens(body: str) -> str:
    return HX_CSRF.sub("", CSRF_INPUT.sub("", body))
