"""Restoring a role's earlier version from its history brings the whole role back: its own
text and its links (moves, skills, things that vary, other occupations) as they were."""

import re

import pytest

from careers.models import Role, Transition, Variation
from tests.careers.admin_forms import ChangeForm, change_form
from tests.careers.catalog_factory import words

pytestmark = pytest.mark.django_db

SENIOR = "senior-reliability-engineer"
REWRITTEN = "An editor rewrote this summary in admin. " + words(42, "rewritten")


OWN_VARIATIONS = [
    ("Company size", "Small teams do everything; large ones split the work."),
    ("Industry", "Banks audit every change; start-ups ship on Fridays."),
    ("On-call", "Some rotations page weekly, others twice a quarter."),
    ("Cloud or own hardware", "Own racks add capacity planning and vendor work."),
    ("Team shape", "Embedded engineers work with one product; central teams with all."),
]


def edit_away_the_links(client, role: Role) -> None:
    """Through the change form, as an editor would: a new summary, the lateral move deleted
    and variations of the role's own added."""
    data = change_form(client, "role", role.pk) | {"_save": ["Save"], "summary": [REWRITTEN]}
    data["transitions_out-0-DELETE"] = ["on"]
    data["variations-TOTAL_FORMS"] = [str(len(OWN_VARIATIONS))]
    for index, (factor, detail) in enumerate(OWN_VARIATIONS):
        data |= {
            f"variations-{index}-order": [str(index)],
            f"variations-{index}-factor": [factor],
            f"variations-{index}-detail": [detail],
        }
    response = client.post(f"/admin/careers/role/{role.pk}/change/", data)
    errors = re.findall(r"errorlist[^>]*>(.*?)</ul", response.content.decode(), re.S)
    assert response.status_code == 302, errors


def revert(client, role: Role, version) -> tuple:
    url = f"/admin/careers/role/{role.pk}/history/{version.history_id}/"
    page = client.get(url)
    data = ChangeForm(page.content.decode(), "historicalrole_form").data
    return page, client.post(url, data, follow=True)


def test_reverting_a_version_brings_back_its_moves_and_removes_later_links(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    loaded = role.history.latest()
    original_summary = role.summary
    move = role.transitions_out.get()
    before = (move.pk, move.to_role_id, move.kind, move.note, move.requirements)
    edit_away_the_links(client, role)
    assert not role.transitions_out.exists()
    assert Variation.objects.filter(role=role).count() == 5
    assert move.note not in client.get(f"/roles/{SENIOR}/").content.decode()

    form_page, response = revert(client, role, loaded)

    assert "Reverting also puts back this version" in form_page.content.decode()
    assert response.status_code == 200
    said = response.content.decode()
    assert "Links put back as they were: moves (1), things that vary (5)." in said
    role.refresh_from_db()
    assert role.summary == original_summary
    move = Transition.objects.get(from_role=role)
    assert (move.pk, move.to_role_id, move.kind, move.note, move.requirements) == before
    assert not Variation.objects.filter(role=role).exists()
    # Readers see the move again.
    assert move.note in client.get(f"/roles/{SENIOR}/").content.decode()


def test_a_move_whose_destination_was_deleted_is_named_not_restored(client, editor, admin_user):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    loaded = role.history.latest()
    edit_away_the_links(client, role)
    Role.objects.get(slug="senior-platform-builder").delete()

    _, response = revert(client, role, loaded)

    said = response.content.decode()
    assert "Not restored (what they pointed to is gone): moves: to role #" in said
    role.refresh_from_db()
    assert not role.transitions_out.exists()
    assert not Variation.objects.filter(role=role).exists()


def test_reverting_to_the_latest_version_leaves_the_links_as_they_are(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    edit_away_the_links(client, role)
    latest = role.history.latest()

    _, response = revert(client, role, latest)

    assert response.status_code == 200
    assert "Links put back" not in response.content.decode()
    assert Variation.objects.filter(role=role).count() == 5
    assert not role.transitions_out.exists()
