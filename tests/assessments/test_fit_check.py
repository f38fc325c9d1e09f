import re
import threading
import uuid

import pytest
from django.db import connection

from assessments.models import FitStatement, Result
from tests.assessments.helpers import FIT_URL, ROLE, fit_answers

pytestmark = pytest.mark.django_db


def test_fit_check_page_is_one_accessible_form(client, catalog):
    response = client.get(FIT_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('<fieldset class="statement"') == 12
    assert page.count("<legend>") == 12
    assert page.count('type="radio"') == 60
    assert page.count('<label class="scale__option"') == 60
    assert "Strongly disagree" in page and "Strongly agree" in page
    assert 'name="token"' in page and 'name="version"' in page
    assert "How this check is scored" in page
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]
    )


def test_taking_the_check_saves_a_result_and_shows_it(client, catalog):
    response = client.post(FIT_URL, fit_answers())
    assert response.status_code == 302
    result = Result.objects.get()
    assert response["Location"] == f"/results/{result.id}/"
    assert result.kind == "fit" and result.owner is None and result.role_slug == ROLE
    assert result.snapshot["level"] == "senior"
    # The senior level weights "systems" 2.0 (family default 1.0).
    assert {d["key"]: d["weight"] for d in result.snapshot["dimensions"]}["systems"] == 2.0
    page = client.get(response["Location"]).content.decode()
    assert "Senior Reliability Engineer: your fit check" in page
    assert "out of 100" in page
    assert "The answers that moved it most" in page
    assert "This result is kept only in this browser session" in page


def test_the_role_page_shows_the_latest_band(client, catalog):
    client.post(FIT_URL, fit_answers())
    page = client.get(f"/roles/{ROLE}/").content.decode()
    assert "Your latest fit check for this role:" in page


def test_deal_breaker_and_flat_pattern_are_reported(client, catalog):
    client.post(FIT_URL, fit_answers(value=1))
    result = Result.objects.get()
    assert result.outcome["flat"] is True
    assert [item["text"] for item in result.outcome["deal_breakers"]] == [
        "Statement 0 about pager."
    ]
    page = client.get(result.get_absolute_url()).content.decode()
    assert "No clear result" in page
    assert "Worth thinking about before anything else" in page


def test_double_submission_creates_one_result(client, catalog):
    data = fit_answers()
    first = client.post(FIT_URL, data)
    second = client.post(FIT_URL, data)
    assert Result.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_replayed_token_never_reaches_someone_elses_result(client, catalog, make_user):
    from django.test import Client

    data = fit_answers()
    client.post(FIT_URL, data)
    victims = Result.objects.get()
    someone_else = Client()
    someone_else.force_login(make_user("other@example.com"))
    response = someone_else.post(FIT_URL, data)
    # A result of their own, made from their own submission; the victim's stays theirs.
    assert response.status_code == 302
    theirs = Result.objects.exclude(pk=victims.pk).get()
    assert response["Location"] == theirs.get_absolute_url()
    assert someone_else.get(victims.get_absolute_url()).status_code == 404
    assert client.get(victims.get_absolute_url()).status_code == 200
    # Replaying the token on another role's form makes a new result too, never the old one.
    other_role_form = client.post(FIT_URL.replace("senior", "junior"), data)
    assert other_role_form.status_code in (302, 404)
    assert other_role_form.get("Location") != victims.get_absolute_url()


def bad_sheets():
    def missing(data):
        data.pop(next(key for key in data if key.startswith("q")))
        return data

    def outside(value):
        def change(data):
            data[next(key for key in data if key.startswith("q"))] = value
            return data

        return change

    def extra(key):
        def change(data):
            data[key] = "3"
            return data

        return change

    def field(key, value):
        def change(data):
            data[key] = value
            return data

        return change

    return {
        "missing answer": missing,
        "zero": outside("0"),
        "six": outside("6"),
        "huge number": outside("9" * 400),
        "negative": outside("-1"),
        "text": outside("agree"),
        "NUL byte": outside("3\x00"),
        "unknown statement": extra("q999999"),
        "tampered version": field("version", "999"),
        "version not a number": field("version", "one"),
        "tampered token": field("token", "not-a-uuid"),
        "NUL in token": field("token", "\x00"),
    }


@pytest.mark.parametrize("name", list(bad_sheets()))
def test_bad_input_is_400_and_saves_nothing(client, catalog, name):
    data = bad_sheets()[name](fit_answers())
    response = client.post(FIT_URL, data)
    assert response.status_code == 400
    assert b"Your answers were not saved" in response.content
    assert not Result.objects.exists()


def test_another_checks_statement_ids_are_refused(client, catalog):
    data = fit_answers()
    other = FitStatement.objects.filter(fit_check__family__slug="platform").first()
    data[f"q{other.id}"] = "3"
    response = client.post(FIT_URL, data)
    assert response.status_code == 400
    assert b"not part of this check" in response.content
    assert not Result.objects.exists()


