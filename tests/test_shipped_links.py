"""The shipped catalog on the shipped dataset: every link has evidence, and no comparison
the site generates says more than its figures can."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from careers.models import Occupation, OccupationMatch, Role
from careers.moves.plan import move_graph
from careers.selectors.links import figure_bases, occupation_title_source
from careers.selectors.roles import role_profile

pytestmark = pytest.mark.django_db


def published_roles() -> list[Role]:
    return list(Role.objects.published().with_landscape())


def test_every_published_role_has_an_evidenced_occupation(shipped_site):
    roles = published_roles()
    assert len(roles) >= 45
    for role in roles:
        assert role.occupation is not None, role.slug
        assert role.occupation_match in OccupationMatch.values, role.slug
        if role.occupation_match == OccupationMatch.TITLED:
            names = {name.lower() for name in [role.title, *role.all_aliases]}
            assert role.occupation_title.lower() in names, role.slug
            assert occupation_title_source(
                occupation=role.occupation, title=role.occupation_title
            ), f"{role.slug}: O*NET lists no {role.occupation_title!r}"
        else:
            assert len(role.occupation_reason.split()) >= 6, f"{role.slug}: no reason"
        for link in role.secondary_occupations.all():
            if link.occupation_match == OccupationMatch.TITLED:
                assert occupation_title_source(
                    occupation=link.occupation, title=link.occupation_title
                ), f"{role.slug} secondary {link.occupation.code}"
            else:
                assert link.occupation_reason.strip(), role.slug


def test_moves_compare_skills_on_the_vocabulary_and_pay_only_where_it_means_something(
    shipped_site, client
):
    roles = published_roles()
    bases = figure_bases(roles)
    by_slug = {role.slug: role for role in roles}
    graph = move_graph().graph
    moves = 0
    for role in roles:
        held = {need.skill.name for need in role_profile(role).skills}
        page = client.get(role.get_absolute_url()).content.decode()
        for move in graph.out(f"role:{role.slug}"):
            if not move.target.startswith("role:"):
                continue
            moves += 1
            target = by_slug[move.target.removeprefix("role:")]
            missing = {item["name"] for item in move.detail["learn"] if not item["have"]}
            assert not missing & held, f"{role.slug} → {target.slug}"
            if bases[role.id].bls and bases[role.id].bls == bases[target.id].bls:
                assert move.detail["pay"]["kind"] == "same"
        assert " against a median " not in page, role.slug
    assert moves > 100

    backend = next(
        move
        for move in graph.out("role:senior-site-reliability-engineer")
        if move.target == "role:senior-backend-engineer"
    )
    missing = [item["name"].lower() for item in backend.detail["learn"] if not item["have"]]
    assert not [name for name in missing if "programming" in name or "incident" in name]
    carried = [name.lower() for name in backend.detail["carried"]]
    assert any("incident" in name for name in carried)


def test_every_page_with_an_all_other_figure_names_the_group(shipped_site, client):
    # An editor ties a role to an occupation BLS only publishes inside 15-1299.
    role = Role.objects.get(slug="senior-security-engineer")
    role.occupation = Occupation.objects.get(code="15-1299.05")
    role.occupation_match = OccupationMatch.CLOSEST
    role.occupation_reason = "Security engineers design the controls this occupation describes."
    role.save()
    assert role.occupation.bls.code == "15-1299"
    page = client.get(role.get_absolute_url()).content.decode()
    assert re.search(r"remainder group of \d+ O\*NET occupations", page)
    assert "Computer occupations, all other" in page
    assert "Information Security Engineers grows" not in page
    listing = client.get(f"/roles/?family={role.family.slug}").content.decode()
    assert "“all other” group" in listing
    compare = client.get(
        f"/compare/?roles={role.slug},senior-site-reliability-engineer"
    ).content.decode()
    assert "“all other” group" in compare
    assert "Differences in these figures are indicative only" in compare


def test_catalog_report_links_covers_every_published_role(shipped_site):
    out = StringIO()
    call_command("catalog_report", links=True, stdout=out)
    report = out.getvalue()
    for role in published_roles():
        assert f"\n{role.slug} (" in report
    assert "Pay comparisons shown:" in report
