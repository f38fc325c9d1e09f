"""Taking the work-style profile: the page, saving, the stepper, bad input, results."""

import re
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments.models import FamilyWorkReward, Result, WorkDimension, WorkItem
from careers.models import Role
from tests.assessments.helpers import (
    PROFILE_URL,
    ROLE,
    STEP_URL,
    leaning,
    old_fit_result,
    profile_answers,
)
from tests.conftest import page_copies_drop

pytestmark = pytest.mark.django_db


def test_profile_page_is_one_accessible_form(client, catalog):
    response = client.get(PROFILE_URL)
    assert response.status_code == 200
    page = response.content.decode()
    # 12 trade-off pairs of six answers, then two conditions (3 + 2 options).
    assert page.count('<fieldset class="trade-off"') == 12
    assert page.count('type="radio"') == 12 * 6 + 3 + 2
    assert "Much more the first" in page and "Much more the second" in page
    assert "The first:</span> Option A0 about focus" in page
    assert "How often could you be woken at night?" in page
    assert 'name="token"' in page and 'name="version"' in page
    assert "How the profile is scored" in page
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_a_role_page_starts_the_same_profile(client, catalog):
    response = client.get(f"/roles/{ROLE}/fit/")
    assert response.status_code == 302
    assert response["Location"] == f"{PROFILE_URL}?start={ROLE}"
    page = client.get(response["Location"]).content.decode()
    assert "You came from <strong>Senior Reliability Engineer</strong>" in page
    assert f'name="start" value="{ROLE}"' in page


def test_taking_the_profile_gives_a_fit_for_every_published_role(client, catalog):
    response = client.post(PROFILE_URL, profile_answers(start=ROLE))
    assert response.status_code == 302
    result = Result.objects.get()
    assert response["Location"] == f"/results/{result.id}/"
    assert result.kind == "profile" and result.owner is None and result.role is None
    published = set(Role.objects.published().values_list("slug", flat=True))
    assert {fit["role"] for fit in result.outcome["fits"]} == published
    assert result.snapshot["start"] == ROLE
    page = client.get(response["Location"]).content.decode()
    assert "Your work-style profile" in page
    # The role it started from opens the result, with what drove its fit.
    assert re.search(r"Senior Reliability Engineer: \w+ fit, \d+ out of 100", page)
    assert "What decided it most:" in page
    assert "Where you stand on each trade-off" in page
    assert "This result is kept only in this browser for now" in page
    # Signing up from here returns here once the email is confirmed.
    assert f'href="/accounts/signup/?next=/results/{result.id}/"' in page


def test_a_ranked_result_ends_with_what_to_do_next(client, catalog):
    client.post(PROFILE_URL, profile_answers(items=leaning(reliability=True), start=ROLE))
    result = Result.objects.get()
    assert result.outcome["ranked"]
    page = client.get(result.get_absolute_url()).content.decode()
    next_steps = page[page.index('id="next-steps"') :]
    assert f'<a href="/roles/{ROLE}/">Read about Senior Reliability Engineer</a>' in next_steps
    assert f'href="/moves/?to={ROLE}">Plan a move to Senior Reliability Engineer</a>' in next_steps
    compare = re.search(r'href="/compare/\?roles=([a-z,-]+)"', next_steps)
    assert compare and compare.group(1).split(",")[0] == ROLE
    assert client.get(f"/moves/?to={ROLE}").status_code == 200  # the link opens the planner


def test_fits_follow_the_answers_and_levels(client, catalog):
    client.post(PROFILE_URL, profile_answers(items=leaning(reliability=True)))
    fits = {fit["role"]: fit for fit in Result.objects.get().outcome["fits"]}
    assert fits[ROLE]["band"] == "strong"
    assert fits["senior-platform-builder"]["band"] == "challenging"
    # The senior rung rewards working through people; the junior rung does not count it.
    senior = {d["dimension"]: d for d in fits[ROLE]["drivers"]}
    assert senior["people-systems"]["pole"] == "left"
    assert senior["people-systems"]["why"] == "Senior engineers lead through people."
    junior = {d["dimension"] for d in fits["junior-reliability-engineer"]["drivers"]}
    assert junior == {"focus", "build-run", "pace"}


