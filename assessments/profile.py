"""Scoring for the work-style profile: one set of answers, a fit for every role.

The method (published on the profile and its result page):
1. Every item sets two good ways of working against each other and is answered on a
   six-point scale, 1 (strongly the left option) to 6 (strongly the right option); there is
   no middle. An item whose left option expresses its dimension's right pole is `reverse`.
2. An answer becomes a position on its dimension from −1 (fully the dimension's left pole)
   to +1 (fully its right pole): (answer − 3.5) / 2.5, sign flipped for a reverse item.
   A dimension's position is the mean of its items' positions.
3. A role rewards one pole of some dimensions, each with an importance of 1–3. The role's
   agreement on a dimension is the position signed towards the rewarded pole (+1: fully
   the pole the work rewards). Its fit is the importance-weighted mean agreement, mapped
   onto 0–100: 50 + 50 × fit. A dimension the role does not care about does not count.
4. Bands: strong 75–100, good 60–74, mixed 40–59, challenging 0–39.
5. Conditions are facts, not preferences: the person says the most they would accept
   (for example how often they could be woken at night) and a role declares the level it
   carries. A role above what the person accepts is flagged whatever its score.
6. Response styles that make a ranking meaningless are reported instead of a confident
   answer: nearly every answer in the two middle points, nearly every answer on one side of
   the scale, answers alternating between the two sides, or items of the same dimension
   answered in opposite directions for many dimensions.

Pure functions over plain data, so a saved snapshot always scores the same way.
"""

from dataclasses import dataclass, field
from itertools import pairwise
from statistics import fmean

SCALE = range(1, 7)
MIDPOINT = 3.5
HALF_RANGE = 2.5
BANDS = (
    (75, "strong", "Strong fit"),
    (60, "good", "Good fit"),
    (40, "mixed", "Mixed fit"),
    (0, "challenging", "Challenging fit"),
)
POLES = {"left": -1, "right": 1}
# Response-style thresholds: the share of answers that must show the pattern.
STYLE_SHARE = 0.9
# Items of one dimension "disagree" when their positions lie this far apart (of 2).
DISAGREEMENT = 1.2
INCONSISTENT_SHARE = 1 / 3


def item_position(answer: int, *, reverse: bool) -> float:
    """−1 (the dimension's left pole) … +1 (its right pole)."""
    if answer not in SCALE:
        raise ValueError(f"answers are 1–6, not {answer!r}")
    position = (answer - MIDPOINT) / HALF_RANGE
    return -position if reverse else position


def dimension_positions(items: list[dict]) -> dict[str, float]:
    """Each dimension's mean position from answered items ({dimension, answer, reverse})."""
    by_dimension: dict[str, list[float]] = {}
    for item in items:
        by_dimension.setdefault(item["dimension"], []).append(
            item_position(item["answer"], reverse=item.get("reverse", False))
        )
    return {key: fmean(values) for key, values in by_dimension.items()}


def response_style_warnings(items: list[dict]) -> list[str]:
    """Patterns in the raw answers that say more about answering than about work style."""
    answers = [item["answer"] for item in items]
    if not answers:
        return ["no answers"]
    warnings = []
    count = len(answers)
    if sum(answer in (3, 4) for answer in answers) >= STYLE_SHARE * count:
        warnings.append("Nearly every answer is in the middle of the scale.")
    if (
        sum(answer <= 3 for answer in answers) >= STYLE_SHARE * count
        or sum(answer >= 4 for answer in answers) >= STYLE_SHARE * count
    ):
        warnings.append("Nearly every answer leans to the same side of the page.")
    pairs = list(pairwise(answers))
    if pairs and sum((a <= 3) != (b <= 3) for a, b in pairs) >= STYLE_SHARE * len(pairs):
        warnings.append("The answers alternate between the two sides, item after item.")
    by_dimension: dict[str, list[float]] = {}
    for item in items:
        by_dimension.setdefault(item["dimension"], []).append(
            item_position(item["answer"], reverse=item.get("reverse", False))
        )
    torn = [
        key
        for key, positions in by_dimension.items()
        if len(positions) > 1 and max(positions) - min(positions) >= DISAGREEMENT
    ]
    if by_dimension and len(torn) >= INCONSISTENT_SHARE * len(by_dimension):
        warnings.append(
            "Questions about the same trade-off were often answered in opposite directions."
        )
    return warnings


def band_for(score: float) -> tuple[str, str]:
    for cut_off, key, label in BANDS:
        if score >= cut_off:
            return key, label
    raise ValueError(score)


@dataclass(frozen=True)
class Fit:
    role: str
    score: int
    band: str
    band_label: str
    drivers: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)


def role_fit(*, role: dict, positions: dict[str, float], accepted: dict[str, int]) -> Fit:
    """How well the answers fit one role's profile ({slug, rewards, conditions})."""
    rewards = [r for r in role["rewards"] if r["dimension"] in positions]
    total = sum(r["importance"] for r in rewards)
    if not total:
        raise ValueError(f"{role['slug']}: no rewarded dimension was answered")
    agreements = [(r, POLES[r["pole"]] * positions[r["dimension"]]) for r in rewards]
    fit = sum(r["importance"] * agreement for r, agreement in agreements) / total
    score = round(50 + 50 * fit)
    band, band_label = band_for(score)
    drivers = [
        {
            "dimension": r["dimension"],
            "pole": r["pole"],
            "importance": r["importance"],
            "agreement": round(agreement, 2),
            "why": r.get("why", ""),
        }
        for r, agreement in sorted(
            agreements, key=lambda pair: -pair[0]["importance"] * abs(pair[1])
        )
    ]
    conflicts = [
        {"key": c["key"], "level": c["level"], "accepted": accepted[c["key"]], "why": c["why"]}
        for c in role.get("conditions", [])
        if c["key"] in accepted and c["level"] > accepted[c["key"]]
    ]
    return Fit(role["slug"], score, band, band_label, drivers, conflicts)


def profile_outcome(snapshot: dict, roles: list[dict]) -> dict:
    """Score a profile snapshot ({items: [...answer], conditions: [...answer]}) against
    every role profile; fits best first, roles with a condition conflict after the rest."""
    items = snapshot["items"]
    positions = dimension_positions(items)
    accepted = {c["key"]: c["answer"] for c in snapshot.get("conditions", [])}
    fits = [role_fit(role=role, positions=positions, accepted=accepted) for role in roles]
    fits.sort(key=lambda fit: (bool(fit.conflicts), -fit.score, fit.role))
    warnings = response_style_warnings(items)
    return {
        "positions": {key: round(value, 3) for key, value in positions.items()},
        "warnings": warnings,
        "ranked": not warnings,
        "fits": [fit.__dict__ for fit in fits],
    }
