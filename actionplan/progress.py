"""Every derived figure of the plan, computed in one place.

The rules (each page that shows a figure explains it with ``_explain_*.html``):

- an activity's progress is its latest update's percent, or 100 once it is done;
- an objective's and a plan's progress is the weighted mean of their activities' progress,
  leaving cancelled activities out;
- expected progress is the share of time elapsed between an activity's start and due dates,
  rolled up the same way;
- RAG: red when overdue or blocked; amber when more than 20 points behind expected, or due
  within 14 days and below 80%; green otherwise. Done activities are green, cancelled ones unrated.

The figures come from one query over the activities (the latest percent is a subquery
annotation) and are rolled up here in Python, so a page's query count does not grow with the plan.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import ActionPlan, Activity, ActivityStatus, KeyFactor, Objective

AMBER_POINTS_BEHIND = 20
DUE_SOON_DAYS = 14
DUE_SOON_MIN_PERCENT = 80


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


def activity_progress(*, status: str, latest_percent: int | None) -> int:
    if status == ActivityStatus.DONE:
        return 100
    return latest_percent or 0


def expected_progress(*, start: dt.date, due: dt.date, today: dt.date) -> int:
    # By the due date the work should be complete, even for a one-day activity.
    if today >= due:
        return 100
    if today <= start:
        return 0
    return round(100 * (today - start).days / (due - start).days)


def activity_rag(*, status: str, progress: int, expected: int, due: dt.date, today: dt.date) -> Rag | None:
    if status == ActivityStatus.CANCELLED:
        return None
    if status == ActivityStatus.DONE:
        return Rag.GREEN
    if status == ActivityStatus.BLOCKED or due < today:
        return Rag.RED
    due_soon = due <= today + dt.timedelta(days=DUE_SOON_DAYS)
    if expected - progress > AMBER_POINTS_BEHIND or (due_soon and progress < DUE_SOON_MIN_PERCENT):
        return Rag.AMBER
    return Rag.GREEN


def weighted_mean(pairs: Iterable[tuple[int, float]]) -> int | None:
    """The mean of ``(weight, value)`` pairs; None when there is nothing to average."""
    total_weight = 0
    total = 0.0
    for weight, value in pairs:
        total_weight += weight
        total += weight * value
    return round(total / total_weight) if total_weight else None


@dataclass
class ActivityFigures:
    progress: int
    expected: int
    rag: Rag | None


def figures_for(activity: Activity, today: dt.date) -> ActivityFigures:
    """Figures of one activity annotated by ``ActivityQuerySet.with_progress``; attached as ``.figures``."""
    progress = activity_progress(status=activity.status, latest_percent=activity.latest_percent)  # type: ignore[attr-defined]
    expected = expected_progress(start=activity.start_date, due=activity.due_date, today=today)
    rag = activity_rag(status=activity.status, progress=progress, expected=expected, due=activity.due_date, today=today)
    figures = ActivityFigures(progress=progress, expected=expected, rag=rag)
    activity.figures = figures  # type: ignore[attr-defined]
    return figures


def rag_counts(activities: Iterable[Activity]) -> dict[str, int]:
    counts = Counter(a.figures.rag for a in activities if a.figures.rag is not None)  # type: ignore[attr-defined]
    return {rag.value: counts.get(rag, 0) for rag in Rag}


@dataclass
class Rollup:
    """Progress of a group of activities (an objective, a key factor, a plan)."""

    activities: list[Activity] = field(default_factory=list)

    def _counted(self) -> list[Activity]:
        return [a for a in self.activities if a.status != ActivityStatus.CANCELLED]

    @property
    def progress(self) -> int | None:
        return weighted_mean((a.weight, a.figures.progress) for a in self._counted())  # type: ignore[attr-defined]

    @property
    def expected(self) -> int | None:
        return weighted_mean((a.weight, a.figures.expected) for a in self._counted())  # type: ignore[attr-defined]

    @property
    def rag_counts(self) -> dict[str, int]:
        return rag_counts(self.activities)


@dataclass
class ObjectiveRollup(Rollup):
    objective: Objective | None = None


@dataclass
class KeyFactorCoverage(Rollup):
    key_factor: KeyFactor | None = None
    objectives: list[Objective] = field(default_factory=list)


@dataclass
class PlanFigures(Rollup):
    plan: ActionPlan | None = None
    today: dt.date = dt.date.min
    objectives: list[ObjectiveRollup] = field(default_factory=list)
    key_factors: list[KeyFactorCoverage] = field(default_factory=list)

    @property
    def progress(self) -> int | None:
        # The plan weighs its objectives' progress by the objectives' weights; an objective with
        # nothing to count (no activity, or all cancelled) stays out of the mean.
        return weighted_mean(
            (o.objective.weight, o.progress) for o in self.objectives if o.progress is not None and o.objective
        )

    @property
    def expected(self) -> int | None:
        return weighted_mean(
            (o.objective.weight, o.expected) for o in self.objectives if o.expected is not None and o.objective
        )

    @property
    def late(self) -> list[Activity]:
        return sorted((a for a in self.activities if a.is_open and a.due_date < self.today), key=lambda a: a.due_date)

    @property
    def due_soon(self) -> list[Activity]:
        horizon = self.today + dt.timedelta(days=DUE_SOON_DAYS)
        return sorted(
            (a for a in self.activities if a.is_open and self.today <= a.due_date <= horizon),
            key=lambda a: a.due_date,
        )


def annotate_figures(activities: Iterable[Activity], today: dt.date) -> list[Activity]:
    result = list(activities)
    for activity in result:
        figures_for(activity, today)
    return result


def plan_figures(plan: ActionPlan, *, today: dt.date, activities: Iterable[Activity] | None = None) -> PlanFigures:
    """The plan's roll-up in four queries: objectives (+ key factors), activities, key factors.

    ``activities`` narrows what is counted (a filtered view); it must come from ``with_progress()``.
    """
    objectives = list(plan.objectives.prefetch_related("key_factors").order_by("code"))
    if activities is None:
        activities = Activity.objects.filter(objective__plan=plan).with_progress().for_display()
    activity_list = annotate_figures(activities, today)
    by_objective: dict[int, ObjectiveRollup] = {o.pk: ObjectiveRollup(objective=o) for o in objectives}
    for activity in activity_list:
        rollup = by_objective.get(activity.objective_id)
        if rollup is not None:
            rollup.activities.append(activity)
    coverage = []
    for key_factor in KeyFactor.objects.all():
        serving = [o for o in objectives if key_factor in o.key_factors.all()]
        covered = KeyFactorCoverage(key_factor=key_factor, objectives=serving)
        for objective in serving:
            covered.activities.extend(by_objective[objective.pk].activities)
        coverage.append(covered)
    return PlanFigures(
        plan=plan,
        today=today,
        activities=activity_list,
        objectives=list(by_objective.values()),
        key_factors=coverage,
    )
