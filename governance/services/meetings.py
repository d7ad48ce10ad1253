"""Writes on meetings: creating them, RSVPs, attendance, minutes and decisions (with the quorum rule)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from audit.services import audit_record
from members.models import Member, User

from ..caching import attendance_changed
from ..models import (
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionOutcome,
    Meeting,
    QuorumPolicy,
)
from ..models.meetings import RECORDED_STATUSES, RSVP_STATUSES

MEETING_FIELDS = ("kind", "title", "starts_at", "ends_at", "place", "online_url", "agenda")


@dataclass(frozen=True)
class Quorum:
    needed: int
    present: int

    @property
    def met(self) -> bool:
        return self.present >= self.needed


def quorum_needed() -> int:
    """The policy applied to today's active members, counted now."""
    return QuorumPolicy.load().needed(Member.objects.active().count())


def quorum_status(meeting: Meeting) -> Quorum:
    """Needed: the policy applied to today's active members. Present: attendees marked attended. Counted now
    (pages read the cached figures of ``selectors.meeting_figures``)."""
    present = meeting.attendances.filter(status=AttendanceStatus.ATTENDED).count()
    return Quorum(needed=quorum_needed(), present=present)


@transaction.atomic
def meeting_create(*, by: User, invitees: QuerySet[Member] | None = None, **fields: Any) -> Meeting:
    """Create a meeting and invite ``invitees`` (by default, every active member)."""
    meeting = Meeting(**{name: value for name, value in fields.items() if name in MEETING_FIELDS})
    meeting.full_clean()
    meeting.save()
    invitees = Member.objects.active() if invitees is None else invitees
    # With history rows, like every other write to a domain model (one extra insert, not one per person).
    invitations = [Attendance(meeting=meeting, member=member) for member in invitees.only("pk")]
    if invitations:
        bulk_create_with_history(invitations, Attendance, default_user=by)
        attendance_changed()
    audit_record(action="governance.meeting.created", actor=by, target=meeting, data={"title": meeting.title})
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: User, **fields: Any) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    for name, value in fields.items():
        if name in MEETING_FIELDS:
            setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def minutes_record(*, meeting: Meeting, minutes: str, publish: bool, by: User) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.minutes = minutes
    first_publication = publish and meeting.minutes_published_at is None
    if first_publication:
        meeting.minutes_published_at = timezone.now()
    meeting.full_clean()
    meeting.save()
    if first_publication:
        audit_record(action="governance.minutes.published", actor=by, target=meeting, data={})
    return meeting


@transaction.atomic
def attendance_rsvp(*, meeting: Meeting, member: Member, status: str) -> Attendance:
    if status not in RSVP_STATUSES:
        raise ValidationError({"status": _("Answer that you will come or that you cannot.")})
    if meeting.has_started():
        raise ValidationError(_("This meeting has already started; ask the secretary to record your attendance."))
    attendance, _created = Attendance.objects.select_for_update().get_or_create(meeting=meeting, member=member)
    attendance.status = status
    attendance.updated_at = timezone.now()
    attendance.save(update_fields=["status", "updated_at"])
    return attendance


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict[int, str], by: User) -> int:
    """Record who attended (by member id). Returns how many rows changed."""
    if not meeting.has_started():
        raise ValidationError(_("Attendance can be recorded once the meeting has started."))
    if any(status not in RECORDED_STATUSES for status in statuses.values()):
        raise ValidationError(_("Mark each person as attended, excused or absent."))
    known = set(Member.objects.filter(pk__in=statuses).values_list("pk", flat=True))
    if known != set(statuses):
        raise ValidationError(_("Some of the people are not members."))
    existing = {a.member_id: a for a in Attendance.objects.select_for_update().filter(meeting=meeting)}
    now, changed, new = timezone.now(), [], []
    for member_id, status in statuses.items():
        attendance = existing.get(member_id)
        if attendance is None:
            new.append(Attendance(meeting=meeting, member_id=member_id, status=status, updated_at=now))
        elif attendance.status != status:
            attendance.status, attendance.updated_at = status, now
            changed.append(attendance)
    if new:
        bulk_create_with_history(new, Attendance, default_user=by)
    if changed:
        bulk_update_with_history(changed, Attendance, ["status", "updated_at"], default_user=by)
    if new or changed:
        attendance_changed()
        audit_record(
            action="governance.attendance.recorded",
            actor=by,
            target=meeting,
            data={str(member_id): status for member_id, status in sorted(statuses.items())},
        )
    return len(new) + len(changed)


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    kind: str,
    text: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
    outcome: str,
    by: User,
) -> Decision:
    """Record a decision; refused, saying why, when the meeting has no quorum."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    quorum = quorum_status(meeting)
    if not quorum.met:
        raise ValidationError(
            _("There is no quorum at this meeting: %(needed)s members needed, %(present)s present.")
            % {"needed": quorum.needed, "present": quorum.present}
        )
    decision = Decision(
        meeting=meeting,
        kind=kind,
        text=text.strip(),
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        outcome=outcome,
        present_count=quorum.present,
        quorum_needed=quorum.needed,
        recorded_by=by,
    )
    if decision.votes_cast > quorum.present:
        raise ValidationError(
            {
                "votes_for": _("More votes (%(votes)s) than members present (%(present)s).")
                % {"votes": decision.votes_cast, "present": quorum.present}
            }
        )
    carried = votes_for > votes_against
    if outcome == DecisionOutcome.APPROVED and not carried:
        raise ValidationError({"outcome": _("A decision is approved only with more votes for than against.")})
    if outcome == DecisionOutcome.REJECTED and carried:
        raise ValidationError({"outcome": _("More votes for than against: the outcome is approved.")})
    decision.full_clean()
    decision.save()
    audit_record(
        action="governance.decision.recorded",
        actor=by,
        target=decision,
        data={
            "meeting": meeting.pk,
            "kind": kind,
            "outcome": outcome,
            "votes": [votes_for, votes_against, votes_abstain],
            "present": quorum.present,
            "needed": quorum.needed,
        },
    )
    return decision
