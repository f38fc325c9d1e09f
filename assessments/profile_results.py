"""A saved work-style profile in words: where the person stands on each trade-off, every
role's fit grouped by family, and what drove each fit. Reads only the saved snapshot and
outcome, so a result reads the same however the content changes later."""

from assessments.models import Result

IMPORTANCE_WORDS = {1: "matters a little", 2: "matters", 3: "matters a lot"}
# Positions run from −1 (the left pole) to +1 (the right pole).
BALANCED = 0.2
CLEAR = 0.6
# A driver's agreement (−1 … +1) counts as "with" or "against" the work beyond this.
AGREES = 0.2


def position_words(position: float, left: str, right: str) -> str:
    if abs(position) < BALANCED:
        return f"Between the two: {left.lower()} and {right.lower()} suit you about equally"
    pole = left if position < 0 else right
    return f"{'Clearly' if abs(position) >= CLEAR else 'Leaning to'} {pole.lower()}"


def _driver(driver: dict, names: dict) -> dict:
    dimension = names.get(driver["dimension"], {})
    agreement = driver["agreement"]
    if agreement >= AGREES:
        lean = "you lean the same way"
    elif agreement <= -AGREES:
        lean = "you lean the other way"
    else:
        lean = "you are in between"
    return {
        **driver,
        "name": dimension.get("name", driver["dimension"]),
        "rewarded": dimension.get(driver["pole"], driver["pole"]),
        "importance_words": IMPORTANCE_WORDS.get(driver["importance"], ""),
        "lean": lean,
        "with_work": agreement >= AGREES,
        "against_work": agreement <= -AGREES,
    }


def fit_in_words(outcome: dict, fit: dict, *, drivers: int = 3) -> dict:
    """One role's fit with its strongest drivers named, and its condition conflicts."""
    names = outcome.get("dimension_names", {})
    levels = outcome.get("condition_levels", {})
    return {
        **fit,
        "top_drivers": [_driver(d, names) for d in fit["drivers"][:drivers]],
        "conflicts": [
            {
                **c,
                "required_words": levels[c["key"]][c["level"]],
                "accepted_words": levels[c["key"]][c["accepted"]],
            }
            for c in fit["conflicts"]
        ],
    }


def role_fit(outcome: dict, slug: str) -> dict | None:
    for fit in outcome.get("fits", []):
        if fit["role"] == slug:
            return fit_in_words(outcome, fit)
    return None


def profile_result_context(result: Result) -> dict:
    snapshot, outcome = result.snapshot, result.outcome
    positions = outcome["positions"]
    dimensions = []
    for d in snapshot["dimensions"]:
        position = positions.get(d["key"], 0.0)
        leaning = d["left_means"] if position < 0 else d["right_means"]
        dimensions.append(
            {
                **d,
                "position": position,
                "marker": round(50 + 50 * position, 1),
                "words": position_words(position, d["left"], d["right"]),
                "means": leaning if abs(position) >= BALANCED else "",
            }
        )
    conditions = [{**c, "accepted_words": c["levels"][c["answer"]]} for c in snapshot["conditions"]]
    families: dict[str, dict] = {}
    for fit in outcome["fits"]:  # best first, condition conflicts last
        family = families.setdefault(
            fit["family"],
            {
                "slug": fit["family"],
                "name": outcome["family_names"].get(fit["family"], fit["family"]),
                "best": fit_in_words(outcome, fit),
                "roles": [],
            },
        )
        family["roles"].append(fit_in_words(outcome, fit))
    order = {role["slug"]: index for index, role in enumerate(snapshot["roles"])}
    for family in families.values():
        family["roles"].sort(key=lambda fit: order.get(fit["role"], 0))
    start = role_fit(outcome, snapshot.get("start", "")) if snapshot.get("start") else None
    return {
        "next_roles": _next_roles(outcome, start),
        "dimensions": dimensions,
        "families": list(families.values()),
        "conditions": conditions,
        "start_fit": start,
        "ranked": outcome["ranked"],
        "warnings": outcome["warnings"],
        "role_count": len(outcome["fits"]),
        "dimension_count": len(dimensions),
    }


NEXT_ROLES = 3


def _next_roles(outcome: dict, start: dict | None) -> list[dict]:
    """The roles the "what to do next" section points at: the role the person started from,
    then the best rung of each best-fitting family without a condition conflict. Only for a
    ranked result; an unranked one points back at the profile instead."""
    if not outcome["ranked"]:
        return []
    chosen = [start] if start else []
    families = {fit["family"] for fit in chosen}
    for fit in outcome["fits"]:
        if len(chosen) >= NEXT_ROLES:
            break
        if fit["family"] not in families and not fit["conflicts"]:
            chosen.append(fit)
            families.add(fit["family"])
    return [{"slug": fit["role"], "title": fit["title"]} for fit in chosen]
