from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import FitCheck, FitDimension, FitStatement, InterestItem


class FitDimensionInline(admin.StackedInline):
    model = FitDimension
    fields = ["order", "key", "name", "measures", "weight", "level_weights", "thrive", "find_hard"]
    extra = 0


class FitStatementInline(admin.TabularInline):
    model = FitStatement
    fields = ["order", "dimension", "text", "reverse_keyed", "deal_breaker"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only this check's dimensions are offered.
        if db_field.name == "dimension":
            check_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = FitDimension.objects.filter(fit_check_id=check_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(FitCheck)
class FitCheckAdmin(SimpleHistoryAdmin):
    list_display = ["family", "version", "updated_at"]
    search_fields = ["family__name"]
    autocomplete_fields = ["family"]
    inlines = [FitDimensionInline, FitStatementInline]
    fields = ["family", "version", "intro"]

    def get_readonly_fields(self, request, obj=None):
        return ["family"] if obj else []


@admin.register(InterestItem)
class InterestItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "area", "order"]
    list_filter = ["area"]
    search_fields = ["text"]
    ordering = ["order"]
