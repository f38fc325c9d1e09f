"""Taking the interest profile: its activities as a sheet of screens for the htmx stepper,
and which screen a request shows (a screen is judged only when the person leaves it
forward). Saving and scoring are in assessments/services.py."""

from dataclasses import dataclass

from assessments.forms import LIKING, AnswerSheetForm
from assessments.models import InterestItem
from careers.landscape import RIASEC_AREAS

# Activities per screen: 60 activities make five screens.
ITEMS_PER_STEP = 12
# An estimate of about five seconds to read and answer one activity.
SECONDS_PER_ITEM = 5


@dataclass(frozen=True)
class InterestSheet:
    items: list[InterestItem]  # in the catalog's order, which the snapshot keeps
    shown: list[InterestItem]  # in the order they are asked

    @property
    def minutes(self) -> int:
        return max(1, round(len(self.items) * SECONDS_PER_ITEM / 60))


def interleaved(items: list[InterestItem]) -> list[InterestItem]:
    """The catalog lists the activities area by area; asked in that order, a screen would
    be ten hands-on activities in a row. Take one from each area in turn instead (R, I, A,
    S, E, C, R, I…), so every screen of twelve holds two of each."""
    by_area: dict[str, list[InterestItem]] = {}
    for item in items:
        by_area.setdefault(item.area, []).append(item)
    areas = [area for area in RIASEC_AREAS if area in by_area] + [
        area for area in by_area if area not in RIASEC_AREAS
    ]
    ordered = []
    for index in range(max((len(rows) for rows in by_area.values()), default=0)):
        ordered += [by_area[area][index] for area in areas if index < len(by_area[area])]
    return ordered


def interest_sheet() -> InterestSheet:
    """The activities as they stand. One query."""
    items = list(InterestItem.objects.all())
    return InterestSheet(items=items, shown=interleaved(items))


def interest_form(sheet: InterestSheet, data=None) -> AnswerSheetForm:
    return AnswerSheetForm(
        data, questions=[(item.id, item.text) for item in sheet.shown], choices=LIKING
    )


def sheet_steps(sheet: InterestSheet, form: AnswerSheetForm) -> list[dict]:
    """The form's fields in screens of ITEMS_PER_STEP activities."""
    steps = []
    for start in range(0, len(sheet.shown), ITEMS_PER_STEP):
        chunk = sheet.shown[start : start + ITEMS_PER_STEP]
        steps.append(
            {
                "number": len(steps) + 1,
                "first": start + 1,
                "last": start + len(chunk),
                "fields": [form[form.field_name(item.id)] for item in chunk],
            }
        )
    return steps


def interest_page(data=None) -> tuple[InterestSheet, AnswerSheetForm, dict]:
    """The activities, their form (bound to `data` if given) and the page's context."""
    sheet = interest_sheet()
    form = interest_form(sheet, data)
    steps = sheet_steps(sheet, form)
    context = {
        "sheet": sheet,
        "form": form,
        "steps": steps,
        "step": None,  # None: every screen at once (the page without JavaScript)
        "step_count": len(steps),
        "per_step": ITEMS_PER_STEP,
    }
    return sheet, form, context


def _step_fields(step: dict) -> set[str]:
    return {field.name for field in step["fields"]}


def errors_keep_only(form: AnswerSheetForm, names: set[str]) -> None:
    for name in list(form.errors):
        if name not in names:
            del form.errors[name]


def step_after_move(form: AnswerSheetForm, steps: list[dict], *, current: int, goto: int):
    """The screen to show when the person on screen `current` (0: the page has just loaded)
    asks for screen `goto`, and whether they were held back. Binds the answers so far.

    Each screen judges only its own activities, and only when the person tries to go on:
    the first screen, going back and screens not reached yet show no errors. Moving forward
    past an unanswered screen keeps the person on it, with its errors."""
    form.is_valid()
    current_fields = _step_fields(steps[current - 1]) if current else set()
    blocked = bool(current) and goto > current and bool(current_fields & set(form.errors))
    errors_keep_only(form, current_fields if blocked else set())
    return (current if blocked else goto), blocked


def step_of_first_error(form: AnswerSheetForm, steps: list[dict]) -> int:
    """After a stepped sheet failed to save: the first screen with an unanswered activity
    (its errors alone are kept, with any error about the form as a whole), or the last
    screen when only the form as a whole is wrong (an expired token, unknown activities)."""
    for step in steps:
        fields = _step_fields(step)
        if fields & set(form.errors):
            errors_keep_only(form, fields | {"__all__", "token"})
            return step["number"]
    return len(steps)
