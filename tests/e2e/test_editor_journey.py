import re
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import Page, expect

from careers.models import Role
from tests.conftest import PASSWORD

NEW_SUMMARY = (
    "A senior site reliability engineer keeps a whole system inside its SLOs for the people who "
    "depend on it. You choose which risks to fix and which to accept, lead serious incidents, "
    "and teach others to share the rotation. You are judged on repeat incidents avoided and on "
    "how much more the team can now handle without you."
)


def test_editor_changes_publishes_and_restores_the_flagship_summary(
    page: Page, live_server, transactional_db, make_user
):
    call_command("setup_site", stdout=StringIO())
    editor = make_user("editor@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    role = Role.objects.get(slug="senior-site-reliability-engineer")
    original = role.summary

    # Admin signs in through the site's own (rate-limited) login, then returns to admin.
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    # Edit the summary and take the role back to draft while it is reworked.
    page.goto(f"{live_server.url}/admin/careers/role/?q=senior-site-reliability-engineer")
    page.get_by_role("link", name="Senior Site Reliability Engineer", exact=True).click()
    page.locator("#id_summary").fill(NEW_SUMMARY)
    page.locator("#id_status").select_option("draft")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    # Drafts are invisible to the public.
    public = page.context.browser.new_page()
    assert public.goto(f"{live_server.url}/roles/senior-site-reliability-engineer/").status == 404

    # Publish with the admin action; the public page shows the new text.
    page.goto(f"{live_server.url}/admin/careers/role/?q=senior-site-reliability-engineer")
    page.locator("input[name=_selected_action]").first.check()
    page.locator("select[name=action]").select_option("publish")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 role(s).")
    public.goto(f"{live_server.url}/roles/senior-site-reliability-engineer/")
    expect(public.locator(".lede")).to_have_text(NEW_SUMMARY)

    # The history shows who changed what, and restores the original text.
    page.goto(f"{live_server.url}/admin/careers/role/{role.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("editor@example.com")
    expect(page.locator("#change-history")).to_contain_text("Published")
    page.locator("#change-history tbody tr").last.locator("a").first.click()
    expect(page.locator("#id_summary")).to_have_value(original)
    page.get_by_role("button", name="Revert").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    public.goto(f"{live_server.url}/roles/senior-site-reliability-engineer/")
    expect(public.locator(".lede")).to_have_text(original)
    role.refresh_from_db()
    assert role.summary == original and role.is_published
