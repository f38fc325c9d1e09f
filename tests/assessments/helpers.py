"""Answer sheets built the way a browser submits them."""

import uuid

from assessments.models import FitCheck, FitStatement, InterestItem

ROLE = "senior-reliability-engineer"
FIT_URL = f"/roles/{ROLE}/fit/"


def fit_answers(*, value=None, token=None, version=None, family="reliability") -> dict:
    check = FitCheck.objects.get(family__slug=family)
    data = {"token": str(token or uuid.uuid4()), "version": str(version or check.version)}
    for index, statement in enumerate(FitStatement.objects.filter(fit_check=check)):
        data[f"q{statement.id}"] = str(value if value is not None else 2 + index % 4)
    return data


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
