"""The activities export (CSV), shared by the coordinators' page and the admin."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from import_export import fields, resources

from members.resources import escape_formula

from .models import Activity
from .progress import ActivityFigures, figures_for


class ActivityResource(resources.ModelResource):
    plan = fields.Field(attribute="objective__plan__title_es", column_name=_("Plan"))
    objective = fields.Field(attribute="objective__code", column_name=_("Objective"))
    code = fields.Field(attribute="code", column_name=_("Code"))
    title = fields.Field(attribute="title", column_name=_("Title"))
    owner = fields.Field(attribute="owner__user__full_name", column_name=_("Owner"))
    office = fields.Field(attribute="owner__office__name", column_name=pgettext_lazy("actionplan", "Office"))
    start_date = fields.Field(attribute="start_date", column_name=_("Start date"))
    due_date = fields.Field(attribute="due_date", column_name=_("Due date"))
    status = fields.Field(attribute="get_status_display", column_name=pgettext_lazy("actionplan", "Status"))
    weight = fields.Field(attribute="weight", column_name=_("Weight"))
    progress = fields.Field(column_name=_("Progress (%)"))
    expected = fields.Field(column_name=_("Expected (%)"))
    rag = fields.Field(column_name=_("RAG"))
    deliverables = fields.Field(attribute="deliverables", column_name=_("Deliverables"))

    class Meta:
        model = Activity
        fields = (
            "plan", "objective", "code", "title", "owner", "office", "start_date", "due_date", "status",
            "weight", "progress", "expected", "rag", "deliverables",
        )  # fmt: skip
        export_order = fields

    def export_field(self, field: fields.Field, instance: Activity, **kwargs: object) -> object:
        # A cell that starts like a formula runs as one in a spreadsheet: quote it (OWASP CSV injection).
        return escape_formula(super().export_field(field, instance, **kwargs))

    def _figures(self, activity: Activity) -> ActivityFigures | None:
        figures = getattr(activity, "figures", None)
        if figures is None and hasattr(activity, "latest_percent"):  # annotated by with_progress()
            figures = figures_for(activity, timezone.localdate())
        return figures

    def dehydrate_progress(self, activity: Activity) -> int | str:
        figures = self._figures(activity)
        return figures.progress if figures else ""

    def dehydrate_expected(self, activity: Activity) -> int | str:
        figures = self._figures(activity)
        return figures.expected if figures else ""

    def dehydrate_rag(self, activity: Activity) -> str:
        figures = self._figures(activity)
        return str(figures.rag.label) if figures and figures.rag else ""
