from __future__ import annotations

from .activity import (
    activity_create,
    activity_detail,
    activity_edit,
    evidence_download,
    indicator_value_add,
    my_activities,
)
from .exports import activities_csv, calendar_feed, calendar_settings, report_pdf
from .plan import (
    activity_list,
    index,
    objective_detail,
    plan_copy,
    plan_list,
    plan_overview,
    plan_timeline,
    plan_transition,
)

__all__ = [
    "activities_csv",
    "activity_create",
    "activity_detail",
    "activity_edit",
    "activity_list",
    "calendar_feed",
    "calendar_settings",
    "evidence_download",
    "index",
    "indicator_value_add",
    "my_activities",
    "objective_detail",
    "plan_copy",
    "plan_list",
    "plan_overview",
    "plan_timeline",
    "plan_transition",
    "report_pdf",
]
