"""Every write with rules in the action plan: typed, keyword-only, one transaction, audited."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from members.models import User

from .evidence import validate_evidence_file
from .models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    CalendarToken,
    Indicator,
    IndicatorValue,
    Objective,
    PlanStatus,
    ProgressUpdate,
)
from .models.activity import ACTIVITY_TRANSITIONS
from .models.calendar import hash_secret
from .models.plan import PLAN_TRANSITIONS
from .permissions import can_cancel_activity, can_manage_plan, can_record_indicator, can_update_activity

# --------------------------------------------------------------------------- plans


@transaction.atomic
def plan_transition(*, plan: ActionPlan, to: str, by: User) -> ActionPlan:
    if not can_manage_plan(by):
        raise PermissionDenied
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if to not in PLAN_TRANSITIONS[plan.status]:
        raise ValidationError(
            _("A plan cannot go from %(from)s to %(to)s.")
            % {"from": PlanStatus(plan.status).label, "to": PlanStatus(to).label}
        )
    previous = plan.status
    plan.status = to
    plan.full_clean()
    plan.save(update_fields=["status"])
    audit_record(action=f"actionplan.plan.{to}", actor=by, target=plan, data={"from": previous, "to": to})
    return plan


def shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy_for_next_period(
    *,
    plan: ActionPlan,
    by: User,
    title_es: str,
    title_en: str = "",
    period_start: dt.date,
    period_end: dt.date,
    carry_over_unfinished: bool = True,
) -> ActionPlan:
    """Start next period's plan as a draft: objectives (and their indicators) copied, open activities
    optionally carried over with their progress so far."""
    if not can_manage_plan(by):
        raise PermissionDenied
    new_plan = ActionPlan(
        title_es=title_es, title_en=title_en, period_start=period_start, period_end=period_end, copied_from=plan
    )
    new_plan.full_clean()
    new_plan.save()
    years = period_start.year - plan.period_start.year
    today = timezone.localdate()
    carried = 0
    objectives = plan.objectives.prefetch_related("key_factors", "indicators").order_by("code")
    open_activities: dict[int, list[Activity]] = {}
    if carry_over_unfinished:
        for activity in (
            Activity.objects.filter(objective__plan=plan).open().with_progress().prefetch_related("contributors")
        ):
            open_activities.setdefault(activity.objective_id, []).append(activity)
    for objective in objectives:
        copy = Objective.objects.create(
            plan=new_plan,
            code=objective.code,
            title_es=objective.title_es,
            title_en=objective.title_en,
            description=objective.description,
            weight=objective.weight,
        )
        copy.key_factors.set(objective.key_factors.all())
        for indicator in objective.indicators.all():
            Indicator.objects.create(
                objective=copy,
                name=indicator.name,
                unit=indicator.unit,
                baseline=indicator.baseline,
                target=indicator.target,
                direction=indicator.direction,
                frequency=indicator.frequency,
            )
        for old in open_activities.get(objective.pk, []):
            due = max(shift_year(old.due_date, years), period_start)
            new = Activity(
                objective=copy,
                code=old.code,
                title=old.title,
                description=old.description,
                deliverables=old.deliverables,
                owner_id=old.owner_id,
                start_date=period_start,
                due_date=min(max(due, period_start), period_end),
                status=old.status,
                weight=old.weight,
                carried_over_from=old,
            )
            new.full_clean()
            new.save()
            new.contributors.set(old.contributors.all())
            if old.latest_percent:  # type: ignore[attr-defined]
                ProgressUpdate.objects.create(
                    activity=new,
                    author=by,
                    date=max(today, period_start) if today <= period_end else period_start,
                    percent=old.latest_percent,  # type: ignore[attr-defined]
                    note=_("Carried over from %(plan)s.") % {"plan": plan.title_es},
                )
            carried += 1
    audit_record(
        action="actionplan.plan.copied",
        actor=by,
        target=new_plan,
        data={"from_plan": plan.pk, "objectives": len(objectives), "activities_carried_over": carried},
    )
    return new_plan


# --------------------------------------------------------------------------- activities


@transaction.atomic
def activity_save(*, activity: Activity, by: User, contributors: list | None = None) -> Activity:
    """Create or edit an activity (coordinators)."""
    if not can_manage_plan(by):
        raise PermissionDenied
    creating = activity.pk is None
    activity.full_clean()
    activity.save()
    if contributors is not None:
        activity.contributors.set(contributors)
    audit_record(
        action="actionplan.activity.created" if creating else "actionplan.activity.changed",
        actor=by,
        target=activity,
        data={"code": activity.code, "due_date": activity.due_date.isoformat(), "owner": activity.owner_id},
    )
    return activity


def _check_transition(activity: Activity, to: str, by: User) -> None:
    if to == activity.status:
        return
    if to not in ACTIVITY_TRANSITIONS[activity.status]:
        raise ValidationError(
            {
                "status": _("An activity cannot go from %(from)s to %(to)s.")
                % {"from": ActivityStatus(activity.status).label, "to": ActivityStatus(to).label}
            }
        )
    if to == ActivityStatus.CANCELLED and not can_cancel_activity(by):
        raise ValidationError({"status": _("Only a coordinator can cancel an activity.")})


@transaction.atomic
def activity_transition(*, activity: Activity, to: str, by: User) -> Activity:
    if not can_update_activity(by, activity):
        raise PermissionDenied
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    _check_transition(activity, to, by)
    previous = activity.status
    activity.status = to
    activity.save(update_fields=["status"])
    audit_record(
        action="actionplan.activity.status_changed", actor=by, target=activity, data={"from": previous, "to": to}
    )
    return activity


@transaction.atomic
def progress_update_post(
    *,
    activity: Activity,
    by: User,
    percent: int,
    status: str | None = None,
    note: str,
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    date: dt.date | None = None,
) -> ProgressUpdate:
    """Post a progress update (never edited afterwards); may move the activity's status along.

    A first update above 0% on an activity not started yet moves it to "in progress", so an owner
    never has to remember a second step.
    """
    if not can_update_activity(by, activity):
        raise PermissionDenied
    # Lock the activity: two updates posted at once must not both decide its status.
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("This activity was cancelled: it takes no more updates."), code="cancelled")
    new_status = status or ""
    if new_status:
        _check_transition(activity, new_status, by)
    elif activity.status == ActivityStatus.NOT_STARTED and percent > 0:
        new_status = ActivityStatus.IN_PROGRESS
    update = ProgressUpdate(
        activity=activity,
        author=by,
        date=date or timezone.localdate(),
        percent=percent,
        status_change=new_status if new_status != activity.status else "",
        note=note,
        evidence_link=evidence_link,
    )
    if evidence_file is not None:
        try:
            update.evidence_content_type = validate_evidence_file(evidence_file)
        except ValidationError as exc:
            raise ValidationError({"evidence_file": exc.error_list}) from exc
        update.evidence_name = (evidence_file.name or "")[-200:]
        update.evidence_file = evidence_file
    update.full_clean()
    update.save()
    if update.status_change:
        activity.status = update.status_change
        activity.save(update_fields=["status"])
    audit_record(
        action="actionplan.progress_update.posted",
        actor=by,
        target=activity,
        data={
            "update": update.pk,
            "percent": percent,
            "status": update.status_change,
            "evidence": bool(update.evidence_file or update.evidence_link),
        },
    )
    return update


# --------------------------------------------------------------------------- indicators


@transaction.atomic
def indicator_value_record(
    *, indicator: Indicator, period: dt.date, value: Decimal, note: str = "", by: User
) -> IndicatorValue:
    if not can_record_indicator(by, indicator):
        raise PermissionDenied
    if period not in indicator.periods():
        raise ValidationError({"period": _("Choose one of the indicator's measuring periods.")})
    record = IndicatorValue(indicator=indicator, period=period, value=value, note=note, recorded_by=by)
    record.full_clean()
    record.save()
    audit_record(
        action="actionplan.indicator_value.recorded",
        actor=by,
        target=indicator,
        data={"period": period.isoformat(), "value": str(value)},
    )
    return record


# --------------------------------------------------------------------------- calendar feed


@transaction.atomic
def calendar_token_issue(*, user: User) -> tuple[CalendarToken, str]:
    """A new feed secret for ``user``; any previous URL stops working. The secret is shown once."""
    CalendarToken.objects.filter(user=user).delete()
    secret = secrets.token_urlsafe(32)
    token = CalendarToken.objects.create(user=user, secret_hash=hash_secret(secret))
    audit_record(action="actionplan.calendar_token.issued", actor=user, target=token, data={})
    return token, secret


@transaction.atomic
def calendar_token_revoke(*, user: User) -> bool:
    deleted, _counts = CalendarToken.objects.filter(user=user).delete()
    if deleted:
        audit_record(action="actionplan.calendar_token.revoked", actor=user, target=None, data={"user": user.pk})
    return bool(deleted)
