"""Taking the interest profile: one page without JavaScript, five screens with htmx."""

import re
import uuid
from collections import Counter

import pytest

from assessments.interest_take import ITEMS_PER_STEP, interleaved
from assessments.models import InterestItem, Result
from tests.assessments.helpers import interest_answers

pytestmark = pytest.mark.django_db

URL = "/interests/"
STEP_URL = "/interests/step/"
HTMX = {"HX-Request": "true"}


def step(client, data: dict, *, current: int, goto: int):
    return client.post(STEP_URL, {**data, "current": str(current), "goto": str(goto)}, headers=HTMX)


def shown_fields(page: str) -> list[str]:
    """The question fields of the screen on show (the one section without `hidden`)."""
    sections = re.findall(r'<section class="step"[^>]*?(\shidden)?>(.*?)</section>', page, re.S)
    visible = [body for hidden, body in sections if not hidden]
    assert len(visible) == 1, len(visible)
    return re.findall(r'<fieldset class="statement[^"]*" id="id_(q\d+)"', visible[0])


def test_without_javascript_the_whole_profile_is_one_form(client, catalog):
    page = client.get(URL).content.decode()
    assert page.count('<fieldset class="statement"') == 60
    assert page.count('<section class="step"') == 5
    assert not re.search(r'<section class="step"[^>]* hidden', page)  # all show at once
    assert "<progress" not in page and 'name="current"' not in page
    assert "In 5 steps of 12 activities: about 5 minutes." in page
    # The page loads the first screen with htmx when it can.
    assert 'data-hx-post="/interests/step/" data-hx-trigger="load"' in page


def test_no_javascript_submission_still_saves_the_same_snapshot(client, catalog):
    data = interest_answers(strong_area="investigative")
    response = client.post(URL, data)
    assert response.status_code == 302
    result = Result.objects.get()
    assert response["Location"] == result.get_absolute_url()
    assert result.kind == Result.Kind.INTEREST and result.title == "Interest profile"
    items = list(InterestItem.objects.all())
    # The snapshot keeps the catalog's order and format, whatever order the screens ask in.
    assert result.snapshot == {
        "items": [
            {"id": i.id, "area": i.area, "text": i.text, "answer": int(data[f"q{i.id}"])}
            for i in items
        ]
    }
    assert set(result.outcome) == {"sums", "code", "top_areas", "flat"}


def test_no_javascript_missing_answers_show_every_error(client, catalog):
    data = interest_answers()
    del data[next(key for key in data if key.startswith("q"))]
    page = client.post(URL, data).content.decode()
    assert "Your answers were not saved" in page
    assert page.count('<section class="step"') == 5
    assert not re.search(r'<section class="step"[^>]* hidden', page)


def test_each_screen_mixes_the_six_areas(catalog):
    shown = interleaved(list(InterestItem.objects.all()))
    assert len(shown) == 60 and len(set(shown)) == 60
    for start in range(0, 60, ITEMS_PER_STEP):
        areas = Counter(item.area for item in shown[start : start + ITEMS_PER_STEP])
        assert set(areas.values()) == {2}, areas


def test_htmx_steps_keep_answers_and_judge_a_screen_only_when_leaving_it(client, catalog):
    data = interest_answers()
    base = {"token": data["token"]}
    first = step(client, base, current=0, goto=1)
    page = first.content.decode()
    assert first.status_code == 200
    assert page.lstrip().startswith('<form id="interest-sheet"')
    assert 'value="1">Step 1 of 5</progress>' in page
    assert page.count(" hidden>") == 4  # the other screens are hidden, not removed
    # The heading of the screen on show takes the focus, and says where the person is.
    assert re.search(
        r'<h2 id="step-1-heading" tabindex="-1" autofocus><span class="visually-hidden">'
        r"Step 1 of 5: </span>Activities 1 to 12 of 60</h2>",
        page,
    )
    # The first screen is clean: nothing answered yet, so nothing is an error.
    assert "error-summary" not in page and "field__errors" not in page
    first_screen = shown_fields(page)
    assert len(first_screen) == 12

    # Next without answering: stays on step 1, says why, and names only its activities.
    stay = step(client, base, current=1, goto=2).content.decode()
    assert "Answer every activity in this step to go on." in stay
    assert 'value="1">Step 1 of 5</progress>' in stay
    assert set(re.findall(r'<a href="#id_(q\d+)"', stay)) == set(first_screen)

    # Step 1 answered, nothing else: moving on shows step 2 with no errors.
    answered_first = {**base, **{name: data[name] for name in first_screen}}
    second = step(client, answered_first, current=1, goto=2).content.decode()
    assert 'value="2">Step 2 of 5</progress>' in second
    assert "field__errors" not in second
    second_screen = shown_fields(second)
    assert not set(second_screen) & set(first_screen)
    # Going back from an unanswered screen is never blocked, and keeps step 1's answers.
    back = step(client, answered_first, current=2, goto=1).content.decode()
    assert 'value="1">Step 1 of 5</progress>' in back and "field__errors" not in back
    assert back.count(" checked>") == 12

    # Every answer travels with every request: forward and back keep all sixty.
    for number in range(1, 5):
        assert (
            f'value="{number + 1}">'
            in step(client, data, current=number, goto=number + 1).content.decode()
        )
    last = step(client, data, current=5, goto=4).content.decode()
    assert last.count(" checked>") == 60


def test_the_last_step_saves_with_htmx(client, catalog):
    data = interest_answers()
    response = client.post(URL, {**data, "current": "5"}, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == Result.objects.get().get_absolute_url()


def test_the_last_step_with_a_gap_goes_back_to_it(client, catalog):
    data = interest_answers()
    shown = interleaved(list(InterestItem.objects.all()))
    gap = shown[2 * ITEMS_PER_STEP + 3]  # on step 3
    del data[f"q{gap.id}"]
    response = client.post(URL, {**data, "current": "5"}, headers=HTMX)
    page = response.content.decode()
    assert response.status_code == 400 and not Result.objects.exists()
    assert page.lstrip().startswith('<form id="interest-sheet"')
    assert 'value="3">Step 3 of 5</progress>' in page
    assert re.findall(r'<a href="#id_(q\d+)"', page) == [f"q{gap.id}"]
    assert "Answer every activity in this step to go on." in page


@pytest.mark.parametrize(
    "move", [{"current": "0", "goto": "6"}, {"current": "x", "goto": "1"}, {"current": "-1"}]
)
def test_unknown_step_is_400(client, catalog, move):
    response = client.post(STEP_URL, {**interest_answers(), **move}, headers=HTMX)
    assert response.status_code == 400


def test_the_step_view_is_post_only_and_saves_nothing(client, catalog):
    assert client.get(STEP_URL).status_code == 405
    step(client, interest_answers(token=uuid.uuid4()), current=5, goto=5)
    assert not Result.objects.exists()


def test_query_counts(client, catalog, django_assert_num_queries):
    with django_assert_num_queries(1):  # the activities
        client.get(URL)
    data = interest_answers()
    with django_assert_num_queries(1):
        step(client, data, current=1, goto=2)
