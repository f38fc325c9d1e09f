"""An editor in admin: a list edited as lines, the word count and Markdown preview as
they type, a save, and a history that names only what changed."""

import re
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import Page, expect

from careers.models import JobFamily
from tests.conftest import PASSWORD

THRIVES = ["You like a", "You like b", "You like c", "You like d", "You like calm handovers"]


def test_editor_edits_a_list_as_lines_previews_and_sees_one_change_in_history(
    page: Page, live_server, transactional_db, catalog, make_user
):
    call_command("sync_editors_group", stdout=StringIO())
    editor = make_user("editor@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    family = JobFamily.objects.get(slug="reliability")

    page.goto(f"{live_server.url}/admin/careers/jobfamily/{family.pk}/change/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # The list is lines of text, not JSON; adding one is typing a line.
    thrives = page.locator("#id_thrives")
    expect(thrives).to_have_value("\n".join(THRIVES[:4]))
    thrives.fill("\n".join(THRIVES))

    # The long text counts its words against the section's range as the editor types.
    hardest = page.locator("#id_hardest_part")
    count = page.locator("#id_hardest_part-word-count")
    expect(count).to_contain_text(re.compile(r"^\d+ words: aim for 100–200"))
    hardest.press("End")
    hardest.type(" **Pages** at night.")
    before = int(count.inner_text().split()[0])
    hardest.type(" One more.")
    expect(count).to_contain_text(f"{before + 2} words")

    # The preview is the site's own rendering.
    hardest.fill("The **pager** rings at night.")
    page.locator("#id_hardest_part ~ .markdown-preview__button").click()
    preview = page.locator("#id_hardest_part-preview")
    expect(preview.locator("strong")).to_have_text("pager")
    expect(count).to_contain_text("short")
    # Put the text back so only the list changes.
    hardest.fill(family.hardest_part)

    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    family.refresh_from_db()
    assert family.thrives == THRIVES
    assert family.hardest_part == JobFamily.objects.get(pk=family.pk).hardest_part

    page.goto(f"{live_server.url}/admin/careers/jobfamily/{family.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    changes = latest.locator("td").last
    expect(changes.locator("li")).to_have_count(1)
    expect(changes).to_contain_text(re.compile("^\\s*Thrives:"))
