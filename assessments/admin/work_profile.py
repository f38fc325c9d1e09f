"""Admin for the work-style profile's shared parts: the profile, its dimensions with their
items, and the working conditions. Edits here are kept by later catalog loads while the
files are unchanged; a load of changed files reports a conflict instead of overwriting them
(assessments/profile_load.py)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import (
    FamilyWorkCondition,
    WorkCondition,
    WorkDimension,
    WorkItem,
    WorkProfile,
)
from assessments.profile_files import ITEMS_PER_DIMENSION
from careers.admin_fields import LabelledInline, LinesField


@admin.register(WorkProfile)
class WorkProfileAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "version"]
    fields = ["version", "intro"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "version":
            field.help_text = "Raise it when an edit changes what the questions or results mean."
        return field

    def has_add_permission(self, request: HttpRequest) -> bool:
        # There is one profile: the catalog load writes it, editors change it.
        return super().has_add_permission(request) and not WorkProfile.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        # It records what the catalog load last wrote; without it the next load would
        # replace every edit made here, with no conflict reported.
        return False


class WorkItemForm(forms.ModelForm):
    class Meta:
        model = WorkItem
        fields = ["order", "key", "left", "right", "reverse"]
        labels = {"left": "left option", "right": "right option"}
        help_texts = {
            "order": "Position among all the profile's items (not only this dimension's), "
            "as people see them.",
            "reverse": "Tick when the LEFT option describes this dimension's RIGHT pole. "
            "Some items of each dimension need it, so that no pole is always on one side.",
        }


class WorkItemFormSet(BaseInlineFormSet):
    """A dimension needs enough items, with its poles on both sides (as the files do)."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        ]
        if len(kept) < ITEMS_PER_DIMENSION:
            raise ValidationError(f"A dimension needs at least {ITEMS_PER_DIMENSION} items.")
        if len({bool(item.get("reverse")) for item in kept}) < 2:
            raise ValidationError(
                "Tick “reverse” on some items of this dimension and not on others, so that "
                "its left pole is not always the left option."
            )


class WorkItemInline(LabelledInline, admin.TabularInline):
    model = WorkItem
    form = WorkItemForm
    formset = WorkItemFormSet
    fields = ["order", "key", "left", "right", "reverse"]
    extra = 0


@admin.register(WorkDimension)
class WorkDimensionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "left", "right", "item_count"]
    search_fields = ["name", "key", "left", "right"]
    inlines = [WorkItemInline]
    fieldsets = [
        (None, {"fields": ["name", "key", "order"]}),
        ("Left pole", {"fields": ["left", "left_means"]}),
        ("Right pole", {"fields": ["right", "right_means"]}),
        (None, {"fields": ["sources"]}),
    ]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description="items", ordering="item_count")
    def item_count(self, obj: WorkDimension) -> int:
        return obj.item_count


class LevelsField(LinesField):
    """A condition's answer options, one per line: at least two, all different."""

    def __init__(self, **kwargs):
        super().__init__(required=True, **kwargs)

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) < 2:
            raise ValidationError("Give at least two answer options, one per line.")
        if len(set(value)) < len(value):
            raise ValidationError("Each answer option must be different.")


def options_text(levels: list[str]) -> str:
    """0 = Never, 1 = A few times a year, …"""
    return ", ".join(f"{index} = {level}" for index, level in enumerate(levels))


def _family_at(row) -> str:
    return f"{row.family.name} at {row.level.name}" if row.level else row.family.name


class WorkConditionForm(forms.ModelForm):
    levels = LevelsField(
        label="Answer options",
        help_text="One option per line, least demanding first. Families' requirements "
        "point at an option by its position (0 is the first line), so reordering or "
        "rewording options changes what they require.",
    )

    class Meta:
        model = WorkCondition
        fields = ["key", "question", "levels", "order"]

    def clean(self):
        cleaned = super().clean()
        levels = cleaned.get("levels")
        if levels and self.instance.pk:
            # Removing options must not leave a family requiring one that no longer exists.
            stranded = FamilyWorkCondition.objects.filter(
                condition_id=self.instance.pk, required__gte=len(levels)
            ).select_related("family", "level")
            if stranded:
                old = self.instance.levels or []
                required = "; ".join(
                    f"{_family_at(row)} requires option {row.required}"
                    + (f" (“{old[row.required]}”)" if row.required < len(old) else "")
                    for row in stranded
                )
                self.add_error(
                    "levels",
                    f"Not saved: {required}, which would no longer exist. Change the family's "
                    "requirement first (Family work profiles), or keep that option.",
                )
        return cleaned


@admin.register(WorkCondition)
class WorkConditionAdmin(SimpleHistoryAdmin):
    form = WorkConditionForm
    list_display = ["key", "question"]
    search_fields = ["key", "question"]
    fields = ["key", "question", "levels", "order"]
