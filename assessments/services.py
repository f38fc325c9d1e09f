"""Scoring and saving for the interest profile, and saving every kind of result.

(The work-style profile is scored in assessments/profile.py. Results of the per-family fit
checks it replaced keep the scores they were saved with; nothing rescored them.)

Interest profile: each item is answered 1 (strongly dislike) to 5 (strongly like); an area's
score is the sum of its ten answers (10–50), as the O*NET Interest Profiler sums per area.
Occupations are matched by the Pearson correlation between the six area sums and the
occupation's six O*NET interest scores. A profile whose areas lie within 5 points of each
other is flat: it gets an explanation, not a ranking.
"""

import statistics
import uuid
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from assessments.models import InterestItem, Result
from careers.landscape import RIASEC_AREAS
from careers.models import Role

SCALE = range(1, 6)
INTEREST_FLAT_RANGE = 5


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
        existing = Result.all_objects.get(idempotency_token=key)
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
