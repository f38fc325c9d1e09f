"""The shipped work-style profile content: every family has a profile that rewards both
poles, and no answering pattern fits everywhere."""

import pytest

from assessments.personas import catalog_levels
from assessments.personas import persona_fits as shared_persona_fits
from assessments.profile import dimension_positions, response_style_warnings, role_fit
from assessments.profile_files import (
    PROFILE_DIR,
    family_profile_at,
    personas_read,
    profile_content_read,
)

CONTENT = profile_content_read()
LEVELS = catalog_levels()
ROLES = [
    {"slug": f"{family}:{level}", **family_profile_at(CONTENT.families[family], level)}
    for family, levels in LEVELS.items()
    for level in levels
]


def test_every_family_of_the_catalog_has_a_profile():
    assert set(CONTENT.families) == set(LEVELS)
    assert 45 <= len(CONTENT.items) <= 50
    assert len(CONTENT.dimensions) >= 12


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role["slug"])
def test_every_role_rewards_the_left_pole_somewhere_and_the_right_pole_elsewhere(role):
    poles = [reward["pole"] for reward in role["rewards"]]
    assert poles.count("left") >= 2 and poles.count("right") >= 2


def pattern(answers: list[int]) -> list[dict]:
    repeated = (answers * len(CONTENT.items))[: len(CONTENT.items)]
    return [
        {**item, "answer": answer} for item, answer in zip(CONTENT.items, repeated, strict=True)
    ]


@pytest.mark.parametrize(
    "answers",
    [[3], [4], [1], [6], [1, 6], [6, 1], [2, 5], [5, 2]],
    ids=[
        "middle-3",
        "middle-4",
        "all-left",
        "all-right",
        "alt-1-6",
        "alt-6-1",
        "alt-2-5",
        "alt-5-2",
    ],
)
def test_no_answering_pattern_wins_everywhere(answers):
    items = pattern(answers)
    positions = dimension_positions(items)
    strong = [
        role["slug"]
        for role in ROLES
        if role_fit(role=role, positions=positions, accepted={}).band == "strong"
    ]
    assert len(strong) <= 0.1 * len(ROLES), strong
    assert response_style_warnings(items), "the pattern should be reported"


PERSONAS = personas_read(PROFILE_DIR / "personas.toml", CONTENT)
# Staff, principal and director rungs add heavy rewards for setting direction across an
# organisation; the personas describe people at the working levels of their family.
TOP_RUNGS = {"staff", "principal", "director"}


def persona_fits(persona: dict) -> tuple[dict[str, float], list]:
    return shared_persona_fits(persona, CONTENT, LEVELS)


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda persona: persona["key"])
def test_personas_land_where_their_story_says(persona):
    means, own = persona_fits(persona)
    ranking = sorted(means, key=lambda family: -means[family])
    if persona["expect"] == "thrives":
        assert ranking.index(persona["family"]) < 3, ranking[:3]
        for level, fit in own:
            if level not in TOP_RUNGS:
                assert fit.band in ("strong", "good") and not fit.conflicts, (level, fit)
    else:
        for level, fit in own:
            assert fit.band in ("mixed", "challenging") or fit.conflicts, (level, fit)


def test_every_family_has_a_persona_who_thrives_and_one_who_finds_it_hard():
    pairs = {(persona["family"], persona["expect"]) for persona in PERSONAS}
    assert pairs == {(family, expect) for family in LEVELS for expect in ("thrives", "finds-hard")}
