from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import InterestItem


@admin.register(InterestItem)
class InterestItemAdmin(SimpleHistoryAdmin):
    list_display = ["text", "area", "order"]
    list_filter = ["area"]
    search_fields = ["text"]
    ordering = ["order"]