def test_errors_are_announced_and_linked_to_the_statement(client, catalog):
    data = fit_answers()
    statement_key = next(key for key in data if key.startswith("q"))
    data.pop(statement_key)
    page = client.post(FIT_URL, data).content.decode()
    assert 'role="alert"' in page
    assert f'href="#id_{statement_key}"' in page
    assert f'aria-describedby="id_{statement_key}-error"' in page


def test_saved_results_never_change_when_the_check_is_edited(client, catalog):
    client.post(FIT_URL, fit_answers())
    result = Result.objects.get()
    before = client.get(result.get_absolute_url()).content.decode()
    statement = FitStatement.objects.get(
        text="Statement 1 about systems.", fit_check__family__slug="reliability"
    )
    statement.text = "Rewritten by an editor."
    statement.reverse_keyed = not statement.reverse_keyed
    statement.save()
    statement.dimension.name = "Renamed"
    statement.dimension.weight = 0.5
    statement.dimension.save()
    after = client.get(result.get_absolute_url()).content.decode()
    assert "Rewritten by an editor." not in after and "Renamed" not in after

    def main(page: str) -> str:
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.split("<main")[1])

    assert main(before) == main(after)


def test_htmx_steps_through_dimensions_and_keeps_answers(client, catalog):
    step_url = f"/roles/{ROLE}/fit/step/"
    data = fit_answers()
    headers = {"HX-Request": "true"}
    first = client.post(
        step_url,
        {"token": data["token"], "version": data["version"], "current": "0", "goto": "1"},
        headers=headers,
    )
    page = first.content.decode()
    assert first.status_code == 200
    assert page.lstrip().startswith('<form id="fit-sheet"')
    assert 'value="1">Part 1 of 4</progress>' in page
    assert page.count("hidden>") == 3  # the other three parts are hidden, not removed
    # The first screen is clean: nothing has been answered yet, so nothing is an error.
    assert "Your answers were not saved" not in page and "field__errors" not in page
    # Next without answering: stays on part 1, says why, and names only part 1's statements.
    stay = client.post(
        step_url,
        {"token": data["token"], "version": data["version"], "current": "1", "goto": "2"},
        headers=headers,
    ).content.decode()
    assert "Answer every statement in this part to go on." in stay
    assert 'value="1">Part 1 of 4</progress>' in stay
    first_part = FitStatement.objects.filter(
        fit_check__family__slug="reliability", dimension__order=0
    )
    listed = re.findall(r'<a href="#id_(q\d+)', stay)
    assert set(listed) == {f"q{statement.id}" for statement in first_part}
    # All answers travel with every step: going forward then back keeps them checked.
    moved = client.post(
        step_url, {**data, "current": "1", "goto": "2"}, headers=headers
    ).content.decode()
    assert 'value="2">Part 2 of 4</progress>' in moved
    back = client.post(
        step_url, {**data, "current": "2", "goto": "1"}, headers=headers
    ).content.decode()
    assert back.count(" checked>") == 12
    final = client.post(FIT_URL, data, headers=headers)
    assert final.status_code == 200
    assert final["HX-Redirect"] == Result.objects.get().get_absolute_url()


@pytest.mark.parametrize("step", [{"current": "0", "goto": "99"}, {"current": "x", "goto": "1"}])
def test_unknown_step_is_400(client, catalog, step):
    response = client.post(f"/roles/{ROLE}/fit/step/", {**fit_answers(), **step})
    assert response.status_code == 400


def test_fit_check_for_unknown_or_draft_role_is_404(client, catalog):
    assert client.get("/roles/nope/fit/").status_code == 404
    from careers.models import Role

    Role.objects.filter(slug=ROLE).update(status="draft")
    assert client.get(FIT_URL).status_code == 404
    assert client.post(FIT_URL, fit_answers()).status_code == 404


def test_query_counts(client, catalog, django_assert_num_queries):
    with django_assert_num_queries(4):
        client.get(FIT_URL)
    client.post(FIT_URL, fit_answers())
    result = Result.objects.get()
    # The session (stored in the database, shared by every worker), then the result.
    with django_assert_num_queries(2):
        client.get(result.get_absolute_url())


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_with_one_token_make_one_result(catalog, make_user):
    """Ten submissions of the same sheet at once (a double click and retries) → one result.
    On PostgreSQL they truly run in parallel; SQLite serialises writes, so there they run one
    after another through the same code path."""
    from django.test import Client

    data = fit_answers(token=uuid.uuid4())
    person = make_user("parallel@example.com")
    statuses: list[int] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(10)

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            browser = Client()  # each request from its own worker, one person
            browser.force_login(person)
            statuses.append(browser.post(FIT_URL, data).status_code)
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
