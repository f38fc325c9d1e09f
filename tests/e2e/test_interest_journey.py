"""The interest profile in a real browser: five screens taken with the keyboard alone, back
and forth without losing an answer, then the result in words; and one page without
JavaScript. Uses the small catalog (tests/landscape_fixtures.py), not the shipped site."""

import re

from playwright.sync_api import Page, expect

from assessments.interest_take import ITEMS_PER_STEP, interleaved
from assessments.models import InterestItem, Result
from tests.e2e.conftest import sign_up_and_confirm

# The browser applies a swapped-in heading's autofocus again when it next renders; a
# person's first key press comes later than that, so the test waits as long.
SETTLE_MS = 300
# Someone drawn to figuring things out and keeping them in order, less to selling or art.
LIKING = {
    "realistic": "4",
    "investigative": "5",
    "artistic": "1",
    "social": "2",
    "enterprising": "2",
    "conventional": "4",
}


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, id: e.id || '',"
        " type: e.type || '', text: (e.textContent || '').trim(), checked: !!e.checked,"
        " name: e.name || '', value: e.value || ''}; }"
    )


def answers() -> dict[str, str]:
    return {f"q{item.id}": LIKING[item.area] for item in InterestItem.objects.all()}


def wait_for_heading(page: Page, number: int) -> None:
    """After Next or Back the new screen arrives with its heading focused (autofocus after
    htmx settles): carry on from there, as a keyboard user does."""
    for _ in range(50):  # (wait_for_function would need eval, which the CSP refuses)
        if focused(page)["id"] == f"step-{number}-heading":
            break
        page.wait_for_timeout(100)
    expect(page.locator(f"#step-{number}-heading")).to_be_focused()
    expect(page.locator(".progress label")).to_have_text(f"Step {number} of 5")
    page.wait_for_timeout(SETTLE_MS)


def answer_screen(page: Page, wanted: dict[str, str]) -> dict:
    """Tab through the screen on show, choosing each unanswered activity's answer: Space
    on the first option, or → until the wanted one is chosen (each press is checked, so a
    slow page cannot drop one). Stops on the screen's forward button and returns it."""
    for _ in range(80):
        page.keyboard.press("Tab")
        element = focused(page)
        if element["tag"] == "BUTTON" and element["text"] in ("Next", "See my interest profile"):
            return element
        if element["type"] == "radio" and not element["checked"]:
            target = wanted[element["name"]]
            if element["value"] == target:
                page.keyboard.press("Space")
                element = focused(page)
            for _ in range(6):
                if element["checked"] and element["value"] == target:
                    break
                page.keyboard.press("ArrowRight")
                element = focused(page)
            assert element["checked"] and element["value"] == target, element
    raise AssertionError("no forward button on this screen")


def checked_on_screen(page: Page) -> dict[str, str]:
    radios = page.locator("section.step:not([hidden]) input[type=radio]:checked")
    return {
        radios.nth(n).get_attribute("name"): radios.nth(n).get_attribute("value")
        for n in range(radios.count())
    }


def screen_names(number: int) -> set[str]:
    shown = interleaved(list(InterestItem.objects.all()))
    chunk = shown[(number - 1) * ITEMS_PER_STEP : number * ITEMS_PER_STEP]
    return {f"q{item.id}" for item in chunk}