def test_a_condition_conflict_is_flagged_whatever_the_score(client, catalog):
    answers = profile_answers(items=leaning(reliability=True), conditions={"night-pages": 0})
    client.post(PROFILE_URL, answers)
    result = Result.objects.get()
    fit = next(f for f in result.outcome["fits"] if f["role"] == ROLE)
    assert fit["band"] == "strong" and [c["key"] for c in fit["conflicts"]] == ["night-pages"]
    # Conflicted roles come after the others, and the page says why in the role's words.
    roles = [f["role"] for f in result.outcome["fits"]]
    assert roles.index(ROLE) > roles.index("senior-platform-builder")
    page = client.get(result.get_absolute_url()).content.decode()
    assert "The page describes being woken about once in an on-call week." in page
    assert "You said: “Never”" in page


def test_response_styles_are_reported_instead_of_a_ranking(client, catalog):
    client.post(PROFILE_URL, profile_answers(items={"*": 3}))
    result = Result.objects.get()
    assert result.outcome["ranked"] is False
    page = client.get(result.get_absolute_url()).content.decode()
    assert "We are not ranking roles from these answers" in page
    assert "Nearly every answer is in the middle of the scale." in page
    assert "The kinds of work that fit you, best first" not in page


def test_the_role_page_list_and_compare_show_the_fit(client, catalog):
    assert "Your fit:" not in client.get(f"/roles/{ROLE}/").content.decode()
    client.post(PROFILE_URL, profile_answers(items=leaning(reliability=True)))
    result = Result.objects.get()
    fit = next(f for f in result.outcome["fits"] if f["role"] == ROLE)
    role_page = client.get(f"/roles/{ROLE}/").content.decode()
    assert f"Your fit: strong fit, {fit['score']} out of 100" in role_page
    assert "Senior engineers lead through people." in role_page
    listing = client.get("/roles/?sort=fit").content.decode()
    titles = re.findall(r'<h2 class="h3"><a href="/roles/([a-z-]+)/"', listing)
    scores = {f["role"]: f["score"] for f in result.outcome["fits"]}
    assert [scores[slug] for slug in titles] == sorted(scores.values(), reverse=True)
    assert f"Your fit: strong fit ({fit['score']})" in listing
    compared = client.get(f"/compare/?roles={ROLE},senior-platform-builder").content.decode()
    assert "Your work-style fit" in compared and f"Strong fit ({fit['score']})" in compared


def test_sorting_by_fit_without_a_profile_is_a_clear_400(client, catalog):
    response = client.get("/roles/?sort=fit")
    assert response.status_code == 400
    assert "sorting by your fit needs a saved work-style profile" in response.content.decode()


def test_double_submission_creates_one_result(client, catalog):
    data = profile_answers()
    first = client.post(PROFILE_URL, data)
    second = client.post(PROFILE_URL, data)
    assert Result.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_replayed_token_never_reaches_someone_elses_result(client, catalog, make_user):
    from django.test import Client

    data = profile_answers()
    client.post(PROFILE_URL, data)
    victims = Result.objects.get()
    someone_else = Client()
    someone_else.force_login(make_user("other@example.com"))
    response = someone_else.post(PROFILE_URL, data)
    assert response.status_code == 302
    theirs = Result.objects.exclude(pk=victims.pk).get()
    assert response["Location"] == theirs.get_absolute_url()
    assert someone_else.get(victims.get_absolute_url()).status_code == 404
    assert client.get(victims.get_absolute_url()).status_code == 200


def bad_sheets():
    def first(prefix):
        return lambda data: next(key for key in data if key.startswith(prefix))

    def missing(prefix):
        def change(data):
            data.pop(first(prefix)(data))
            return data

        return change

    def set_first(prefix, value):
        def change(data):
            data[first(prefix)(data)] = value
            return data

        return change

    def field(key, value):
        def change(data):
            data[key] = value
            return data

        return change

    return {
        "missing item": missing("i"),
        "missing condition": missing("c"),
        "zero": set_first("i", "0"),
        "seven": set_first("i", "7"),
        "huge number": set_first("i", "9" * 400),
        "negative": set_first("i", "-1"),
        "text": set_first("i", "agree"),
        "NUL byte": set_first("i", "3\x00"),
        "condition out of range": set_first("c", "9"),
        "unknown item": field("i999999", "3"),
        "unknown condition": field("c999999", "0"),
        "tampered version": field("version", "999"),
        "version not a number": field("version", "one"),
        "tampered token": field("token", "not-a-uuid"),
        "NUL in token": field("token", "\x00"),
        "start not a slug": field("start", "../admin"),
    }


