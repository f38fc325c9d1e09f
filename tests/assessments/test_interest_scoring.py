"""The interest profile's scoring (the work-style profile's is in test_profile_scoring)."""

import pytest

from assessments.services import interest_outcome, pearson
from careers.landscape import RIASEC_AREAS


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
