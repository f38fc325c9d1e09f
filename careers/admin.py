from contextlib import suppress

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from careers.admin_fields import EditorAids, LabelledInline, ListsAsLines, levels_as_checkboxes
from careers.admin_guards import (
    KeepsPublishedRolesComplete,
    published_role_problems,
    published_roles_problems,
)
from careers.admin_questions import role_questions_html
from careers.history import role_links_restore, version_ends
from careers.models import (
    BlsOccupation,
    DataRelease,
    Element,
    InterviewQuestion,
    JobFamily,
    Level,
    Occupation,
    Role,
    SecondaryOccupation,
    Skill,
    SkillRequirement,
    TechnologySkill,
    Transition,
    Variation,
)
from careers.selectors.links import occupation_link_problems
from careers.selectors.roles import role_sections

# --- Imported data: searchable for autocomplete, never edited by hand -------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Imported from public releases: the importers own these rows."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Occupation)
class OccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "job_zone", "interest_code"]
    list_filter = ["job_zone", "major_group"]
    search_fields = ["code", "title"]


@admin.register(Element)
class ElementAdmin(ReadOnlyAdmin):
    list_display = ["element_id", "name", "domain"]
    list_filter = ["domain"]
    search_fields = ["name", "element_id"]


@admin.register(BlsOccupation)
class BlsOccupationAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "change_percent", "wage_median", "strong_outlook"]
    list_filter = ["strong_outlook"]
    search_fields = ["code", "title"]


@admin.register(TechnologySkill)
class TechnologySkillAdmin(ReadOnlyAdmin):
    list_display = ["name", "category", "occupation", "hot", "in_demand"]
    list_filter = ["hot", "in_demand"]
    search_fields = ["name", "category"]
    list_select_related = ["occupation"]


@admin.register(DataRelease)
class DataReleaseAdmin(ReadOnlyAdmin):
    list_display = ["name", "published", "loaded_at"]


@admin.register(Level)
class LevelAdmin(admin.ModelAdmin):
    list_display = ["name", "track", "order", "band"]
    list_filter = ["track"]
    ordering = ["track", "order"]


# --- The catalog: what editors write ----------------------------------------------------


@admin.register(Skill)
class SkillAdmin(ListsAsLines, SimpleHistoryAdmin):
    """The shared vocabulary: every family's and role's skills point here."""

    list_display = ["name", "definition", "element"]
    search_fields = ["name", "synonyms", "definition"]
    autocomplete_fields = ["element"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "definition", "synonyms", "element", "technologies"]


class FamilySkillInline(LabelledInline, admin.TabularInline):
    model = SkillRequirement
    fk_name = "family"
    fields = ["order", "skill", "importance", "expected_levels", "note"]
    autocomplete_fields = ["skill"]
    extra = 0
    verbose_name_plural = "skills (expected levels: level key → 1 aware … 5 expert)"


class RoleSkillInline(FamilySkillInline):
    fk_name = "role"
    verbose_name_plural = "skills (only if this level needs its own list; else the family's)"


def _link_problems(cleaned: dict, names: list[str]) -> list[str]:
    return occupation_link_problems(
        occupation=cleaned.get("occupation"),
        match=cleaned.get("occupation_match") or "",
        title=cleaned.get("occupation_title") or "",
        reason=cleaned.get("occupation_reason") or "",
        names=names,
    )


class RoleAdminForm(forms.ModelForm):
    """Refuses an occupation link without its evidence (an O*NET title or a reason)."""

    class Meta:
        model = Role
        fields = "__all__"  # noqa: DJ007 — the fieldsets below choose what editors see

    def clean(self):
        cleaned = super().clean()
        family = cleaned.get("family")
        names = [cleaned.get("title") or "", *(cleaned.get("aliases") or [])]
        names += family.aliases if family else []
        if cleaned.get("occupation") or cleaned.get("occupation_match"):
            for problem in _link_problems(cleaned, names):
                self.add_error(None, f"Occupation: {problem}")
        return cleaned


class SecondaryOccupationForm(forms.ModelForm):
    class Meta:
        model = SecondaryOccupation
        fields = "__all__"  # noqa: DJ007 — the inline's fields choose what editors see

    def clean(self):
        cleaned = super().clean()
        # The inline formset sets the parent role on the instance before validation.
        role = self.instance.role if self.instance.role_id else None
        names = [role.title, *role.all_aliases] if role else []
        for problem in _link_problems(cleaned, names):
            self.add_error(None, problem)
        return cleaned


class SecondaryOccupationInline(LabelledInline, admin.TabularInline):
    model = SecondaryOccupation
    form = SecondaryOccupationForm
    fields = ["order", "occupation", "occupation_match", "occupation_title", "occupation_reason"]
    autocomplete_fields = ["occupation"]
    extra = 0


class FamilyVariationInline(admin.StackedInline):
    model = Variation
    fk_name = "family"
    fields = ["order", "factor", "detail"]
    extra = 0


class RoleVariationInline(FamilyVariationInline):
    fk_name = "role"
    verbose_name_plural = "things that vary (only if this level needs its own; else the family's)"


class InterviewQuestionInline(ListsAsLines, admin.StackedInline):
    model = InterviewQuestion
    fields = ["order", "kind", "levels", "question", "probes", "strong_answer"]
    formfield_overrides = levels_as_checkboxes()
    extra = 0


class TransitionInline(admin.StackedInline):
    model = Transition
    fk_name = "from_role"
    fields = ["order", "kind", "to_role", "note", "requirements", "typical_time"]
    autocomplete_fields = ["to_role"]
    extra = 0


