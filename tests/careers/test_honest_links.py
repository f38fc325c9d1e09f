"""Roles tied to occupations with evidence, skills on one vocabulary, comparisons that only
say what the figures can say (small catalogs written by the tests)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from careers.models import Role
from careers.moves.plan import move_graph
from careers.selectors.links import figure_bases, figures_compare
from careers.selectors.roles import role_profile
from tests.careers.catalog_factory import family_toml, write_assessments, write_catalog

pytestmark = pytest.mark.django_db

RELIABILITY_ROLES = [
    {
        "level": "junior",
        "title": "Junior Reliability Engineer",
        "slug": "junior-reliability-engineer",
        "advancement": ["senior-reliability-engineer"],
        "lateral": ["senior-platform-builder"],
    },
    {
        "level": "senior",
        "title": "Senior Reliability Engineer",
        "slug": "senior-reliability-engineer",
        "lateral": ["senior-platform-builder"],
    },
]
PLATFORM_ROLES = [
    {"level": "senior", "title": "Senior Platform Builder", "slug": "senior-platform-builder"}
]


def load(directory) -> str:
    families = ["reliability", "platform"]
    assessments = write_assessments(directory.parent / "assessments", families)
    out = StringIO()
    call_command("load_catalog", directory=directory, assessments=assessments, stdout=out)
    return out.getvalue()


def catalog_with(tmp_path, reliability: str, platform: str | None = None):
    return write_catalog(
        tmp_path / "catalog",
        {
            "reliability": reliability,
            "platform": platform
            or family_toml("platform", occupation="15-1244.00", roles=PLATFORM_ROLES),
        },
    )


def reliability_toml(**options) -> str:
    return family_toml("reliability", roles=RELIABILITY_ROLES, **options)


def test_a_titled_match_is_backed_by_an_onet_title_and_an_alias(landscape, tmp_path):
    directory = catalog_with(
        tmp_path, reliability_toml(match="titled", aliases=["Site Reliability Engineer"])
    )
    load(directory)
    role = Role.objects.get(slug="senior-reliability-engineer")
    assert (role.occupation.code, role.occupation_match) == ("15-1252.00", "titled")
    assert role.occupation_title == "Site Reliability Engineer"


def test_a_titled_match_without_the_alias_is_refused(landscape, tmp_path):
    directory = catalog_with(tmp_path, reliability_toml(match="titled"))
    with pytest.raises(CommandError, match="neither the role's title nor one of its aliases"):
        load(directory)
    assert not Role.objects.exists()


def test_a_titled_match_onet_does_not_list_is_refused(landscape, tmp_path):
    text = reliability_toml(
        match="titled", aliases=["Site Reliability Engineer"], occupation="15-1244.00"
    )
    directory = catalog_with(tmp_path, text)
    with pytest.raises(CommandError, match="O\\*NET lists no title “Site Reliability Engineer”"):
        load(directory)


def test_a_closest_match_needs_a_reason(landscape, tmp_path):
    text = reliability_toml().replace(
        'reason = "The nearest occupation for this test family."', 'reason = ""'
    )
    with pytest.raises(CommandError, match="reason: must be a non-empty str"):
        load(catalog_with(tmp_path, text))


def test_an_unknown_skill_is_refused_with_the_nearest_names(landscape, tmp_path):
    text = reliability_toml().replace('skill = "Skill 3"', 'skill = "Skil 3"')
    with pytest.raises(
        CommandError, match=re.escape("'Skil 3' is not in skills.toml (nearest: 'Skill 3'")
    ):
        load(catalog_with(tmp_path, text))


def test_a_synonym_names_the_same_skill(landscape, tmp_path):
    text = reliability_toml().replace('skill = "Skill 3"', 'skill = "Alias of skill 3"')
    load(catalog_with(tmp_path, text))
    profile = role_profile(Role.objects.with_landscape().get(slug="senior-reliability-engineer"))
    assert "Skill 3" in [need.skill.name for need in profile.skills]


def test_junior_roles_only_get_the_skills_expected_at_their_level(landscape, tmp_path):
    # One of the eight family skills is not expected of juniors: the junior page would
    # list seven, below the eight a published role needs, so the loader refuses it.
    text = reliability_toml().replace(
        "levels = { junior = 2, mid = 3, senior = 4, staff = 5 }",
        "levels = { mid = 3, senior = 4, staff = 5 }",
        1,
    )
    with pytest.raises(CommandError, match="junior-reliability-engineer is published but"):
        load(catalog_with(tmp_path, text))


def moves_from(slug: str, kind: str) -> list:
    return [edge for edge in move_graph().graph.out(f"role:{slug}") if edge.kind == kind]


def test_advancement_lists_skills_to_grow_by_importance_times_levels(catalog):
    move = moves_from("junior-reliability-engineer", "advancement")[0]
    learn = move.detail["learn"]
    # Same family: every skill carries over, each from level 2 to level 4.
    assert all(item["have"] for item in learn)
    assert [item["name"] for item in learn][:2] == ["Skill 0", "Skill 5"]
    assert {(item["have"], item["need"]) for item in learn} == {(2, 4)}
    assert learn[0]["importance"] * (learn[0]["need"] - learn[0]["have"]) == 5 * 2


def test_lateral_moves_never_list_a_held_skill_as_missing(catalog):
    senior = Role.objects.with_landscape().get(slug="senior-reliability-engineer")
    move = moves_from("senior-reliability-engineer", "lateral")[0]
    held = {need.skill.name for need in role_profile(senior).skills}
    assert not {item["name"] for item in move.detail["learn"] if not item["have"]} & held
    assert len(move.detail["carried"]) == 8


def test_roles_in_one_bls_code_show_one_figure_and_no_difference(landscape, tmp_path, client):
    platform = family_toml("platform", occupation="15-1252.00", roles=PLATFORM_ROLES)
    load(catalog_with(tmp_path, reliability_toml(), platform))
    roles = list(Role.objects.with_landscape())
    bases = figure_bases(roles)
    by_slug = {role.slug: bases[role.id] for role in roles}
    comparison = figures_compare(
        by_slug["senior-reliability-engineer"], by_slug["senior-platform-builder"]
    )
    assert comparison.kind == "same"
    page = client.get("/roles/senior-reliability-engineer/").content.decode()
    assert "BLS publishes one figure for both roles" in page
    assert "against a median" not in page
    compare = client.get(
        "/compare/?roles=senior-reliability-engineer,senior-platform-builder"
    ).content.decode()
    assert "BLS publishes one figure for both" in compare


def test_a_closest_match_makes_a_pay_comparison_indicative(catalog, client):
    page = client.get("/roles/senior-reliability-engineer/").content.decode()
    assert "Indicative only:" in page
    assert "by editors’ judgement" in page or "by editors&#x27; judgement" in page
    assert "The nearest occupation for this test family." in page


def test_two_titled_specific_codes_compare_directly(landscape, tmp_path, client):
    platform = family_toml(
        "platform",
        occupation="15-1244.00",
        match="titled",
        evidence_title="Site Reliability Engineer Lead",
        roles=PLATFORM_ROLES,
        aliases=["Site Reliability Engineer Lead"],
    )
    directory = catalog_with(
        tmp_path, reliability_toml(match="titled", aliases=["Site Reliability Engineer"]), platform
    )
    load(directory)
    page = client.get("/roles/senior-reliability-engineer/").content.decode()
    assert "Indicative only" not in page
    assert "O*NET lists “Site Reliability Engineer” as a title of Software Developers" in page


def test_catalog_report_links_names_evidence_figures_and_comparisons(catalog):
    out = StringIO()
    call_command("catalog_report", links=True, stdout=out)
    report = out.getvalue()
    assert "senior-reliability-engineer (Senior Reliability Engineer)" in report
    assert "15-1252.00 Software Developers [closest; reason: The nearest occupation" in report
    assert "figures: BLS 15-1252" in report
    assert "lateral → senior-platform-builder: pay indicative" in report
    assert "Pay comparisons shown:" in report


def test_admin_refuses_an_occupation_link_without_evidence(catalog):
    from django.forms.models import model_to_dict

    from careers.admin import RoleAdminForm

    role = Role.objects.get(slug="senior-reliability-engineer")
    data = {key: value for key, value in model_to_dict(role).items() if value is not None}
    data.update(occupation_match="titled", occupation_title="Chief Gardener")
    form = RoleAdminForm(data=data, instance=role)
    assert not form.is_valid()
    assert "“Chief Gardener” is neither the role's title" in form.non_field_errors()[0]
    data.update(occupation_match="closest", occupation_reason="")
    form = RoleAdminForm(data=data, instance=Role.objects.get(pk=role.pk))
    assert not form.is_valid()
    assert "a closest match needs a one-sentence reason" in form.non_field_errors()[0]
    role.refresh_from_db()
    assert role.occupation_match == "closest" and role.occupation_reason


def test_compare_calls_a_management_against_practitioner_difference_indicative(
    landscape, tmp_path, client
):
    from careers.models import BlsOccupation, Occupation

    titled_platform = family_toml(
        "platform",
        occupation="15-1244.00",
        match="titled",
        evidence_title="Site Reliability Engineer Lead",
        roles=PLATFORM_ROLES,
        aliases=["Site Reliability Engineer Lead"],
    )
    reliability = reliability_toml(match="titled", aliases=["Site Reliability Engineer"])
    load(catalog_with(tmp_path, reliability, titled_platform))
    platform = Role.objects.get(slug="senior-platform-builder")
    # An editor ties it to a management occupation (titled evidence is checked on load,
    # not on this direct write).
    figures = BlsOccupation.objects.create(
        code="11-3021", title="Computer and information systems managers", wage_median=171200
    )
    manager = Occupation.objects.create(
        code="11-3021.00", title="IT Managers", major_group="11", bls=figures
    )
    Role.objects.filter(pk=platform.pk).update(occupation=manager)
    page = client.get(
        "/compare/?roles=senior-reliability-engineer,senior-platform-builder"
    ).content.decode()
    assert "Differences in these figures are indicative only" in page
    assert "different major groups" in page
