from django import forms

from careers.landscape import (
    GROWTH_BANDS,
    JOB_ZONES,
    SOC_MAJOR_GROUPS,
    STRONG_OUTLOOK_NAME,
    strong_outlook_definition,
)

WAGE_LIMIT = 1_000_000


class LandscapeFilterForm(forms.Form):
    """Filters on the labour-market figures, shared by the occupation and role lists."""

    zone = forms.TypedChoiceField(
        label="Job Zone",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", "Any preparation"),
            *((str(zone), f"{zone}: {name}") for zone, (name, _) in JOB_ZONES.items()),
        ],
    )
    growth = forms.ChoiceField(
        label="Projected growth",
        required=False,
        choices=[("", "Any growth"), *GROWTH_BANDS.items()],
    )
    wage_min = forms.IntegerField(
        label="Median wage at least ($)", required=False, min_value=0, max_value=WAGE_LIMIT
    )
    wage_max = forms.IntegerField(
        label="Median wage at most ($)", required=False, min_value=0, max_value=WAGE_LIMIT
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("wage_min"), cleaned.get("wage_max")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError("The lowest wage must not be above the highest wage.")
        return cleaned


class OccupationFilterForm(LandscapeFilterForm):
    group = forms.ChoiceField(
        label="Major group", required=False, choices=[("", "All groups"), *SOC_MAJOR_GROUPS.items()]
    )
    strong = forms.BooleanField(
        label=f"{STRONG_OUTLOOK_NAME} only",
        required=False,
        help_text=strong_outlook_definition(None),
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("title", "Title"),
            ("growth", "Projected growth"),
            ("wage", "Median wage"),
            ("openings", "Annual openings"),
        ],
    )
    field_order = ["group", "zone", "growth", "wage_min", "wage_max", "strong", "sort"]


class RoleFilterForm(LandscapeFilterForm):
    family = forms.ChoiceField(label="Job family", required=False)
    level = forms.ChoiceField(label="Level", required=False)
    track = forms.ChoiceField(
        label="Track",
        required=False,
        choices=[
            ("", "Both tracks"),
            ("ic", "Individual contributor"),
            ("management", "Management"),
        ],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        error_messages={
            "invalid_choice": "Choose one of the sort orders offered (sorting by your fit "
            "needs a saved work-style profile)."
        },
        choices=[
            ("family", "Family and level"),
            ("title", "Title"),
            ("level", "Seniority"),
            ("wage", "Median wage of the occupation"),
            ("growth", "Projected growth of the occupation"),
        ],
    )
    field_order = ["family", "level", "track", "zone", "growth", "wage_min", "wage_max", "sort"]

    def __init__(
        self,
        *args,
        families: list[tuple[str, str]],
        levels: list[tuple[str, str]],
        fit_sort: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [("", "All families"), *families]
        self.fields["level"].choices = [("", "All levels"), *levels]
        # Sorting by fit is offered once the person has a work-style profile.
        if fit_sort:
            self.fields["sort"].choices = [("fit", "Your fit"), *self.fields["sort"].choices]
