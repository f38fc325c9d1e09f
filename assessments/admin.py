from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest
from django.template import engines
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import (
    FamilyWorkCondition,
    FamilyWorkProfile,
    FamilyWorkReward,
    InterestItem,
    WorkCondition,
    WorkDimension,
    WorkItem,
    WorkProfile,
)
from assessments.profile_files import ITEMS_PER_DIMENSION
from careers.models import JobFamily, Level


@admin.register(InterestItem)
class InterestItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "area", "order"]
    list_filter = ["area"]
    search_fields = ["text"]
    ordering = ["order"]


# --- The work-style profile (assessments/catalog/profile.toml and roles/) ----------------
# Edits here are kept by later catalog loads while the files are unchanged; a load of
# changed files reports a conflict instead of overwriting them (assessments/profile_load.py).


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


class WorkItemInline(admin.TabularInline):
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


class LevelsField(forms.CharField):
    """A list of answer options, typed one per line (never as JSON)."""

    widget = forms.Textarea(attrs={"rows": 5})

    def prepare_value(self, value):
        return "\n".join(map(str, value)) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

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


class OneRowPerLevelFormSet(BaseInlineFormSet):
    """Two rows for the same dimension (or condition) at the same level would silently
    collapse into one when roles are scored: refused instead."""

    subject = ""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            cleaned = getattr(form, "cleaned_data", None)
            if not cleaned or self._should_delete_form(form) or not cleaned.get(self.subject):
                continue
            key = (cleaned.get("level"), cleaned[self.subject])
            if key in seen:
                level = key[0].name if key[0] else "every level"
                raise ValidationError(f"“{key[1]}” is listed twice for {level}: keep one row.")
            seen.add(key)


class RewardFormSet(OneRowPerLevelFormSet):
    subject = "dimension"


class FamilyConditionFormSet(OneRowPerLevelFormSet):
    subject = "condition"


class FamilyWorkConditionForm(forms.ModelForm):
    class Meta:
        model = FamilyWorkCondition
        fields = ["level", "condition", "required", "why", "order"]
        labels = {"required": "required option"}
        help_texts = {
            "required": "The option's number, counting from 0 (the least demanding); "
            "see “answer options”.",
        }

    def clean(self):
        cleaned = super().clean()
        condition, required = cleaned.get("condition"), cleaned.get("required")
        if condition is not None and required is not None:
            levels = condition.levels or []
            if required >= len(levels):
                self.add_error(
                    "required",
                    f"“{condition.key}” has no option {required}. Its options are: "
                    f"{options_text(levels)}.",
                )
        return cleaned


