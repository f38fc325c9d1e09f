"""Scoring: the documented formula, and properties that must hold for every answer sheet."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.services import (
    band_for,
    dimension_score,
    fit_outcome,
    interest_outcome,
    is_flat,
    keyed_answer,
    pearson,
)
from careers.landscape import RIASEC_AREAS

DIMENSIONS = [
    {"key": "pager", "name": "Pager", "weight": 2.0},
    {"key": "systems", "name": "Systems", "weight": 1.0},
    {"key": "automation", "name": "Automation", "weight": 1.0},
]
# Nine statements, three per dimension (index % 3); statements 2, 4 and 6 are reverse-keyed,
# one in each dimension; statement 0 is a deal-breaker.
STATEMENTS = [
    {
        "id": index,
        "dimension": DIMENSIONS[index % 3]["key"],
        "text": f"Statement {index}",
        "reverse": index in (2, 4, 6),
        "deal_breaker": index == 0,
    }
    for index in range(9)
]


def snapshot(answers: list[int]) -> dict:
    return {
        "dimensions": DIMENSIONS,
        "statements": [{**s, "answer": a} for s, a in zip(STATEMENTS, answers, strict=True)],
    }


def score_of(answers: list[int], key: str) -> int:
    return next(d["score"] for d in fit_outcome(snapshot(answers))["dimensions"] if d["key"] == key)


answer_sheets = st.lists(st.integers(min_value=1, max_value=5), min_size=9, max_size=9)


def test_keyed_answers_invert_reverse_items():
    assert [keyed_answer(a, reverse=False) for a in range(1, 6)] == [1, 2, 3, 4, 5]
    assert [keyed_answer(a, reverse=True) for a in range(1, 6)] == [5, 4, 3, 2, 1]
    with pytest.raises(ValueError):
        keyed_answer(6, reverse=False)
    with pytest.raises(ValueError):
        keyed_answer(0, reverse=True)


def test_dimension_score_maps_the_scale_onto_0_to_100():
    assert dimension_score([1, 1]) == 0
    assert dimension_score([3, 3]) == 50
    assert dimension_score([5, 5]) == 100
    assert dimension_score([4, 5]) == 88  # mean 4.5 → 87.5, rounded half to even


def test_bands_have_published_cut_offs():
    assert [band_for(score)[0] for score in (100, 75, 74, 60, 59, 40, 39, 0)] == [
        "strong",
        "strong",
        "good",
        "good",
        "mixed",
        "mixed",
        "challenging",
        "challenging",
    ]


def test_overall_is_weighted_and_explained():
    # pager (0, 3, 6r): 5, 5, 1 → keyed 5, 5, 5 → 100; systems (1, 4r, 7): all 3 → 50;
    # automation (2r, 5, 8): 5, 1, 1 → keyed 1, 1, 1 → 0.
    outcome = fit_outcome(snapshot([5, 3, 5, 5, 3, 1, 1, 3, 1]))
    scores = {d["key"]: d["score"] for d in outcome["dimensions"]}
    assert scores == {"pager": 100, "systems": 50, "automation": 0}
    assert outcome["overall"] == round((100 * 2 + 50 + 0) / 4)
    assert outcome["band"] == "good"  # 62
    pager = outcome["dimensions"][0]
    assert [driver["towards_role"] for driver in pager["drivers"]] == [True, True]
    automation = outcome["dimensions"][2]
    assert all(not driver["towards_role"] for driver in automation["drivers"])
    # Neutral answers move nothing, so they are never listed as drivers.
    assert outcome["dimensions"][1]["drivers"] == []


def test_flat_pattern_is_reported_instead_of_a_band():
    outcome = fit_outcome(snapshot([4] * 9))
    assert outcome["flat"] is True
    assert outcome["band"] == "unclear"
    assert is_flat([3] * 10 + [4]) is True  # 10 of 11 alike
    assert is_flat([3] * 8 + [4, 5]) is False


def test_interest_scoring_sums_per_area():
    items = [
        {
            "id": n,
            "area": area,
            "text": f"{area} {n}",
            "answer": 5 if area == "investigative" else 2,
        }
        for area in RIASEC_AREAS
        for n in range(10)
    ]
    outcome = interest_outcome({"items": items})
    assert outcome["sums"]["investigative"] == 50
    assert outcome["sums"]["realistic"] == 20
    assert outcome["code"].startswith("I")
    assert outcome["flat"] is False


def test_flat_interest_profile_gets_no_code():
    items = [
        {"id": n, "area": area, "text": "x", "answer": 3}
        for area in RIASEC_AREAS
        for n in range(10)
    ]
    outcome = interest_outcome({"items": items})
    assert outcome["flat"] is True and outcome["code"] == "" and outcome["top_areas"] == []


def test_pearson_correlation():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) is None  # no variation: no correlation


@settings(max_examples=300, deadline=None)
@given(answers=answer_sheets)
def test_scores_stay_in_range(answers):
    outcome = fit_outcome(snapshot(answers))
    assert 0 <= outcome["overall"] <= 100
    assert all(0 <= d["score"] <= 100 for d in outcome["dimensions"])
    assert outcome["band"] in {"strong", "good", "mixed", "challenging", "unclear"}


@settings(max_examples=300, deadline=None)
@given(answers=answer_sheets, index=st.sampled_from([0, 1, 3, 5, 7, 8]))
def test_more_agreement_on_a_positive_item_never_lowers_its_dimension(answers, index):
    if answers[index] == 5:
        return
    raised = list(answers)
    raised[index] += 1
    key = STATEMENTS[index]["dimension"]
    assert score_of(raised, key) >= score_of(answers, key)


@settings(max_examples=300, deadline=None)
@given(answers=answer_sheets, index=st.sampled_from([2, 4, 6]))
def test_more_agreement_on_a_reverse_item_never_raises_its_dimension(answers, index):
    if answers[index] == 5:
        return
    raised = list(answers)
    raised[index] += 1
    key = STATEMENTS[index]["dimension"]
    assert score_of(raised, key) <= score_of(answers, key)


@settings(max_examples=300, deadline=None)
@given(answers=answer_sheets, against=st.sampled_from([1, 2]))
def test_a_deal_breaker_always_flags(answers, against):
    sheet = list(answers)
    sheet[0] = against  # statement 0 is positively keyed: 1 or 2 is against the role
    outcome = fit_outcome(snapshot(sheet))
    assert [item["id"] for item in outcome["deal_breakers"]] == [0]


@settings(max_examples=200, deadline=None)
@given(value=st.integers(min_value=1, max_value=5))
def test_identical_answers_are_always_flat(value):
    assert fit_outcome(snapshot([value] * 9))["flat"] is True