@admin.register(JobFamily)
class JobFamilyAdmin(EditorAids, ListsAsLines, KeepsPublishedRolesComplete, SimpleHistoryAdmin):
    list_display = ["name", "track", "updated_at"]
    list_filter = ["track"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FamilySkillInline, FamilyVariationInline, InterviewQuestionInline]

    fieldsets = [
        (None, {"fields": ["name", "slug", "track", "aliases", "description"]}),
        (
            "Shared by every level (a role can override each)",
            {
                "fields": [
                    "hardest_part",
                    "thrives",
                    "finds_hard",
                    "landscape_note",
                    "category_changing",
                    "background",
                    "certifications",
                    "tools",
                ]
            },
        ),
    ]

    def published_problems(self, pk) -> dict[int, set[str]]:
        return published_roles_problems(Role.objects.filter(family_id=pk))


@admin.register(Role)
class RoleAdmin(EditorAids, ListsAsLines, KeepsPublishedRolesComplete, SimpleHistoryAdmin):
    serves_markdown_preview = True
    form = RoleAdminForm
    list_display = ["title", "family", "level", "status", "occupation", "updated_at"]
    list_filter = ["status", "family", "level__track", "level", "occupation_match"]
    search_fields = ["title", "slug", "summary"]
    list_select_related = ["family", "level", "occupation"]
    autocomplete_fields = ["family", "occupation"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "created_at", "updated_at", "interview_questions"]
    inlines = [SecondaryOccupationInline, RoleSkillInline, RoleVariationInline, TransitionInline]
    actions = ["publish", "unpublish"]
    history_list_display = ["status"]
    object_history_form_template = "admin/careers/role/object_history_form.html"
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "aliases", "family", "level", "status", "published_at"]},
        ),
        (
            "Occupation (its figures appear on the page)",
            {
                "description": "Titled: O*NET lists the role's title or an alias for the "
                "occupation (give that title). Closest: editors' choice (give a one-sentence "
                "reason; readers see it).",
                "fields": [
                    "occupation",
                    "occupation_match",
                    "occupation_title",
                    "occupation_reason",
                ],
            },
        ),
        (
            "This level",
            {"fields": ["summary", "scope", "what_its_like", ("years_min", "years_max")]},
        ),
        (
            "Overrides of the family's shared content (leave empty to use the family's)",
            {
                "classes": ["collapse"],
                "fields": list(Role.SHARED_WITH_FAMILY),
            },
        ),
        (
            "Interview questions (the family's questions that suit this level)",
            {"fields": ["interview_questions"]},
        ),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description="Questions readers see")
    def interview_questions(self, role: Role) -> str:
        return role_questions_html(role)

    def published_problems(self, pk) -> dict[int, set[str]]:
        role = Role.objects.published().filter(pk=pk).select_related("family", "level").first()
        return {role.pk: published_role_problems(role)} if role else {}

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert restores the whole role: its links are put back in save_model, before
        # the completeness check in response_change sees the result.
        role = self.get_object(request, unquote(object_id))
        if request.method == "POST" and role is not None:
            # A version that does not exist: the view answers 404.
            with suppress(ValueError, ObjectDoesNotExist):
                request.links_as_of = version_ends(role, int(version_id))
        extra_context = {
            **(extra_context or {}),
            "restores_links": "Reverting also puts back this version's moves, skills, things "
            "that vary and other occupations as they were.",
        }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj: Role, form, change) -> None:
        obj._was_published = change and Role.objects.published().filter(pk=obj.pk).exists()
        if obj.is_published and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)
        as_of = getattr(request, "links_as_of", None)
        if as_of is not None:
            obj._links_restored = role_links_restore(obj, as_of)

    def response_change(self, request, obj):
        response = super().response_change(request, obj)  # refuses an incomplete result
        restored = getattr(obj, "_links_restored", None)
        if restored is not None:
            self.message_user(request, restored.summary(), messages.SUCCESS)
        return response

    def save_related(self, request, form, formsets, change) -> None:
        # Checked after the inlines are saved: skills or variations added in the same
        # submission count towards completeness. A draft that is incomplete stays a draft;
        # an edit to a published role is checked in `response_change` and refused instead.
        super().save_related(request, form, formsets, change)
        role = form.instance
        if role.is_published and not role._was_published:
            problems = role_sections(role)[1]
            if problems:
                role.status = Role.Status.DRAFT
                role.published_at = None
                role._change_reason = "Refused to publish: incomplete"
                role.save()
                self.message_user(
                    request,
                    f"“{role}” was saved as a draft, not published. Missing or out of range: "
                    + "; ".join(str(problem) for problem in problems),
                    messages.ERROR,
                )

    @admin.action(
        description="Publish selected roles (each must have every section)", permissions=["change"]
    )
    def publish(self, request: HttpRequest, queryset: QuerySet[Role]) -> None:
        published, refused = [], []
        for role in queryset.select_related("family", "level"):
            problems = role_sections(role)[1]
            if problems:
                refused.append(f"{role}: " + "; ".join(str(problem) for problem in problems))
                continue
            role.status = Role.Status.PUBLISHED
            role.published_at = role.published_at or timezone.now()
            role._change_reason = "Published"
            role.save()
            published.append(str(role))
        if published:
            self.message_user(request, f"Published {len(published)} role(s).", messages.SUCCESS)
        for reason in refused:
            self.message_user(request, f"Not published — {reason}", messages.ERROR)

    @admin.action(description="Return selected roles to draft", permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Role]) -> None:
        for role in queryset:
            role.status = Role.Status.DRAFT
            role._change_reason = "Returned to draft"
            role.save()
        self.message_user(
            request, f"{queryset.count()} role(s) returned to draft.", messages.SUCCESS
        )


# Search's synonyms have their admin beside the search code.
import careers.search.admin  # noqa: E402, F401
