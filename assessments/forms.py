from django import forms

AGREEMENT = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
]
LIKING = [
    (1, "Strongly dislike"),
    (2, "Dislike"),
    (3, "Not sure"),
    (4, "Like"),
    (5, "Strongly like"),
]


class AnswerSheetForm(forms.Form):
    """One required five-point answer per question, plus the idempotency token (and, for a
    fit check, the version the person was shown). Anything else in the submission — an
    unknown or another check's question id — makes the whole sheet invalid."""

    token = forms.UUIDField(widget=forms.HiddenInput)
    prefix_name = "q"

    def __init__(
        self, data=None, *, questions: list[tuple[int, str]], choices, version: int | None = None
    ):
        super().__init__(data)
        self.version = version
        if version is not None:
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
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
                "The answers include statements that are not part of this check.", code="unknown"
            )
        if self.version is not None and cleaned.get("version") not in (None, self.version):
            raise forms.ValidationError(
                "This check changed after the page was loaded, so your answers were not saved. "
                "Reload the page to see the current statements.",
                code="version",
            )
        return cleaned

    def answers(self) -> dict[int, int]:
        return {
            int(name.removeprefix(self.prefix_name)): value
            for name, value in self.cleaned_data.items()
            if name.startswith(self.prefix_name) and name[len(self.prefix_name) :].isdigit()
        }
