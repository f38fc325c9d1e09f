import re
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import Page, expect

from assessments.models import Result
from tests.e2e.conftest import sign_up_and_confirm

START = "junior-technical-support-engineer"


def test_plan_a_move_from_a_role_page_sign_up_save_find_and_delete_it(
    page: Page, live_server, transactional_db
):
    call_command("setup_site", stdout=StringIO())
    page.goto(f"{live_server.url}/roles/{START}/")
    plan_form = page.locator(
        "section", has=page.get_by_role("heading", name="Plan a move from here")
    )
    plan_form.get_by_label("Where do you want to go?").select_option(
        label="Senior Site Reliability Engineer"
    )
    plan_form.get_by_role("button", name="Plan the move").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "From Junior Technical Support Engineer to Senior Site Reliability Engineer"
    )
    expect(page.get_by_role("heading", name=re.compile(r"^Route 1: \d move"))).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("^Route 1: Junior Technical Support"))
    ).to_be_visible()
    plan_url = page.url

    # Anonymous people can plan; saving asks them to sign up, then brings them back.
    page.get_by_role("link", name="sign up", exact=True).click()
    sign_up_and_confirm(page, live_server, "ana@example.com")

    page.goto(plan_url)
    page.get_by_role("button", name="Save this plan").click()
    expect(page).to_have_url(re.compile(r"/results/[0-9a-f-]{36}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "From Junior Technical Support Engineer to Senior Site Reliability Engineer"
    )
    plan = Result.objects.get(kind=Result.Kind.PLAN)
    assert plan.owner.email == "ana@example.com"

    page.goto(f"{live_server.url}/me/")
    saved = page.locator("#plan-results + ul")
    expect(saved).to_contain_text("Plan: Junior Technical Support Engineer to Senior Site")
    saved.get_by_role("link", name=re.compile("^Delete")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^Delete “Plan: Junior Technical Support")
    )
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^Deleted “Plan: Junior Technical Support")
    )
    assert not Result.objects.filter(kind=Result.Kind.PLAN).exists()
    page.get_by_role("link", name="Back to My Truest").click()
    expect(page.locator("#plan-results ~ p").first).to_contain_text("No saved plans yet.")
    expect(page.get_by_role("heading", name="Recently deleted")).to_be_visible()
