"""The action plan: plans, objectives, activities, indicators and progress updates."""

from __future__ import annotations

from .activity import Activity, ActivityQuerySet, ActivityStatus, ProgressUpdate
from .calendar import CalendarToken
from .indicator import Direction, Frequency, Indicator, IndicatorValue
from .plan import ActionPlan, KeyFactor, Objective, PlanStatus

__all__ = [
    "ActionPlan",
    "Activity",
    "ActivityQuerySet",
    "ActivityStatus",
    "CalendarToken",
    "Direction",
    "Frequency",
    "Indicator",
    "IndicatorValue",
    "KeyFactor",
    "Objective",
    "PlanStatus",
    "ProgressUpdate",
]
