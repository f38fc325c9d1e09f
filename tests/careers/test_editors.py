"""Editors' work is kept: the loader never overwrites admin edits silently, export_catalog
writes them back to the files, and admin refuses edits that would break a published role."""

import re
import shutil
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.catalog import catalog_load
from careers.catalog_export import family_content
from careers.catalog_files import CATALOG_DIR
from careers.content import content_digest
from careers.models import (
    InterviewQuestion,
    JobFamily,
    Role,
    Skill,
    SkillRequirement,
    Variation,
)
from tests.careers.admin_forms import ChangeForm, post_change
from tests.careers.catalog_factory import words, write_assessments
from truest.management.commands import setup_site

pytestmark = pytest.mark.django_db

SENIOR = "senior-reliability-engineer"
EDITED_SUMMARY = "An editor rewrote this summary in admin. " + words(42, "edited")


def load(directory, **options) -> str:
    families = [p.stem for p in directory.glob("*.toml") if p.stem not in {"levels", "skills"}]
    assessments = write_assessments(directory.parent / "assessments", families)
    out = StringIO()
    call_command(
        "load_catalog", directory=directory, assessments=assessments, stdout=out, **options
    )
    return out.getvalue()


def export(directory, **options) -> str:
    out = StringIO()
    call_command("export_catalog", directory=directory, stdout=out, **options)
    return out.getvalue()