@pytest.mark.parametrize("name", list(bad_sheets()))
def test_bad_input_is_400_and_saves_nothing(client, catalog, name):
    data = bad_sheets()[name](profile_answers())
    response = client.post(PROFILE_URL, data)
    assert response.status_code == 400
    assert b"Your answers were not saved" in response.content
    assert not Result.objects.exists()


def test_unknown_starting_role_is_404(client, catalog):
    assert client.get(f"{PROFILE_URL}?start=no-such-role").status_code == 404
    assert client.post(PROFILE_URL, profile_answers(start="no-such-role")).status_code == 404
    assert not Result.objects.exists()
    assert client.get("/roles/nope/fit/").status_code == 404
    Role.objects.filter(slug=ROLE).update(status="draft")
    assert client.get(f"/roles/{ROLE}/fit/").status_code == 404


def test_errors_are_announced_and_linked_to_the_question(client, catalog):
    data = profile_answers()
    key = next(key for key in data if key.startswith("i"))
    data.pop(key)
    page = client.post(PROFILE_URL, data).content.decode()
    assert 'role="alert"' in page
    assert f'href="#id_{key}"' in page
    assert f'aria-describedby="id_{key}-error"' in page


def test_saved_results_never_change_when_the_profile_is_edited(client, catalog):
    client.post(PROFILE_URL, profile_answers(start=ROLE))
    result = Result.objects.get()
    before = client.get(result.get_absolute_url()).content.decode()
    item = WorkItem.objects.get(key="focus-0")
    item.left = "Rewritten by an editor."
    item.reverse = not item.reverse
    item.save()
    WorkDimension.objects.filter(key="focus").update(name="Renamed")
    FamilyWorkReward.objects.filter(family__slug="reliability").update(pole="left", why="Edited.")
    Role.objects.filter(slug="senior-platform-builder").update(title="Renamed role")
    after = client.get(result.get_absolute_url()).content.decode()
    assert "Rewritten by an editor." not in after and "Renamed" not in after

    def main(page: str) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.split("<main")[1])

    assert main(before) == main(after)


def test_results_saved_by_the_old_fit_checks_still_render_as_saved(client, catalog, make_user):
    person = make_user("earlier@example.com")
    client.force_login(person)
    result = old_fit_result(owner=person)
    page = client.get(result.get_absolute_url()).content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    snapshot, outcome = result.snapshot, result.outcome
    assert f"{snapshot['role_title']}: your fit check" in text
    assert f"{outcome['band_label']}: {outcome['overall']} out of 100" in text
    for dimension, score in zip(snapshot["dimensions"], outcome["dimensions"], strict=True):
        assert f"{dimension['name']}: {score['score']} out of 100" in text
    for item in outcome["deal_breakers"]:
        assert f"“{item['text']}” — you answered {item['answer']} of 5." in text
    dashboard = client.get("/me/").content.decode()
    assert "Earlier fit checks" in dashboard and snapshot["role_title"] in dashboard


def test_htmx_steps_through_the_profile_and_keeps_answers(client, catalog):
    data = profile_answers()
    headers = {"HX-Request": "true"}
    base = {"token": data["token"], "version": data["version"]}
    first = client.post(STEP_URL, {**base, "current": "0", "goto": "1"}, headers=headers)
    page = first.content.decode()
    assert first.status_code == 200
    assert page.lstrip().startswith('<form id="profile-sheet"')
    assert 'value="1">Part 1 of 3</progress>' in page
    assert page.count("hidden>") == 2  # the other parts are hidden, not removed
    # The first screen is clean: nothing has been answered yet, so nothing is an error.
    assert "Your answers were not saved" not in page and "field__errors" not in page
    # Next without answering: stays on part 1, says why, and names only part 1's items.
    stay = client.post(
        STEP_URL, {**base, "current": "1", "goto": "2"}, headers=headers
    ).content.decode()
    assert "Answer every question in this part to go on." in stay
    assert 'value="1">Part 1 of 3</progress>' in stay
    first_part = list(WorkItem.objects.all()[:8])
    listed = re.findall(r'<a href="#id_([ic]\d+)', stay)
    assert set(listed) == {f"i{item.id}" for item in first_part}
    # All answers travel with every step: going forward then back keeps them checked.
    moved = client.post(
        STEP_URL, {**data, "current": "1", "goto": "2"}, headers=headers
    ).content.decode()
    assert 'value="2">Part 2 of 3</progress>' in moved
    back = client.post(
        STEP_URL, {**data, "current": "2", "goto": "1"}, headers=headers
    ).content.decode()
    assert back.count(" checked>") == 12 + 2
    final = client.post(PROFILE_URL, data, headers=headers)
    assert final.status_code == 200
    assert final["HX-Redirect"] == Result.objects.get().get_absolute_url()


