"""Scoring and saving for fit checks and the interest profile.

Fit check scoring (published on every fit-check page and result):
1. Each statement is answered 1 (strongly disagree) to 5 (strongly agree). A reverse-keyed
   statement's answer is inverted (6 − answer), so a keyed answer of 5 always points
   towards the role.
2. A dimension's score is the mean of its keyed answers mapped onto 0–100:
   (mean − 1) / 4 × 100.
3. The overall score is the weighted mean of the dimension scores, using each dimension's
   weight at the role's level.
4. Bands: strong 75–100, good 60–74, mixed 40–59, challenging 0–39.
5. A deal-breaker statement whose keyed answer is 1 or 2 is flagged, whatever the total.
6. If 90% or more of the answers are the same value, the pattern is flat: the result says so
   instead of giving a band, because it cannot tell the dimensions apart.
7. The explanation lists, per dimension, the answers that moved it furthest from the middle.

Interest profile: each item is answered 1 (strongly dislike) to 5 (strongly like); an area's
score is the sum of its ten answers (10–50), as the O*NET Interest Profiler sums per area.
Occupations are matched by the Pearson correlation between the six area sums and the
occupation's six O*NET interest scores. A profile whose areas lie within 5 points of each
other is flat: it gets an explanation, not a ranking.
"""

import statistics
import uuid
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from assessments.models import FitCheck, InterestItem, Result
from careers.landscape import RIASEC_AREAS
from careers.models import Role

SCALE = range(1, 6)
BANDS = (
    (75, "strong", "Strong fit"),
    (60, "good", "Good fit"),
    (40, "mixed", "Mixed fit"),
    (0, "challenging", "Challenging fit"),
)
FLAT_SHARE = 0.9
INTEREST_FLAT_RANGE = 5
DRIVERS_PER_DIMENSION = 2


def keyed_answer(answer: int, *, reverse: bool) -> int:
    if answer not in SCALE:
        raise ValueError(f"answers are 1–5, not {answer!r}")
    return 6 - answer if reverse else answer


def dimension_score(keyed: list[int]) -> int:
    if not keyed:
        raise ValueError("a dimension needs at least one answer")
    return round((statistics.fmean(keyed) - 1) / 4 * 100)


def band_for(score: float) -> tuple[str, str]:
    for cut_off, key, label in BANDS:
        if score >= cut_off:
            return key, label
    raise ValueError(score)


def is_flat(answers: list[int]) -> bool:
    if not answers:
        return True
    most_common = Counter(answers).most_common(1)[0][1]
    return most_common / len(answers) >= FLAT_SHARE


def fit_outcome(snapshot: dict) -> dict:
    """Score a fit snapshot: {"dimensions": [...], "statements": [... "answer": n]}.

    Pure: the same snapshot always gives the same outcome.
    """
    statements = snapshot["statements"]
    dimensions = []
    for dimension in snapshot["dimensions"]:
        own = [s for s in statements if s["dimension"] == dimension["key"]]
        keyed = [keyed_answer(s["answer"], reverse=s["reverse"]) for s in own]
        drivers = sorted(
            own,
            key=lambda s: -abs(keyed_answer(s["answer"], reverse=s["reverse"]) - 3),
        )
        dimensions.append(
            {
                "key": dimension["key"],
                "score": dimension_score(keyed),
                "drivers": [
                    {
                        "id": s["id"],
                        "text": s["text"],
                        "answer": s["answer"],
                        "towards_role": keyed_answer(s["answer"], reverse=s["reverse"]) > 3,
                    }
                    for s in drivers[:DRIVERS_PER_DIMENSION]
                    if keyed_answer(s["answer"], reverse=s["reverse"]) != 3
                ],
            }
        )
    weights = {d["key"]: d["weight"] for d in snapshot["dimensions"]}
    total_weight = sum(weights.values())
    overall = round(sum(d["score"] * weights[d["key"]] for d in dimensions) / total_weight)
    flat = is_flat([s["answer"] for s in statements])
    band, band_label = ("unclear", "No clear result") if flat else band_for(overall)
    deal_breakers = [
        {"id": s["id"], "text": s["text"], "answer": s["answer"], "dimension": s["dimension"]}
        for s in statements
        if s["deal_breaker"] and keyed_answer(s["answer"], reverse=s["reverse"]) <= 2
    ]
    return {
        "overall": overall,
        "band": band,
        "band_label": band_label,
        "flat": flat,
        "dimensions": dimensions,
        "deal_breakers": deal_breakers,
    }


