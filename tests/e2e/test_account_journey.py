import re
from urllib.parse import urlsplit

from django.core import mail
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD, confirmation_link


def test_new_person_signs_up_confirms_and_logs_in(page: Page, live_server, transactional_db):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up")

    page.get_by_label("Email").fill("margaret@example.com")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile("Password \\(again\\)")).fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    assert len(mail.outbox) == 1
    link = confirmation_link(mail.outbox[0])
    page.goto(live_server.url + urlsplit(link).path)
    page.get_by_role("button", name="Confirm").click()

    # Confirming in the browser that signed up signs in: no second password entry.
    expect(page).to_have_url(re.compile(r"/me/$"))

    account = page.get_by_role("navigation", name="Account")
    account.get_by_text("Account").click()
    expect(account).to_contain_text("Signed in as margaret@example.com")
    expect(account.get_by_role("link", name="My Truest")).to_be_visible()
    account.get_by_role("link", name="My Truest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My Truest")
