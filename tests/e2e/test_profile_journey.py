import re
import tomllib
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import Page, expect

from assessments.models import Result, WorkCondition, WorkItem
from assessments.profile_files import PROFILE_DIR
from tests.e2e.conftest import sign_up_and_confirm

ROLE = "senior-site-reliability-engineer"
PERSONA = "site-reliability-engineering-thrives"
# The browser applies a swapped-in heading's autofocus again when it next renders; a
# person's first key press comes later than that, so the test waits as long.
SETTLE_MS = 300


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, type: e.type || '',"
        " text: (e.textContent || '').trim(), checked: !!e.checked, name: e.name || '',"
        " value: e.value || ''}; }"
    )


def persona_answers() -> dict[str, str]:
    """Field name → value: the answers of a person who thrives in site reliability work
    (assessments/catalog/personas.toml), and the most of every condition."""
    personas = tomllib.loads((PROFILE_DIR / "personas.toml").read_text(encoding="utf-8"))
    persona = next(p for p in personas["personas"] if p["key"] == PERSONA)
    answers = {
        f"i{item.id}": str(persona["answers"][item.key][0]) for item in WorkItem.objects.all()
    }
    for condition in WorkCondition.objects.all():
        answers[f"c{condition.id}"] = str(len(condition.levels) - 1)
    return answers


def answer_with_keyboard(page: Page, answers: dict[str, str]) -> None:
    """Tab through the profile; in each radio group press → until the wanted answer is
    chosen, move on with Next and finish with "See my fits". Only the keyboard is used;
    each press is checked, so a slow page cannot drop one."""
    answered: set[str] = set()
    for _ in range(400):
        if "/results/" in page.url:
            assert answered == set(answers), set(answers) - answered
            return
        page.keyboard.press("Tab")
        element = focused(page)
        if element["type"] == "radio" and element["name"] not in answered:
            target = answers[element["name"]]
            for _ in range(8):
                if element["checked"] and element["value"] == target:
                    break
                page.keyboard.press("ArrowRight")
                element = focused(page)
            assert element["value"] == target, element
            answered.add(element["name"])
        elif element["tag"] == "BUTTON" and element["text"] == "Next":
            page.keyboard.press("Enter")
            # The next part arrives with its heading focused (autofocus after htmx settles):
            # carry on from there, as a keyboard user does.
            for _ in range(50):  # (wait_for_function would need eval, which the CSP refuses)
                if focused(page)["tag"] == "H2":
                    break
                page.wait_for_timeout(100)
            page.wait_for_timeout(SETTLE_MS)
        elif element["tag"] == "BUTTON" and element["text"] == "See my fits":
            page.keyboard.press("Enter")
            # Saving and ranking every role can take a while on a busy machine: wait for
            # the result page rather than pressing Tab into a page that is being replaced.
            page.wait_for_url(re.compile(r"/results/[0-9a-f-]{36}/$"), timeout=30_000)
    raise AssertionError(f"did not reach a result; answered {len(answered)} questions")


def test_anonymous_keyboard_profile_then_signup_keeps_the_fits(
    page: Page, live_server, transactional_db
):
    call_command("setup_site", stdout=StringIO())
    page.goto(f"{live_server.url}/roles/{ROLE}/")
    page.get_by_role("link", name="Does it fit you?").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("How do you like to work?")
    expect(page.locator("progress")).to_have_attribute("value", "1")  # htmx: one part at a time
    expect(page.locator("#step-1-heading")).to_be_focused()  # where the keyboard starts
    # The first screen is clean: nothing answered yet, so nothing is an error.
    expect(page.locator(".error-summary, .field__errors")).to_have_count(0)
    page.wait_for_timeout(SETTLE_MS)

    answers = persona_answers()
    answer_with_keyboard(page, answers)
    expect(page).to_have_url(re.compile(r"/results/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work-style profile")
    # It opens with the role it started from, then every family best first.
    expect(page.locator("#start-fit")).to_have_text(
        re.compile(r"Senior Site Reliability Engineer: (strong|good) fit, \d+ out of 100")
    )
    families = page.locator(".family-fit h3")
    assert families.count() >= 10
    top_three = " ".join(families.nth(n).inner_text() for n in range(3))
    assert "Site Reliability Engineering" in top_three, top_three
    result = Result.objects.get()
    assert result.owner is None and result.kind == Result.Kind.PROFILE
    saved = {f"i{item['key']}": str(item["answer"]) for item in result.snapshot["items"]}
    keys = {f"i{item.id}": f"i{item.key}" for item in WorkItem.objects.all()}
    assert {keys[name]: value for name, value in answers.items() if name in keys} == saved

    # Sign up from the result: after confirming the email, back on the result, signed in.
    result_url = page.url
    page.locator("p.message").get_by_role("link", name="Sign up").click()
    sign_up_and_confirm(page, live_server, "kim@example.com")
    expect(page).to_have_url(result_url)
    expect(page.get_by_text("This result is kept only in this browser")).to_have_count(0)

    page.goto(f"{live_server.url}/me/")
    profiles = page.locator("#profile-results + ul")
    expect(profiles).to_contain_text("best fits")
    expect(profiles).to_contain_text("Site Reliability Engineering")
    profiles.get_by_role("link", name=re.compile(r"\d{1,2} \w{3} \d{4}")).first.click()
    expect(page).to_have_url(re.compile(str(result.id)))
    result.refresh_from_db()
    assert result.owner.email == "kim@example.com"
    # The role page now shows this person's fit and what drove it.
    page.goto(f"{live_server.url}/roles/{ROLE}/")
    expect(page.locator("#your-fit")).to_contain_text("Your fit:")
    expect(page.locator("#your-fit")).to_contain_text("What decided it most:")


def test_the_profile_works_without_javascript(browser, live_server, transactional_db):
    """With JavaScript off the whole profile is one form: every part shows at once."""
    call_command("setup_site", stdout=StringIO())
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/fit/")
    expect(page.locator("section.step:visible")).to_have_count(7)
    for name, value in persona_answers().items():
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.get_by_role("button", name="See my fits").click()
    expect(page).to_have_url(re.compile(r"/results/[0-9a-f-]{36}/$"))
    expect(page.locator(".family-fit").first).to_be_visible()
    context.close()