def fit_snapshot(*, check: FitCheck, role: Role, answers: dict[int, int]) -> dict:
    """Freeze the check as the person saw it, with their answers and level weights."""
    dimensions = list(check.dimensions.all())
    statements = list(check.statements.all())
    return {
        "family": check.family.slug,
        "family_name": check.family.name,
        "role": role.slug,
        "role_title": role.title,
        "level": role.level.key,
        "version": check.version,
        "dimensions": [
            {
                "key": d.key,
                "name": d.name,
                "measures": d.measures,
                "weight": d.weight_at(role.level.key),
                "thrive": d.thrive,
                "find_hard": d.find_hard,
            }
            for d in dimensions
        ],
        "statements": [
            {
                "id": s.id,
                "dimension": next(d.key for d in dimensions if d.id == s.dimension_id),
                "text": s.text,
                "reverse": s.reverse_keyed,
                "deal_breaker": s.deal_breaker,
                "answer": answers[s.id],
            }
            for s in statements
        ],
    }


def interest_outcome(snapshot: dict) -> dict:
    sums = {area: 0 for area in RIASEC_AREAS}
    for item in snapshot["items"]:
        if item["answer"] not in SCALE:
            raise ValueError(f"answers are 1–5, not {item['answer']!r}")
        sums[item["area"]] += item["answer"]
    ordered = sorted(RIASEC_AREAS, key=lambda area: (-sums[area], RIASEC_AREAS.index(area)))
    flat = max(sums.values()) - min(sums.values()) <= INTEREST_FLAT_RANGE
    return {
        "sums": sums,
        "code": "" if flat else "".join(area[0].upper() for area in ordered[:3]),
        "top_areas": [] if flat else ordered[:3],
        "flat": flat,
    }


def interest_snapshot(*, items: list[InterestItem], answers: dict[int, int]) -> dict:
    return {
        "items": [
            {"id": item.id, "area": item.area, "text": item.text, "answer": answers[item.id]}
            for item in items
        ]
    }


def pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    dx = [x - mean_x for x in xs]
    dy = [y - mean_y for y in ys]
    denominator = (sum(a * a for a in dx) * sum(b * b for b in dy)) ** 0.5
    if denominator == 0:
        return None
    return sum(a * b for a, b in zip(dx, dy, strict=True)) / denominator


@dataclass(frozen=True)
class Saved:
    result: Result
    created: bool


class TokenReused(Exception):
    """The idempotency key matches a result of a different kind (a tampered form)."""


def idempotency_key(*, token, scope: str, form: str) -> uuid.UUID:
    """The key a result is stored under: the form's token bound to who submitted it (an
    account, or an anonymous browser session) and to which form. Replaying someone else's
    token, or one from another role's form, therefore makes a new result of one's own and
    never reaches an existing one."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"truest:result:{scope}:{form}:{token}")


def result_save(
    *,
    kind: str,
    token,
    scope: str,
    owner,
    title: str,
    snapshot: dict,
    outcome: dict,
    role: Role | None = None,
    check_version: int | None = None,
    session_key: str = "",
) -> Saved:
    """Create a result once per submission: a repeated submission of the same form by the
    same person (double click, retry, parallel requests) returns the result the first one
    created. `scope` says who submits ("user:<id>" or "session:<key>")."""
    key = idempotency_key(token=token, scope=scope, form=f"{kind}:{role.slug if role else ''}")
    signed_in = bool(owner and owner.is_authenticated)
    try:
        with transaction.atomic():
            result = Result.objects.create(
                kind=kind,
                idempotency_token=key,
                owner=owner if signed_in else None,
                session_key="" if signed_in else session_key,
                role=role,
                role_slug=role.slug if role else "",
                title=title,
                check_version=check_version,
                snapshot=snapshot,
                outcome=outcome,
            )
        return Saved(result=result, created=True)
    except IntegrityError:
        existing = Result.objects.get(idempotency_token=key)
        if existing.kind != kind:
            raise TokenReused from None
        return Saved(result=existing, created=False)


SESSION_RESULTS = "anonymous_result_ids"


def session_result_remember(session, result: Result) -> None:
    ids = list(session.get(SESSION_RESULTS, []))
    if str(result.id) not in ids:
        ids.append(str(result.id))
    session[SESSION_RESULTS] = ids


def session_results_claim(*, session, user) -> int:
    """Give the results this browser made anonymously to the account that just signed in."""
    ids = session.pop(SESSION_RESULTS, [])
    if not ids:
        return 0
    return Result.objects.filter(id__in=ids, owner__isnull=True).update(owner=user)
