"""The action plan's reminders, registered with the engagement mailroom.

- due soon: to the owner, ``lead_days`` before the due date (7 by default), once per due date;
- overdue: to the owner the day after the due date, then every ``repeat_every_days`` (7) while open;
- overdue summary: one email per coordinator per period (7 days) listing everything overdue;
- stale: an activity in progress with no update for ``repeat_every_days`` (30), to the owner;
- indicator value missing: a measuring period has closed and no value was recorded, to the activity's
  owner (indicators on an activity) or the coordinators (indicators on an objective).

Only plans that are approved or active remind anyone: drafts are not commitments yet, closed plans are history.
Each ``due()`` runs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.registry import Due, ReminderKind, ReminderRule, register
from engagement.services.rendering import absolute_url
from members.models import User
from members.services.mail import coordinators as active_coordinators

from .models import ActionPlan, Activity, ActivityQuerySet, ActivityStatus, Indicator, PlanStatus

LIVE_PLANS = (PlanStatus.APPROVED, PlanStatus.ACTIVE)


def _live_activities() -> ActivityQuerySet:
    """Activities of approved or active plans (open or not: the callers narrow with the queryset's rules)."""
    return Activity.objects.filter(objective__plan__status__in=LIVE_PLANS).select_related("owner__user")


def _activity_context(activity: Activity) -> dict:
    return {
        "code": activity.code,
        "title": activity.title,
        "due_date": activity.due_date.isoformat(),
        "action_url": absolute_url(reverse("actionplan:activity", args=[activity.pk])),
    }


def activities_due_soon(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    leads = sorted(rule.lead_days or (0,))
    for activity in _live_activities().due_between(start=today, end=today + dt.timedelta(days=leads[-1])):
        days_left = (activity.due_date - today).days
        # The closest lead that has been reached: a late first scan sends one email, not one per lead.
        lead = min(lead for lead in leads if days_left <= lead)
        yield Due(
            recipient=activity.owner.user,
            related=activity,
            occasion=f"due-{activity.due_date.isoformat()}:lead-{lead}",
            context={**_activity_context(activity), "days_left": days_left},
        )


def _repeat_index(reference: dt.date, today: dt.date, every: int | None) -> int:
    return (today - reference).days // every if every else 0


def activities_overdue(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    for activity in _live_activities().overdue(on=today):
        first = activity.due_date + dt.timedelta(days=1)
        yield Due(
            recipient=activity.owner.user,
            related=activity,
            occasion=f"overdue-{activity.due_date.isoformat()}:{_repeat_index(first, today, rule.repeat_every_days)}",
            context={**_activity_context(activity), "days_late": (today - activity.due_date).days},
        )


def overdue_summary(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    overdue = list(_live_activities().overdue(on=today).order_by("due_date", "code"))
    if not overdue:
        return
    plan = ActionPlan.objects.current()
    # Periods start on Mondays (ordinal 1 is a Monday): with 7 days, one summary per calendar week.
    period = (today.toordinal() - 1) // (rule.repeat_every_days or 7)
    context = {
        "activities": [
            {**_activity_context(a), "owner": a.owner.user.full_name, "days_late": (today - a.due_date).days}
            for a in overdue
        ],
        "count": len(overdue),
        "action_url": absolute_url(reverse("actionplan:index")),
    }
    for coordinator in active_coordinators():
        yield Due(recipient=coordinator, related=plan, occasion=f"summary-{period}", context=context)


STALE_AFTER_DAYS = 30


def activities_stale(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    every = rule.repeat_every_days or STALE_AFTER_DAYS
    activities = (
        _live_activities()
        .filter(status=ActivityStatus.IN_PROGRESS)
        .annotate(last_update=Max("updates__date"))
        .filter(start_date__lte=today - dt.timedelta(days=every))
    )
    for activity in activities:
        since = activity.last_update or activity.start_date  # type: ignore[attr-defined]
        quiet = (today - since).days
        if quiet < every:
            continue
        yield Due(
            recipient=activity.owner.user,
            related=activity,
            occasion=f"stale-since-{since.isoformat()}:{quiet // every}",
            context={**_activity_context(activity), "last_update": since.isoformat(), "days_quiet": quiet},
        )


def indicator_values_missing(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    # Two passes, one per kind of parent (objective or activity): four queries in all.
    yield from _missing_for(
        Indicator.objects.filter(objective__plan__status__in=LIVE_PLANS)
        .select_related("objective__plan")
        .prefetch_related("values"),
        today,
        rule,
        to_activity_owner=False,
    )
    yield from _missing_for(
        Indicator.objects.filter(activity__objective__plan__status__in=LIVE_PLANS)
        .select_related("activity__objective__plan", "activity__owner__user")
        .prefetch_related("values"),
        today,
        rule,
        to_activity_owner=True,
    )


def _missing_for(
    indicators: QuerySet[Indicator], today: dt.date, rule: ReminderRule, *, to_activity_owner: bool
) -> Iterator[Due]:
    coordinators: list[User] | None = None
    for indicator in indicators:
        recorded = {v.period for v in indicator.values.all()}
        for period in indicator.periods():
            if period >= today or period in recorded:
                continue
            if to_activity_owner:
                recipients = [indicator.activity.owner.user]
            else:
                if coordinators is None:
                    coordinators = active_coordinators()
                recipients = coordinators
            path = reverse("actionplan:indicator_value", args=[indicator.pk])
            occasion = f"missing-{period.isoformat()}:{_repeat_index(period, today, rule.repeat_every_days)}"
            context = {"indicator": indicator.name, "period": period.isoformat(), "action_url": absolute_url(path)}
            for recipient in recipients:
                yield Due(recipient=recipient, related=indicator, occasion=occasion, context=context)


# key, label, due function, default rule
KINDS = [
    ("activity_due_soon", _("Activity due soon"), activities_due_soon, ReminderRule(lead_days=(7,))),
    ("activity_overdue", _("Activity overdue"), activities_overdue, ReminderRule(repeat_every_days=7)),
    (
        "overdue_summary",
        _("Weekly summary of overdue activities (coordinators)"),
        overdue_summary,
        ReminderRule(repeat_every_days=7),
    ),
    (
        "activity_stale",
        _("No progress update for a while"),
        activities_stale,
        ReminderRule(repeat_every_days=STALE_AFTER_DAYS),
    ),
    ("indicator_value_missing", _("Indicator value missing"), indicator_values_missing, ReminderRule()),
]

for name, label, due, rule in KINDS:
    register(
        ReminderKind(
            key=f"actionplan.{name}",
            label=label,
            template_prefix=f"actionplan/email/{name}",
            default_rule=rule,
            due=due,
        )
    )
