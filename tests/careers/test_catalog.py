import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import InterviewQuestion, JobFamily, Role, Skill, SkillRequirement, Transition
from tests.careers.catalog_factory import family_toml, words, write_catalog

pytestmark = pytest.mark.django_db


def load(directory, **options) -> str:
    from tests.careers.catalog_factory import write_assessments

    families = [
        p.stem for p in directory.glob("*.toml") if p.name not in {"levels.toml", "skills.toml"}
    ]
    assessments = write_assessments(directory.parent / "assessments", families)
    out = StringIO()
    call_command(
        "load_catalog", directory=directory, assessments=assessments, stdout=out, **options
    )
    return out.getvalue()


def test_loader_writes_families_roles_and_content(catalog):
    senior = Role.objects.get(slug="senior-reliability-engineer")
    assert senior.is_published and senior.published_at is not None
    assert senior.occupation.code == "15-1252.00"
    assert senior.occupation_match == "closest" and senior.occupation_reason
    assert senior.level.key == "senior"
    assert SkillRequirement.objects.filter(family=senior.family).count() == 8
    requirement = SkillRequirement.objects.get(family=senior.family, skill__name="Skill 0")
    assert requirement.expected_levels == {"junior": 2, "mid": 3, "senior": 4, "staff": 5}
    assert Skill.objects.get(name="Skill 0").element.name == "Programming"
    assert InterviewQuestion.objects.filter(family=senior.family, levels__key="senior").count() == 9
    junior = Role.objects.get(slug="junior-reliability-engineer")
    assert Transition.objects.get(from_role=junior, kind="advancement").to_role == senior
    assert Transition.objects.filter(from_role=junior, kind="lateral").get().to_role.slug == (
        "senior-platform-builder"
    )


def test_loader_is_idempotent_and_keeps_admin_edits(catalog):
    role = Role.objects.get(slug="senior-reliability-engineer")
    role.summary = "Edited by an editor in admin. " + words(45)
    role.save()
    output = load(catalog)
    assert "nothing to change" in output
    role.refresh_from_db()
    assert role.summary.startswith("Edited by an editor")
    assert SkillRequirement.objects.count() == 16  # not duplicated
    assert Skill.objects.count() == 10


def test_changed_file_is_reloaded(catalog):
    path = catalog / "platform.toml"
    path.write_text(path.read_text().replace("Senior Platform Builder", "Senior Platform Engineer"))
    output = load(catalog)
    assert "platform: updated" in output
    assert Role.objects.get(slug="senior-platform-builder").title == "Senior Platform Engineer"
    assert JobFamily.objects.get(slug="reliability").roles.count() == 2


def test_dry_run_writes_nothing(landscape, catalog_dir):
    output = load(catalog_dir, dry_run=True)
    assert "[dry run] reliability: added" in output
    assert not Role.objects.exists()


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda text: text + "\nthis is = not [valid toml", "not valid TOML"),
        (
            lambda text: text.replace('slug = """reliability"""', 'slug = """other"""'),
            "must match the file name",
        ),
        (
            lambda text: text.replace('level = """senior"""', 'level = """manager"""'),
            "is not a level of the ic track",
        ),
        (
            lambda text: text.replace("importance = 5", "importance = 9", 1),
            "importance: must be 1–5, not 9",
        ),
        (
            lambda text: text.replace('to = "senior-platform-builder"', 'to = "nowhere"', 1),
            "no role 'nowhere'",
        ),
        (
            lambda text: text.replace('kind = "technical"', 'kind = "trivia"', 1),
            "kind: must be one of",
        ),
        (
            lambda text: text.replace("years_min = 5", "years_min = 12"),
            "years_min is above years_max",
        ),
        (
            lambda text: re.sub(
                r'summary = """(summary ?)+"""', 'summary = """too short"""', text, count=1
            ),
            "is published but incomplete: Summary: 2 words; it needs 40–70",
        ),
        (
            lambda text: text.replace("pager pager", "pager dynamic", 1),
            "uses banned wording: dynamic",
        ),
    ],
)
def test_malformed_content_is_refused_with_a_clear_error(landscape, catalog_dir, mutate, message):
    path = catalog_dir / "reliability.toml"
    path.write_text(mutate(path.read_text()))
    with pytest.raises(CommandError) as error:
        load(catalog_dir)
    assert str(error.value).startswith("reliability.toml: ")
    assert message in str(error.value)
    assert not Role.objects.exists()


def test_unknown_onet_element_is_refused(landscape, catalog_dir):
    path = catalog_dir / "skills.toml"
    path.write_text(
        path.read_text().replace('onet_element = "Programming"', 'onet_element = "Juggling"')
    )
    with pytest.raises(CommandError, match="no O\\*NET element named 'Juggling'"):
        load(catalog_dir)


def test_draft_roles_may_be_incomplete(landscape, tmp_path):
    text = family_toml(
        "reliability",
        roles=[
            {
                "level": "senior",
                "title": "Senior Reliability Engineer",
                "slug": "senior-reliability-engineer",
                "status": "draft",
                "summary": "Still being written.",
            },
        ],
    )
    directory = write_catalog(tmp_path / "drafts", {"reliability": text})
    load(directory)
    assert Role.objects.get().status == "draft"


def test_catalog_report_shows_word_counts_and_completeness(catalog):
    out = StringIO()
    call_command("catalog_report", stdout=out)
    report = out.getvalue()
    assert "Reliability (reliability)" in report
    assert (
        "senior-reliability-engineer | published | 50 | 60 | 300 | 120 | 150 | "
        "4 | 4 | 8 | 5 | 9 | yes" in report
    )
    assert "Every published role is complete." in report


def test_catalog_report_flags_an_incomplete_published_role(catalog):
    Role.objects.filter(slug="senior-reliability-engineer").update(what_its_like="Too short.")
    out = StringIO()
    call_command("catalog_report", stdout=out)
    assert "NO: What it's like: 2 words; it needs 250–450" in out.getvalue()
    assert "1 published roles are incomplete." in out.getvalue()


def test_sections_a_newer_format_adds_are_not_mistaken_for_admin_edits(catalog):
    """A database loaded before a section existed (next_steps, track_change …) has no record
    of it; while it is still empty nobody edited it, so a changed file loads."""
    family = JobFamily.objects.get(slug="reliability")
    family.content_sections = {
        key: digest
        for key, digest in family.content_sections.items()
        if not key.endswith((".next_steps", ".rung_note", ".track_change"))
    }
    JobFamily.objects.filter(pk=family.pk).update(content_sections=family.content_sections)
    path = catalog / "reliability.toml"
    path.write_text(path.read_text().replace("More scope.", "Much more scope."))
    output = load(catalog)
    assert "CONFLICT" not in output
    assert "reliability: updated" in output


def test_text_longer_than_its_field_is_refused_on_every_database(catalog):
    """SQLite would store it and PostgreSQL refuse it: the loader refuses it on both, with
    the field named, and writes nothing."""
    path = catalog / "reliability.toml"
    reason = "An honest but far too long reason. " * 9
    path.write_text(
        path.read_text().replace("The nearest occupation for this test family.", reason, 1)
    )
    with pytest.raises(CommandError, match=r"occupation_reason has 3\d\d characters; at most 300"):
        load(catalog)
    assert not Role.objects.filter(occupation_reason__startswith="An honest").exists()
