import re
from io import StringIO
from urllib.parse import urlsplit

from django.core import mail
from django.core.management import call_command
from playwright.sync_api import Page, expect

from assessments.models import Result
from tests.conftest import PASSWORD, confirmation_link

ROLE = "senior-site-reliability-engineer"
# The browser applies a swapped-in heading's autofocus again when it next renders; a
# person's first key press comes later than that, so the test waits as long.
SETTLE_MS = 300


def focused(page: Page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, type: e.type || '',"
        " text: (e.textContent || '').trim(), checked: !!e.checked, name: e.name || '',"
        " value: e.value || ''}; }"
    )


def answer_with_keyboard(page: Page) -> None:
    """Tab through the check; in each radio group press → until "agree" (4) or "disagree"
    (2) is chosen, alternating, then move on with Next and finish with "See my result".
    Only the keyboard is used; each press is checked, so a slow page cannot drop one."""
    answered: set[str] = set()
    for _ in range(400):
        if "/results/" in page.url:
            return
        page.keyboard.press("Tab")
        element = focused(page)
        if element["type"] == "radio" and element["name"] not in answered:
            target = "4" if len(answered) % 2 == 0 else "2"
            for _ in range(6):
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
        elif element["tag"] == "BUTTON" and element["text"] == "See my result":
            page.keyboard.press("Enter")
            page.wait_for_timeout(400)
    raise AssertionError(f"did not reach a result; answered {len(answered)} statements")


def test_anonymous_keyboard_fit_check_then_signup_keeps_the_result(
    page: Page, live_server, transactional_db
):
    call_command("setup_site", stdout=StringIO())
    page.goto(f"{live_server.url}/roles/{ROLE}/")
    page.get_by_role("link", name="Take the fit check").first.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Is senior site reliability engineer work right for you?"
    )
    expect(page.locator("progress")).to_have_attribute("value", "1")  # htmx: one part at a time
    expect(page.locator("#step-1-heading")).to_be_focused()  # where the keyboard starts
    page.wait_for_timeout(SETTLE_MS)

    answer_with_keyboard(page)
    expect(page).to_have_url(re.compile(r"/results/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Senior Site Reliability Engineer: your fit check"
    )
    expect(page.locator("#band")).to_contain_text("out of 100")
    result = Result.objects.get()
    assert result.owner is None
    answers = [statement["answer"] for statement in result.snapshot["statements"]]
    assert answers == [4 if index % 2 == 0 else 2 for index in range(len(answers))]

    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Email").fill("kim@example.com")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile("Password \\(again\\)")).fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    page.goto(live_server.url + urlsplit(confirmation_link(mail.outbox[-1])).path)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Email").fill("kim@example.com")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    page.goto(f"{live_server.url}/me/")
    expect(page.locator("#fit-results ~ article, #fit-results + article").first).to_contain_text(
        "Senior Site Reliability Engineer fit check"
    )
    page.get_by_role("link", name=re.compile(r"\d{1,2} \w{3} \d{4}")).first.click()
    expect(page).to_have_url(re.compile(str(result.id)))
    result.refresh_from_db()
    assert result.owner.email == "kim@example.com"
