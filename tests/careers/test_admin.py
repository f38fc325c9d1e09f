from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import Role

pytestmark = pytest.mark.django_db


def test_editors_group_is_idempotent(catalog):
    first, second = StringIO(), StringIO()
    call_command("sync_editors_group", stdout=first)
    call_command("sync_editors_group", stdout=second)
    assert "permissions set" in first.getvalue()
    assert "nothing to change" in second.getvalue()


def test_editor_can_edit_roles_but_not_users(client, editor):
    assert editor.has_perm("careers.change_role")
    assert editor.has_perm("careers.change_jobfamily")
    assert editor.has_perm("careers.add_interviewquestion")
    assert not editor.has_perm("careers.change_occupation")
    assert not editor.has_perm("truest.change_user")
    assert not editor.has_perm("truest.view_user")
    assert not editor.has_perm("auth.change_group")
    client.force_login(editor)
    role = Role.objects.get(slug="senior-reliability-engineer")
    assert client.get(f"/admin/careers/role/{role.pk}/change/").status_code == 200
    assert client.get("/admin/careers/jobfamily/").status_code == 200
    assert client.get("/admin/truest/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403


def test_occupation_autocomplete_for_editors(client, editor):
    client.force_login(editor)
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "software",
            "app_label": "careers",
            "model_name": "role",
            "field_name": "occupation",
        },
    )
    assert response.status_code == 200
    assert "Software Developers" in response.content.decode()


def test_publishing_an_incomplete_role_is_refused_with_a_message(client, editor):
    role = Role.objects.get(slug="senior-platform-builder")
    Role.objects.filter(pk=role.pk).update(status="draft", what_its_like="Too short to publish.")
    client.force_login(editor)
    response = client.post(
        "/admin/careers/role/",
        {"action": "publish", "_selected_action": [role.pk]},
        follow=True,
    )
    role.refresh_from_db()
    assert role.status == "draft"
    page = response.content.decode()
    assert "Not published" in page and "What it&#x27;s like: 4 words; it needs 250–450" in page


def test_publishing_a_complete_role_works_and_is_in_the_history(client, editor):
    role = Role.objects.get(slug="senior-platform-builder")
    Role.objects.filter(pk=role.pk).update(status="draft")
    client.force_login(editor)
    client.post("/admin/careers/role/", {"action": "publish", "_selected_action": [role.pk]})
    role.refresh_from_db()
    assert role.status == "published"
    latest = role.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Published"
    history_page = client.get(f"/admin/careers/role/{role.pk}/history/")
    assert history_page.status_code == 200
    assert b"Published" in history_page.content


def test_view_on_site_links_to_the_role_page(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug="senior-reliability-engineer")
    page = client.get(f"/admin/careers/role/{role.pk}/change/").content.decode()
    assert "View on site" in page
