"""Answer sheets built the way a browser submits them, and results saved before the
work-style profile replaced the per-family fit checks."""

import json
import uuid
from pathlib import Path

from assessments.models import InterestItem, Result, WorkCondition, WorkItem, WorkProfile

ROLE = "senior-reliability-engineer"
PROFILE_URL = "/fit/"
STEP_URL = "/fit/step/"
OLD_FIT_RESULT = Path(__file__).with_name("old_fit_result.json")


def profile_answers(*, items=None, conditions=None, token=None, version=None, start="") -> dict:
    """Every item and condition answered: `items` maps an item key (or "*") to 1–6,
    `conditions` a condition key (or "*") to an option index. By default every trade-off
    leans moderately to its right pole (an item with swapped sides answered on the left)."""
    items = items or {}
    conditions = conditions or {}
    profile = WorkProfile.objects.get()
    data = {"token": str(token or uuid.uuid4()), "version": str(version or profile.version)}
    if start:
        data["start"] = start
    for item in WorkItem.objects.all():
        default = 2 if item.reverse else 5
        data[f"i{item.id}"] = str(items.get(item.key, items.get("*", default)))
    for condition in WorkCondition.objects.all():
        answer = conditions.get(condition.key, conditions.get("*", len(condition.levels) - 1))
        data[f"c{condition.id}"] = str(answer)
    return data


def leaning(*, reliability: bool) -> dict:
    """Item answers that lean fully towards the reliability family's rewarded poles (or the
    platform family's): right on focus and build-run, keyed through each item's `reverse`."""
    answers = {}
    for item in WorkItem.objects.select_related("dimension"):
        wants_right = reliability == (item.dimension.key in ("focus", "build-run", "pace"))
        if item.dimension.key == "people-systems":
            wants_right = not reliability
        answer = 6 if wants_right else 1
        answers[item.key] = 7 - answer if item.reverse else answer
    return answers


def old_fit_result(*, owner=None) -> Result:
    """A result saved by a per-family fit check, exactly as it was stored then."""
    data = json.loads(OLD_FIT_RESULT.read_text(encoding="utf-8"))
    return Result.objects.create(
        kind=Result.Kind.FIT,
        owner=owner,
        idempotency_token=uuid.uuid4(),
        title=data["title"],
        role_slug=data["role_slug"],
        check_version=data["check_version"],
        snapshot=data["snapshot"],
        outcome=data["outcome"],
    )


def interest_answers(*, token=None, strong_area="investigative", flat=False) -> dict:
    data = {"token": str(token or uuid.uuid4())}
    for item in InterestItem.objects.all():
        if flat:
            answer = 3
        else:
            answer = (
                5 if item.area == strong_area else (1 if item.area in ("artistic", "social") else 3)
            )
        data[f"q{item.id}"] = str(answer)
    return data