def edit_file(path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


# --- The repository seeds, admin edits are kept ---------------------------------------------


def test_admin_edit_survives_a_changed_file_and_the_conflict_is_reported(client, editor, catalog):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    assert post_change(client, "role", role.pk, summary=EDITED_SUMMARY).status_code == 302
    edit_file(catalog / "reliability.toml", "Test family reliability.", "A new description.")
    edit_file(catalog / "platform.toml", "Test family platform.", "Platform, described anew.")

    output = load(catalog)

    assert "CONFLICT reliability: not loaded, kept as edited in admin" in output
    assert f"edited in admin, not in the file: {SENIOR}: summary" in output
    assert "changed in the file: family: description" in output
    assert "load_catalog --force" in output and "export_catalog" in output
    assert "platform: updated" in output  # nobody edited it: the file wins
    role.refresh_from_db()
    assert role.summary == EDITED_SUMMARY and role.is_published
    assert JobFamily.objects.get(slug="reliability").description == "Test family reliability."
    assert JobFamily.objects.get(slug="platform").description == "Platform, described anew."
    # Reported again on the next load: nothing was recorded as resolved.
    assert "CONFLICT reliability" in load(catalog)


def test_setup_site_passes_the_conflict_through(catalog, monkeypatch, assessments_dir):
    Role.objects.filter(slug=SENIOR).update(scope=words(50, "rescoped"))
    edit_file(catalog / "reliability.toml", "Test family reliability.", "A new description.")
    monkeypatch.setattr(setup_site.Command, "steps", ["load_catalog"])
    monkeypatch.setattr("truest.management.commands.load_catalog.CATALOG_DIR", catalog)
    monkeypatch.setattr("truest.management.commands.load_catalog.ASSESSMENTS_DIR", assessments_dir)
    out = StringIO()
    call_command("setup_site", stdout=out)
    assert "CONFLICT reliability" in out.getvalue()
    assert f"{SENIOR}: scope" in out.getvalue()
    assert "except 1 catalog conflict(s) above" in out.getvalue()
    assert Role.objects.get(slug=SENIOR).scope == words(50, "rescoped")


def test_force_overwrites_and_the_history_keeps_the_editors_version(client, editor, catalog):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    post_change(client, "role", role.pk, summary=EDITED_SUMMARY)
    edit_file(catalog / "reliability.toml", "Test family reliability.", "A new description.")
    assert "CONFLICT reliability" in load(catalog)

    output = load(catalog, force=True)

    assert "reliability: updated (replaced edits made in admin)" in output
    role.refresh_from_db()
    assert role.summary == words(50, "summary")
    assert JobFamily.objects.get(slug="reliability").description == "A new description."
    latest, editors = role.history.all()[:2]
    assert editors.summary == EDITED_SUMMARY and editors.history_user == editor
    assert latest.summary == words(50, "summary")
    assert "with --force" in latest.history_change_reason
    assert [change.field for change in latest.diff_against(editors).changes] == ["summary"]
    assert "nothing to change" in load(catalog)


def test_a_changed_file_updates_rows_in_place_with_history(catalog):
    variation = Variation.objects.get(family__slug="platform", factor="Factor 2")
    edit_file(
        catalog / "platform.toml",
        'factor = "Factor 2"\ndetail = "It',
        'factor = "Factor 2"\ndetail = "Now it',
    )
    assert "platform: updated" in load(catalog)
    changed = Variation.objects.get(pk=variation.pk)
    assert changed.detail == "Now it changes the job."
    assert changed.history.latest().history_change_reason == "Loaded from platform.toml"
    assert Variation.objects.filter(family__slug="platform").count() == 5


def test_an_edited_skill_is_kept_when_skills_toml_changes(catalog):
    skill = Skill.objects.get(name="Skill 3")
    skill.definition = "What editors now say skill 3 is."
    skill.save()
    path = catalog / "skills.toml"
    edit_file(path, "What skill 3 is.", "What the file now says skill 3 is.")
    edit_file(path, "What skill 4 is.", "What the file now says skill 4 is.")
    output = load(catalog)
    assert "CONFLICT skills.toml: kept as edited in admin: Skill 3" in output
    assert Skill.objects.get(name="Skill 3").definition == "What editors now say skill 3 is."
    assert Skill.objects.get(name="Skill 4").definition == "What the file now says skill 4 is."


def test_a_family_loaded_before_digests_were_kept(catalog):
    JobFamily.objects.update(content_digest="", content_sections={})
    assert "nothing to change" in load(catalog)  # unchanged file: the digest is recorded
    family = JobFamily.objects.get(slug="platform")
    assert family.content_digest == content_digest(family_content(family))

    JobFamily.objects.filter(slug="platform").update(content_digest="", content_sections={})
    edit_file(catalog / "platform.toml", "Test family platform.", "Platform, described anew.")
    output = load(catalog)  # changed file, no record: edits cannot be ruled out
    assert "CONFLICT platform" in output and "not in the file: unknown" in output


# --- export_catalog ------------------------------------------------------------------------


def test_export_then_load_changes_nothing(client, editor, catalog):
    # The test files are written by hand; the first export puts them in the shipped layout.
    export(catalog)
    assert "nothing to change" in load(catalog)
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    post_change(client, "role", role.pk, summary=EDITED_SUMMARY)
    family = JobFamily.objects.get(slug="reliability")
    family.thrives = [*family.thrives, "You like e."]
    family.save()
    Variation.objects.create(family=family, factor="Factor 5", detail="Added in admin.", order=9)

    assert "[dry run]" in export(catalog, dry_run=True)
    assert "Test family reliability" in (catalog / "reliability.toml").read_text()
    output = export(catalog)
    assert "reliability.toml: written" in output and "platform.toml" not in output
    text = (catalog / "reliability.toml").read_text()
    assert EDITED_SUMMARY in text and '"You like e.",' in text and "Added in admin." in text
    history = sum(model.history.count() for model in (JobFamily, Role, Variation))

    assert "nothing to change" in load(catalog)
    assert sum(model.history.count() for model in (JobFamily, Role, Variation)) == history
    family.refresh_from_db()
    assert family.content_digest == content_digest(family_content(family))
    assert "nothing to change" in export(catalog)
    # The next change to the file loads: the database matches what the file said.
    edit_file(catalog / "reliability.toml", "Added in admin.", "Added, then reviewed.")
    assert "reliability: updated" in load(catalog)


def test_a_file_that_carries_the_admin_edits_loads_without_conflict(client, editor, catalog):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    post_change(client, "role", role.pk, summary=EDITED_SUMMARY)
    export(catalog)  # then reviewed and merged with a change of the repository's own:
    edit_file(catalog / "reliability.toml", "Test family reliability.", "Merged description.")

    assert "reliability: updated" in load(catalog)
    role.refresh_from_db()
    assert role.summary == EDITED_SUMMARY
    assert role.family.description == "Merged description."

    # A file without a later edit is a conflict again.
    post_change(client, "role", role.pk, scope=words(50, "rescoped"))
    edit_file(catalog / "reliability.toml", "Merged description.", "Merged again.")
    output = load(catalog)
    assert "CONFLICT reliability" in output
    assert f"not in the file: {SENIOR}: scope\n" in output


def test_exported_files_load_into_an_empty_database_with_the_same_content(catalog, tmp_path):
    Role.objects.filter(slug=SENIOR).update(status="draft", summary="Half written.")
    before = {family.slug: family_content(family) for family in JobFamily.objects.all()}
    export(tmp_path / "exported")
    JobFamily.objects.all().delete()
    Skill.objects.all().delete()

    catalog_load(tmp_path / "exported")

    after = {family.slug: family_content(family) for family in JobFamily.objects.all()}
    assert after == before


def test_export_refuses_what_a_file_cannot_hold(catalog, tmp_path):
    role = Role.objects.get(slug=SENIOR)
    skill = Skill.objects.get(name="Skill 0")
    own = {"skill": skill, "importance": 3, "note": "Mine.", "expected_levels": {"junior": 2}}
    SkillRequirement.objects.create(role=role, **own)
    with pytest.raises(CommandError, match=rf"reliability.toml: {SENIOR}: skill 'Skill 0'"):
        export(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_shipped_catalog_round_trips(tmp_path):
    call_command("setup_site", stdout=StringIO())
    digests = dict(JobFamily.objects.values_list("slug", "content_digest"))
    assert all(digests.values())
    assert all(
        content_digest(family_content(family)) == family.content_digest
        for family in JobFamily.objects.all()
    )
    # Unedited, the export rewrites nothing in the shipped files, comments included.
    copy = shutil.copytree(CATALOG_DIR, tmp_path / "copy")
    assert "nothing to change" in export(copy)
    assert "nothing to change" in export(CATALOG_DIR, dry_run=True)
    # Written afresh, the files load as exactly the content the database holds.
    fresh = tmp_path / "fresh"
    export(fresh)
    out = StringIO()
    call_command("load_catalog", directory=fresh, stdout=out)
    assert "nothing to change" in out.getvalue()
    assert dict(JobFamily.objects.values_list("slug", "content_digest")) == digests


# --- Published roles stay published --------------------------------------------------------


def test_an_invalid_edit_to_a_published_role_is_refused(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    published = role.summary
    history = role.history.count()

    response = post_change(client, "role", role.pk, summary=words(72, "longer"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not saved: this edit would leave a published role incomplete" in page
    assert "Summary: 72 words; it needs 40–70" in page
    assert words(72, "longer") in page  # the editor's text is still in the form
    role.refresh_from_db()
    assert role.is_published and role.summary == published
    assert role.history.count() == history
    public = client.get(f"/roles/{SENIOR}/")
    assert public.status_code == 200 and published in public.content.decode()


def test_an_inline_edit_that_breaks_a_published_role_is_refused(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    # Two things that vary of its own would replace the family's five: too few to publish.
    rows = {"variations-TOTAL_FORMS": "2"}
    for index in range(2):
        rows |= {
            f"variations-{index}-order": str(index),
            f"variations-{index}-factor": f"Own factor {index}",
            f"variations-{index}-detail": "Only at this level.",
        }
    response = post_change(client, "role", role.pk, **rows)
    assert response.status_code == 200
    assert "Things that vary: 2 items; it needs 5–8" in response.content.decode()
    assert not Variation.objects.filter(role=role).exists()
    assert Role.objects.get(pk=role.pk).is_published


def test_a_family_edit_that_breaks_its_published_roles_is_refused(client, editor):
    client.force_login(editor)
    family = JobFamily.objects.get(slug="reliability")
    response = post_change(client, "jobfamily", family.pk, hardest_part="Too short now.")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Senior Reliability Engineer: The hardest part: 3 words; it needs 100–200" in page
    family.refresh_from_db()
    assert family.hardest_part == words(120, "pager")
    assert Role.objects.filter(family=family).published().count() == 2


def test_a_valid_edit_and_a_draft_edit_are_saved(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    assert post_change(client, "role", role.pk, summary=EDITED_SUMMARY).status_code == 302
    assert Role.objects.get(pk=role.pk).summary == EDITED_SUMMARY
    # Returning it to draft while the text is reworked is allowed, incomplete or not.
    response = post_change(client, "role", role.pk, status="draft", summary="Being rewritten.")
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.status == "draft" and role.summary == "Being rewritten."
    assert post_change(client, "role", role.pk, summary="Still rough.").status_code == 302


def test_a_revert_from_history_that_breaks_a_published_role_is_refused(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    role.summary = "Too short."
    role.save()  # a broken version in the history (saved outside admin), then mended
    old_version = role.history.latest()
    role.summary, role.status = EDITED_SUMMARY, "published"
    role.save()
    page = client.get(f"/admin/careers/role/{role.pk}/history/{old_version.history_id}/")
    data = ChangeForm(page.content.decode(), "historicalrole_form").data
    response = client.post(f"/admin/careers/role/{role.pk}/history/{old_version.history_id}/", data)
    assert response.status_code == 200
    assert "Summary: 2 words; it needs 40–70" in response.content.decode()
    assert Role.objects.get(pk=role.pk).summary == EDITED_SUMMARY


# --- The models enforce their rules --------------------------------------------------------


@pytest.mark.parametrize(
    "value, message",
    [
        ("You like a", "Enter 4–6 items, not 1 item."),
        ("You like a\nYou like b\n\n\nYou like c", "Enter 4–6 items, not 3 items."),
        ("", "This field is required."),
    ],
)
def test_a_list_is_edited_one_item_a_line_and_its_count_is_checked(client, editor, value, message):
    client.force_login(editor)
    family = JobFamily.objects.get(slug="reliability")
    form = client.get(f"/admin/careers/jobfamily/{family.pk}/change/").content.decode()
    # The list shows as lines, never as JSON.
    assert "You like a\nYou like b\nYou like c\nYou like d</textarea>" in form
    assert '["You like a"' not in form and "[&quot;You like a&quot;" not in form
    response = post_change(client, "jobfamily", family.pk, thrives=value)
    assert response.status_code == 200
    errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert len(errors) == 1 and message in errors[0]
    family.refresh_from_db()
    assert family.thrives == ["You like a", "You like b", "You like c", "You like d"]
    # Five lines (blank lines and stray spaces ignored) save as a five-item list.
    thrives = "You like a\r\nYou like b\r\n\r\n  You like c \r\nYou like d\r\nYou like e\r\n"
    assert post_change(client, "jobfamily", family.pk, thrives=thrives).status_code == 302
    family.refresh_from_db()
    assert family.thrives == ["You like a", "You like b", "You like c", "You like d", "You like e"]


def test_list_fields_are_validated_on_the_model(catalog):
    question = InterviewQuestion.objects.first()
    question.strong_answer = ["Only one point.", "And another."]
    with pytest.raises(ValidationError, match="Enter 3–5 items, not 2 items"):
        question.full_clean()
    role = Role.objects.get(slug=SENIOR)
    role.aliases = "SRE"
    with pytest.raises(ValidationError, match="Enter a list of text items"):
        role.full_clean()
    role.aliases, role.thrives = [], []  # empty: the family's list
    role.full_clean()


def test_crlf_text_is_stored_normalised_and_an_identical_resave_changes_nothing(client, editor):
    client.force_login(editor)
    role = Role.objects.get(slug=SENIOR)
    role.what_its_like = words(150, "monday") + "\n\n" + words(150, "tuesday")
    role.save()  # multi-line text, which the browser will send back with CRLF
    text = "First paragraph, with trailing spaces.   \r\n\r\n" + words(45, "second") + "\r\n\r\n"

    assert post_change(client, "role", role.pk, summary=text).status_code == 302
    role.refresh_from_db()
    assert role.summary == "First paragraph, with trailing spaces.\n\n" + words(45, "second")
    latest, previous = role.history.all()[:2]
    assert [change.field for change in latest.diff_against(previous).changes] == ["summary"]

    assert post_change(client, "role", role.pk, summary=text).status_code == 302
    latest, previous = role.history.all()[:2]
    assert latest.diff_against(previous).changes == []
    assert "\r" not in Role.objects.get(pk=role.pk).what_its_like