@pytest.mark.parametrize(
    "step", [{"current": "0", "goto": "99"}, {"current": "x", "goto": "1"}, {"current": "-1"}]
)
def test_unknown_step_is_400(client, catalog, step):
    response = client.post(STEP_URL, {**profile_answers(), **step})
    assert response.status_code == 400


def test_query_counts(client, catalog, django_assert_num_queries, make_user):
    # The profile, its dimensions, items and conditions.
    with django_assert_num_queries(4):
        client.get(PROFILE_URL)
    client.post(PROFILE_URL, profile_answers())
    result = Result.objects.get()
    # The session (stored in the database, shared by every worker), then the result: the
    # fit for every role comes from the saved outcome.
    with django_assert_num_queries(2):
        client.get(result.get_absolute_url())
    person = make_user("counted@example.com")
    client.force_login(person)
    for _ in range(3):
        client.post(PROFILE_URL, profile_answers())
    # Session, user, every result in one query, then the shortlist.
    with django_assert_num_queries(4):
        page = client.get("/me/")
    # The three taken signed in, and the one taken before logging in (claimed then).
    assert len(re.findall(r"best fits [A-Z]", page.content.decode())) == 4


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_with_one_token_make_one_result(catalog, make_user):
    """Ten submissions of the same sheet at once (a double click and retries) → one result.
    On PostgreSQL they truly run in parallel; SQLite serialises writes, so there they run one
    after another through the same code path."""
    from django.test import Client

    data = profile_answers(token=uuid.uuid4())
    person = make_user("parallel@example.com")
    statuses: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            browser = Client()  # each request from its own worker, one person
            browser.force_login(person)
            statuses.append(browser.post(PROFILE_URL, data).status_code)
        except BaseException as error:  # collected and re-raised in the main thread
            errors.append(error)
        finally:
            connection.close()

    if connection.vendor == "postgresql":
        threads = [threading.Thread(target=submit) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    else:
        barrier = threading.Barrier(1)
        for _ in range(10):
            submit()
    assert not errors, errors
    assert statuses == [302] * 10
    assert Result.objects.count() == 1


def test_pages_showing_your_fit_add_one_query_for_the_profile(client, catalog):
    """With a profile in the session: the session, then one read of the latest profile
    (whatever the number of roles shown), on top of what the page costs anyone (each
    page's own count is pinned in tests/careers)."""
    client.post(PROFILE_URL, profile_answers())
    compare = f"/compare/?roles={ROLE},senior-platform-builder"
    for address, mark in [
        (f"/roles/{ROLE}/", "Your fit:"),
        ("/roles/", "Your fit:"),
        (compare, "Your work-style fit"),
    ]:
        client.get(address)  # builds what the page keeps per content version
        page_copies_drop()
        anyone = _queries(Client(), address)[0]
        page_copies_drop()
        theirs, page = _queries(client, address)
        assert theirs == anyone + 2, address
        assert mark in page.content.decode()
    page = client.get("/roles/")
    assert page.content.decode().count("Your fit:") == Role.objects.published().count()
    # Sorted by fit, the page counts the roles in memory: no COUNT query.
    client.get("/roles/?sort=fit")
    assert _queries(client, "/roles/?sort=fit")[0] <= _queries(client, "/roles/")[0]


def _queries(visitor: Client, address: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(address)
    assert response.status_code == 200, address
    return len(queries), response