def test_keyboard_interest_profile_in_steps(page: Page, live_server, transactional_db, catalog):
    wanted = answers()
    page.goto(f"{live_server.url}/interests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("What kind of work would you enjoy?")
    expect(page.locator("progress")).to_have_attribute("value", "1")  # htmx: one screen
    expect(page.locator(".progress label")).to_have_text("Step 1 of 5")
    expect(page.locator("#step-1-heading")).to_be_focused()  # where the keyboard starts
    expect(page.locator("section.step:not([hidden]) fieldset")).to_have_count(12)
    # The first screen is clean: nothing answered yet, so nothing is an error.
    expect(page.locator(".error-summary, .field__errors")).to_have_count(0)
    page.wait_for_timeout(SETTLE_MS)

    # Leaving the first screen forward with nothing answered: held there, told why.
    for _ in range(80):
        page.keyboard.press("Tab")
        if focused(page)["text"] == "Next":
            break
    page.keyboard.press("Enter")
    expect(page.get_by_text("Answer every activity in this step to go on.")).to_be_visible()
    wait_for_heading(page, 1)

    assert answer_screen(page, wanted)["text"] == "Next"
    page.keyboard.press("Enter")
    wait_for_heading(page, 2)
    expect(page.locator(".error-summary, .field__errors")).to_have_count(0)
    assert answer_screen(page, wanted)["text"] == "Next"

    # Back (just before Next) to step 1: its answers are all still chosen.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Back"
    page.keyboard.press("Enter")
    wait_for_heading(page, 1)
    first = checked_on_screen(page)
    assert set(first) == screen_names(1)
    assert first == {name: wanted[name] for name in first}

    # Forward again: step 2 kept its answers too; nothing needs answering twice.
    assert answer_screen(page, wanted)["text"] == "Next"
    page.keyboard.press("Enter")
    wait_for_heading(page, 2)
    assert set(checked_on_screen(page)) == screen_names(2)
    for number in (3, 4, 5):
        assert answer_screen(page, wanted)["text"] == "Next"
        page.keyboard.press("Enter")
        wait_for_heading(page, number)
    assert answer_screen(page, wanted)["text"] == "See my interest profile"
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/results/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your interest profile")
    expect(page.locator("#interest-code")).to_contain_text(
        "Your code, IRC, is the first letters of your three strongest areas"
    )
    expect(page.locator(".top-areas li").first).to_contain_text("Figuring out how things work")
    expect(page.locator(".interest-match").first).to_contain_text(
        re.compile(r"(best|good|some) fit")
    )
    result = Result.objects.get()
    assert result.kind == Result.Kind.INTEREST and result.owner is None
    saved = {f"q{item['id']}": str(item["answer"]) for item in result.snapshot["items"]}
    assert saved == wanted

    # The preparation choice updates the list in place and in the address: the senior
    # rung is offered with any preparation, not with medium preparation.
    senior = page.locator('#matches a[href="/roles/senior-reliability-engineer/"]')
    expect(senior).to_have_count(1)
    page.get_by_label("How much preparation are you open to?").select_option("3")
    expect(page).to_have_url(re.compile(r"\?zone=3$"))
    expect(senior).to_have_count(0)
    expect(page.locator('#matches a[href="/roles/junior-reliability-engineer/"]')).to_have_count(1)

    # Keep it: sign up from the result, confirm the email, and land back on it signed in;
    # later it is on My Truest.
    result_path = f"/results/{result.id}/"
    page.locator("p.message").get_by_role("link", name="Sign up").click()
    sign_up_and_confirm(page, live_server, "iris@example.com")
    expect(page).to_have_url(live_server.url + result_path)
    result.refresh_from_db()
    assert result.owner is not None and result.owner.email == "iris@example.com"
    page.goto(f"{live_server.url}/me/")
    interests = page.locator("#interest-results ~ ul").first
    interests.get_by_role("link").first.click()
    expect(page).to_have_url(live_server.url + result_path)


def test_the_interest_profile_works_without_javascript(
    browser, live_server, transactional_db, catalog
):
    """With JavaScript off the whole profile is one form: every screen shows at once."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/interests/")
    expect(page.locator("section.step:visible")).to_have_count(5)
    expect(page.locator("progress")).to_have_count(0)
    for name, value in answers().items():
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.get_by_role("button", name="See my interest profile").click()
    expect(page).to_have_url(re.compile(r"/results/[0-9a-f-]{36}/$"))
    expect(page.locator("#interest-code")).to_contain_text("Your code, IRC")
    # The preparation choice is a plain GET form.
    page.get_by_label("How much preparation are you open to?").select_option("3")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"\?zone=3$"))
    expect(page.locator('#matches a[href="/roles/senior-reliability-engineer/"]')).to_have_count(0)
    context.close()
