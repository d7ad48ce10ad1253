"""The admin for coordinators: plans, objectives, activities, indicators; progress updates read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from import_export.admin import ExportMixin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    ActionPlan,
    Activity,
    ActivityQuerySet,
    Indicator,
    IndicatorValue,
    KeyFactor,
    Objective,
    ProgressUpdate,
)
from .resources import ActivityResource


@admin.register(KeyFactor)
class KeyFactorAdmin(admin.ModelAdmin):
    list_display = ["number", "name_es", "name_en"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the ten key factors come from the Declaration (data migration)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["code", "title_es", "title_en", "weight"]
    extra = 0
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["title_es", "period_start", "period_end", "status"]
    list_filter = ["status"]
    search_fields = ["title_es", "title_en"]
    # Status moves only through the portal's transition buttons (services.plan_transition).
    readonly_fields = ["status", "copied_from"]
    inlines = [ObjectiveInline]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fk_name = "objective"
    fields = ["name", "unit", "baseline", "target", "direction", "frequency"]
    extra = 0
    show_change_link = True


@admin.register(Objective)
class ObjectiveAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title_es", "plan", "weight"]
    list_filter = ["plan", "key_factors"]
    list_select_related = ["plan"]
    search_fields = ["code", "title_es", "title_en"]
    filter_horizontal = ["key_factors"]
    inlines = [IndicatorInline]


class ProgressUpdateInline(admin.TabularInline):
    model = ProgressUpdate
    fields = ["date", "percent", "status_change", "author", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Activity)
class ActivityAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [ActivityResource]
    list_display = ["code", "title", "objective", "owner", "start_date", "due_date", "status", "weight"]
    list_filter = ["objective__plan", "status", "owner__office", "objective__key_factors"]
    list_select_related = ["objective__plan", "owner__user"]
    search_fields = ["code", "title", "owner__user__full_name"]
    filter_horizontal = ["contributors"]
    date_hierarchy = "due_date"
    # Status moves through progress updates and transitions, which check the allowed moves.
    readonly_fields = ["status", "carried_over_from"]
    inlines = [ProgressUpdateInline]

    def get_queryset(self, request: HttpRequest) -> ActivityQuerySet:
        return super().get_queryset(request).with_progress()


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Read-only: an update is never edited after it is posted."""

    list_display = ["activity", "date", "percent", "status_change", "author", "created_at"]
    list_select_related = ["activity", "author"]
    list_filter = ["status_change", "activity__objective__plan"]
    search_fields = ["activity__code", "activity__title", "note"]
    date_hierarchy = "date"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = ["period", "value", "note"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "objective", "activity", "baseline", "target", "direction", "frequency"]
    list_select_related = ["objective", "activity"]
    search_fields = ["name"]
    raw_id_fields = ["activity"]
    inlines = [IndicatorValueInline]
