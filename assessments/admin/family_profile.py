"""Admin for what each family's work rewards and carries: one page per family (a proxy
of JobFamily), its rewards and conditions as rows by level, and their history."""

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpRequest
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin

from assessments.admin.work_profile import options_text
from assessments.models import (
    FamilyWorkCondition,
    FamilyWorkProfile,
    FamilyWorkReward,
    WorkCondition,
    WorkDimension,
)
from careers.admin_fields import LabelledInline
from careers.models import JobFamily, Level

ROW_HISTORY = "admin/assessments/familyworkprofile/row_history.html"


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


class FamilyRowInline(LabelledInline, admin.TabularInline):
    extra = 0
    ordering = [F("level__order").asc(nulls_first=True), "order", "id"]

    def get_formset(self, request, obj=None, **kwargs):
        # The reason is a sentence from the role page: a small text box, so the table fits
        # the screen instead of scrolling sideways.
        kwargs["widgets"] = {"why": forms.Textarea(attrs={"rows": 3, "cols": 48})}
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Levels, dimensions and conditions are edited on their own pages; the add/change
        # buttons beside each row's menus would only crowd the table.
        wrapper = getattr(field, "widget", None)
        for flag in ("can_add_related", "can_change_related", "can_view_related"):
            if hasattr(wrapper, flag):
                setattr(wrapper, flag, False)
        return field

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
            "object_history_list_template": ROW_HISTORY,
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
