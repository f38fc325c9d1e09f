"""The work-style profile's scoring: pure functions, checked by properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.profile import (
    dimension_positions,
    item_position,
    profile_outcome,
    response_style_warnings,
    role_fit,
)

DIMENSIONS = ["focus", "pace", "audience"]
ITEMS = [
    {"key": f"{d}-{n}", "dimension": d, "reverse": n == 3} for d in DIMENSIONS for n in (1, 2, 3)
]
ROLE = {
    "slug": "a-role",
    "rewards": [
        {"dimension": "focus", "pole": "left", "importance": 3},
        {"dimension": "pace", "pole": "right", "importance": 1},
        {"dimension": "audience", "pole": "right", "importance": 2},
    ],
    "conditions": [{"key": "night-pages", "level": 2, "why": "One week in six."}],
}
answers = st.lists(st.integers(1, 6), min_size=len(ITEMS), max_size=len(ITEMS))


def answered(values: list[int]) -> list[dict]:
    return [{**item, "answer": value} for item, value in zip(ITEMS, values, strict=True)]


def test_positions_run_from_the_left_pole_to_the_right_one():
    assert item_position(1, reverse=False) == -1
    assert item_position(6, reverse=False) == 1
    assert item_position(6, reverse=True) == -1
    with pytest.raises(ValueError):
        item_position(7, reverse=False)


@given(answers)
def test_scores_stay_in_range(values):
    fit = role_fit(role=ROLE, positions=dimension_positions(answered(values)), accepted={})
    assert 0 <= fit.score <= 100
    assert fit.band in {"strong", "good", "mixed", "challenging"}


@given(answers, st.integers(0, len(ITEMS) - 1))
def test_moving_an_answer_towards_the_rewarded_pole_never_lowers_the_fit(values, index):
    item = ITEMS[index]
    reward = next(r for r in ROLE["rewards"] if r["dimension"] == item["dimension"])
    # The raw answer that moves this item towards the role's pole: up for right, unless the
    # item is reversed.
    step = (1 if reward["pole"] == "right" else -1) * (-1 if item["reverse"] else 1)
    moved = list(values)
    moved[index] = min(6, max(1, moved[index] + step))
    before = role_fit(role=ROLE, positions=dimension_positions(answered(values)), accepted={})
    after = role_fit(role=ROLE, positions=dimension_positions(answered(moved)), accepted={})
    assert after.score >= before.score


@given(answers, st.integers(0, 3))
def test_a_condition_above_what_the_person_accepts_is_always_flagged(values, accepted):
    fit = role_fit(
        role=ROLE,
        positions=dimension_positions(answered(values)),
        accepted={"night-pages": accepted},
    )
    assert bool(fit.conflicts) == (accepted < 2)


def test_answers_all_towards_the_role_give_a_strong_fit_and_away_a_challenging_one():
    towards = [
        (1 if r["pole"] == "left" else 6)
        for item in ITEMS
        for r in ROLE["rewards"]
        if r["dimension"] == item["dimension"]
    ]
    towards = [7 - v if item["reverse"] else v for v, item in zip(towards, ITEMS, strict=True)]
    away = [7 - v for v in towards]
    positions = dimension_positions(answered(towards))
    assert role_fit(role=ROLE, positions=positions, accepted={}).score == 100
    positions = dimension_positions(answered(away))
    assert role_fit(role=ROLE, positions=positions, accepted={}).band == "challenging"


@pytest.mark.parametrize(
    "values, warning",
    [
        ([3, 4] * 4 + [3], "middle of the scale"),
        ([1, 2, 3] * 3, "same side"),
        ([1, 6] * 4 + [1], "alternate"),
    ],
)
def test_response_styles_are_reported_instead_of_a_ranking(values, warning):
    outcome = profile_outcome({"items": answered(values)}, [ROLE])
    assert any(warning in text for text in outcome["warnings"])
    assert outcome["ranked"] is False


def test_a_considered_profile_is_ranked_with_conflicting_roles_last():
    values = [2, 1, 6, 5, 6, 2, 5, 4, 2]
    other = {**ROLE, "slug": "b-role", "conditions": []}
    outcome = profile_outcome(
        {"items": answered(values), "conditions": [{"key": "night-pages", "answer": 0}]},
        [ROLE, other],
    )
    assert outcome["ranked"] is True
    assert [fit["role"] for fit in outcome["fits"]] == ["b-role", "a-role"]
    assert outcome["fits"][1]["conflicts"][0]["key"] == "night-pages"


def test_inconsistent_answers_within_dimensions_are_reported():
    # Each dimension's reversed item answered like the plain ones in raw terms: once
    # reversed it points the opposite way.
    values = [1, 2, 1, 6, 5, 6, 2, 1, 1]
    warnings = response_style_warnings(answered(values))
    assert any("opposite directions" in text for text in warnings)