class FamilyRowInline(admin.TabularInline):
    extra = 0
    ordering = [F("level__order").asc(nulls_first=True), "order", "id"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "level":
            # Only the rungs of this family's track; empty means every level.
            family_id = request.resolver_match.kwargs.get("object_id")
            track = JobFamily.objects.filter(pk=family_id).values_list("track", flat=True)
            kwargs["queryset"] = Level.objects.filter(track__in=track)
            kwargs["empty_label"] = "Every level"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class FamilyWorkRewardInline(FamilyRowInline):
    model = FamilyWorkReward
    formset = RewardFormSet
    fields = ["level", "dimension", "pole", "importance", "why", "order"]
    verbose_name_plural = (
        "what the work rewards (importance 1–3; a row with a level replaces the family's "
        "row for that dimension at that level)"
    )


class FamilyWorkConditionInline(FamilyRowInline):
    model = FamilyWorkCondition
    form = FamilyWorkConditionForm
    formset = FamilyConditionFormSet
    fields = ["level", "condition", "required", "answer_options", "why", "order"]
    readonly_fields = ["answer_options"]
    verbose_name_plural = (
        "conditions the work carries (a row with a level replaces the family's row for that "
        "condition at that level)"
    )

    @admin.display(description="answer options")
    def answer_options(self, obj: FamilyWorkCondition) -> str:
        return options_text(obj.condition.levels) if obj.condition_id else "–"


ROW_HISTORY = """
<table id="change-history">
  <thead><tr>
    <th scope="col">Row</th><th scope="col">Level</th><th scope="col">Date/time</th>
    <th scope="col">Action</th><th scope="col">Changed by</th><th scope="col">Changes</th>
  </tr></thead>
  <tbody>{% for entry in page_obj %}
    <tr>
      <td>{{ entry.row }}</td><td>{{ entry.level }}</td><td>{{ entry.date }}</td>
      <td>{{ entry.action }}</td><td>{{ entry.user|default:"–" }}</td>
      <td>{% if entry.changes %}<ul>{% for change in entry.changes %}
        <li><strong>{{ change.field }}:</strong> {{ change.old }} &rarr; {{ change.new }}</li>
      {% endfor %}</ul>{% endif %}</td>
    </tr>{% endfor %}
  </tbody>
</table>
<p class="paginator">{% if pagination_required %}{% for i in page_range %}
  {% if i == page_obj.number %}<span class="this-page">{{ i }}</span>
  {% elif i == page_obj.paginator.ELLIPSIS %}{{ i }}
  {% else %}<a href="?{{ page_var }}={{ i }}">{{ i }}</a>{% endif %}
{% endfor %}{% endif %}
{% with count=page_obj.paginator.count %}{{ count }} change{{ count|pluralize }}{% endwith %}</p>
"""


def family_rows_history(family_id: int) -> list[dict]:
    """Every recorded change to a family's rewards and conditions, newest first, with the
    fields each change altered. Names are looked up afresh, as a row's dimension or
    condition may since have been removed (a forced load replaces them)."""
    levels = {level.pk: level.name for level in Level.objects.all()}
    dimensions = dict(WorkDimension.objects.values_list("pk", "name"))
    conditions = dict(WorkCondition.objects.values_list("pk", "key"))
    names = {"level_id": levels, "dimension_id": dimensions, "condition_id": conditions}

    def show(attname: str, value) -> str:
        if attname == "level_id" and value is None:
            return "every level"
        if attname in names:
            return names[attname].get(value, "(removed)")
        return str(value)

    entries = []
    for kind, history, subject, attnames in (
        (
            "Reward",
            FamilyWorkReward.history,
            "dimension_id",
            ["level_id", "dimension_id", "pole", "importance", "why", "order"],
        ),
        (
            "Condition",
            FamilyWorkCondition.history,
            "condition_id",
            ["level_id", "condition_id", "required", "why", "order"],
        ),
    ):
        before: dict[int, dict] = {}
        records = history.filter(family_id=family_id).select_related("history_user")
        for record in records.order_by("history_date", "history_id"):
            values = {attname: getattr(record, attname) for attname in attnames}
            previous = before.get(record.id)
            changes = [
                {
                    "field": attname.removesuffix("_id"),
                    "old": show(attname, previous[attname]),
                    "new": show(attname, values[attname]),
                }
                for attname in attnames
                if record.history_type == "~" and previous and previous[attname] != values[attname]
            ]
            before[record.id] = values
            entries.append(
                {
                    "row": f"{kind}: {show(subject, values[subject])}",
                    "level": show("level_id", values["level_id"]),
                    "date": record.history_date,
                    "action": record.get_history_type_display(),
                    "user": record.history_user,
                    "changes": changes,
                }
            )
    return sorted(entries, key=lambda entry: entry["date"], reverse=True)


@admin.register(FamilyWorkProfile)
class FamilyWorkProfileAdmin(SimpleHistoryAdmin):
    """A family's rewards and conditions. The family's own fields are edited in the careers
    admin; here they are read-only and never saved."""

    list_display = ["name", "reward_count", "condition_count"]
    search_fields = ["name"]
    fields = ["name", "track", "description"]
    readonly_fields = ["name", "track", "description"]
    inlines = [FamilyWorkRewardInline, FamilyWorkConditionInline]

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .annotate(
                reward_count=Count("work_rewards", distinct=True),
                condition_count=Count("work_conditions", distinct=True),
            )
        )

    @admin.display(description="rewards", ordering="reward_count")
    def reward_count(self, obj) -> int:
        return obj.reward_count

    @admin.display(description="conditions", ordering="condition_count")
    def condition_count(self, obj) -> int:
        return obj.condition_count

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # families come from the role catalog

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        """Nothing of the family is editable here: only the rows below are saved."""

    def get_urls(self):
        # The family's own old versions are in the careers admin. This page's history lists
        # its rows' changes, which have no single version to revert to, so simple-history's
        # revert view is left out.
        return admin.ModelAdmin.get_urls(self)

    def history_view(self, request, object_id, extra_context=None):
        family = self.get_object(request, unquote(object_id))
        if family is None:
            raise Http404
        if not self.has_view_or_change_permission(request, family):
            raise PermissionDenied
        paginator = Paginator(family_rows_history(family.pk), self.history_list_per_page)
        page_obj = paginator.get_page(request.GET.get(PAGE_VAR))
        request.current_app = self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of {family}'s rewards and conditions",
            "object_history_list_template": engines["django"].from_string(ROW_HISTORY),
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.num_pages > 1,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "object": family,
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "revert_disabled": True,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.object_history_template, context)
