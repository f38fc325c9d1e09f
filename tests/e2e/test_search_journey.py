"""The header search as a keyboard user meets it: type, arrow down, Enter."""

import re
from io import StringIO

from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.careers.catalog_factory import family_toml, write_assessments, write_catalog


def load_reliability_ladder(tmp_path) -> None:
    catalog = write_catalog(
        tmp_path / "catalog",
        families={
            "site-reliability-engineering": family_toml(
                "site-reliability-engineering",
                roles=[
                    {
                        "level": "mid",
                        "title": "Site Reliability Engineer",
                        "slug": "site-reliability-engineer",
                        "advancement": ["senior-site-reliability-engineer"],
                    },
                    {
                        "level": "senior",
                        "title": "Senior Site Reliability Engineer",
                        "slug": "senior-site-reliability-engineer",
                    },
                ],
            )
        },
    )
    assessments = write_assessments(tmp_path / "assessments", ["site-reliability-engineering"])
    call_command("load_catalog", directory=catalog, assessments=assessments, stdout=StringIO())


def test_type_arrow_down_and_enter_opens_the_role(
    page: Page, live_server, transactional_db, landscape, tmp_path
):
    load_reliability_ladder(tmp_path)
    page.goto(f"{live_server.url}/occupations/")
    box = page.get_by_role("combobox", name="Search roles and occupations")
    box.press_sequentially("site reliab", delay=40)
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"\d+ suggestions?"))
    options = listbox.get_by_role("option")
    titles = [text.split("\n")[0].strip() for text in options.all_inner_texts()]
    target = next(i for i, title in enumerate(titles) if title.startswith("Senior Site Reli"))
    for _ in range(target + 1):
        box.press("ArrowDown")
    chosen = options.nth(target)
    expect(chosen).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", chosen.get_attribute("id"))
    box.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/roles/senior-site-reliability-engineer/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Senior Site Reliability Engineer")


def test_escape_closes_and_enter_without_a_choice_searches(
    page: Page, live_server, transactional_db, landscape
):
    page.goto(f"{live_server.url}/")
    box = page.get_by_role("combobox", name="Search roles and occupations")
    box.press_sequentially("registerd nurse", delay=30)
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_visible()
    box.press("Escape")
    expect(page.get_by_role("listbox", name="Suggestions")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=registerd\+nurse$"))
    expect(page.get_by_text("Showing results for")).to_contain_text("registered nurse")
    expect(page.get_by_role("link", name="Registered Nurses")).to_be_visible()


def test_without_javascript_the_header_search_is_a_form(
    browser, live_server, transactional_db, landscape
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    box = page.get_by_role("searchbox", name="Search roles and occupations")
    box.fill("rn")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=rn$"))
    expect(page.get_by_role("link", name="Registered Nurses")).to_be_visible()
    expect(page.get_by_text("RN means registered nurse")).to_be_visible()
    context.close()
