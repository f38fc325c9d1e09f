from django import forms

LIKING = [
    (1, "Strongly dislike"),
    (2, "Dislike"),
    (3, "Not sure"),
    (4, "Like"),
    (5, "Strongly like"),
]


class AnswerSheetForm(forms.Form):
    """The interest profile: one required five-point answer per question, plus the
    idempotency token. Anything else in the submission (an unknown question id) makes the
    whole sheet invalid."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    prefix_name = "q"

    def __init__(self, data=None, *, questions: list[tuple[int, str]], choices):
        super().__init__(data)
        for question_id, text in questions:
            self.fields[self.field_name(question_id)] = forms.TypedChoiceField(
                label=text,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose an answer for this statement.",
                    "invalid_choice": "Choose one of the five answers.",
                },
            )

    def field_name(self, question_id: int) -> str:
        return f"{self.prefix_name}{question_id}"

    def clean(self):
        cleaned = super().clean()
        unknown = [
            key
            for key in (self.data or {})
            if key.startswith(self.prefix_name) and key not in self.fields
        ]
        if unknown:
            raise forms.ValidationError(
                "The answers include statements that are not part of this profile.",
                code="unknown",
            )
        return cleaned

    def answers(self) -> dict[int, int]:
        return {
            int(name.removeprefix(self.prefix_name)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(self.prefix_name) and name[len(self.prefix_name) :].isdigit()
        }


# The work-style profile's six-point scale between two options: no middle, so each answer
# leans one way. The labels say how strongly, naming the side, for screen readers too.
TRADE_OFF = [
    (1, "Much more the first"),
    (2, "More the first"),
    (3, "Slightly the first"),
    (4, "Slightly the second"),
    (5, "More the second"),
    (6, "Much more the second"),
]


class WorkProfileForm(forms.Form):
    """One answer per trade-off item (1–6) and per condition (an index into its options),
    plus the idempotency token, the profile version the person was shown and the role they
    started from. Anything else in the submission makes the whole sheet invalid."""

    ITEM_PREFIX = "i"
    CONDITION_PREFIX = "c"

    token = forms.UUIDField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    start = forms.SlugField(widget=forms.HiddenInput, required=False, max_length=120)

    def __init__(self, data=None, *, items, conditions, version: int):
        super().__init__(data)
        self.version = version
        for item in items:
            self.fields[self.item_field(item.id)] = forms.TypedChoiceField(
                label=f"{item.left} — or — {item.right}",
                choices=TRADE_OFF,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose how much more one side is like you.",
                    "invalid_choice": "Choose one of the six answers.",
                },
            )
        for condition in conditions:
            self.fields[self.condition_field(condition.id)] = forms.TypedChoiceField(
                label=condition.question,
                choices=list(enumerate(condition.levels)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Choose the most you could accept.",
                    "invalid_choice": "Choose one of the answers offered.",
                },
            )

    def item_field(self, item_id: int) -> str:
        return f"{self.ITEM_PREFIX}{item_id}"

    def condition_field(self, condition_id: int) -> str:
        return f"{self.CONDITION_PREFIX}{condition_id}"

    def clean(self):
        cleaned = super().clean()
        unknown = [
            key
            for key in (self.data or {})
            if key[:1] in (self.ITEM_PREFIX, self.CONDITION_PREFIX)
            and key[1:].isdigit()
            and key not in self.fields
        ]
        if unknown:
            raise forms.ValidationError(
                "The answers include questions that are not part of this profile.",
                code="unknown",
            )
        if cleaned.get("version") not in (None, self.version):
            raise forms.ValidationError(
                "The profile changed after the page was loaded, so your answers were not "
                "saved. Reload the page to see the current questions.",
                code="version",
            )
        return cleaned

    def _answers(self, prefix: str) -> dict[int, int]:
        return {
            int(name[len(prefix) :]): value
            for name, value in self.cleaned_data.items()
            if name.startswith(prefix) and name[len(prefix) :].isdigit()
        }

    def item_answers(self) -> dict[int, int]:
        return self._answers(self.ITEM_PREFIX)

    def condition_answers(self) -> dict[int, int]:
        return self._answers(self.CONDITION_PREFIX)
