from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from audit.models import AuditEntry
from governance.models import Attendance, AttendanceStatus, Decision, DecisionKind, DecisionOutcome, QuorumPolicy
from governance.services import attendance_record, attendance_rsvp, decision_record, meeting_create, quorum_status
from tests.factories import MemberFactory

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in English here; the Spanish ones are checked through the pages.
    with translation.override("en"):
        yield


def _decide(meeting, by, **overrides):
    values = dict(
        meeting=meeting,
        kind=DecisionKind.OTHER,
        text="Se acuerda.",
        votes_for=1,
        votes_against=0,
        votes_abstain=0,
        outcome=DecisionOutcome.APPROVED,
        by=by,
    )
    return decision_record(**(values | overrides))


def test_meeting_invites_every_active_member(coordinator, alice, bob):
    MemberFactory(status="paused")
    now = timezone.now()
    meeting = meeting_create(
        by=coordinator,
        kind="regular",
        title="Reunión",
        starts_at=now,
        ends_at=now + dt.timedelta(hours=1),
        place="Quito",
    )
    assert set(meeting.attendances.values_list("member__user__email", flat=True)) == {
        "alice@ngn.example",
        "bob@ngn.example",
        "coord@ngn.example",
    }
    assert all(a.status == AttendanceStatus.INVITED for a in meeting.attendances.all())


def _attended(*, by, share: int, minimum: int, attendees):
    """A started meeting under the quorum rule (share, minimum), with ``attendees`` marked attended."""
    QuorumPolicy.objects.update_or_create(pk=1, defaults={"share_percent": share, "minimum_count": minimum})
    meeting = MeetingFactory()
    attendance_record(meeting=meeting, statuses={m.pk: AttendanceStatus.ATTENDED for m in attendees}, by=by)
    return meeting


def test_decision_without_quorum_is_refused_saying_why(coordinator, alice, bob):
    meeting = _attended(by=coordinator, share=50, minimum=3, attendees=[alice.member])
    with pytest.raises(ValidationError) as excinfo:
        _decide(meeting, coordinator)
    assert "3 members needed, 1 present" in excinfo.value.messages[0]
    assert not Decision.objects.exists()
    assert not AuditEntry.objects.filter(action="governance.decision.recorded").exists()


def test_decision_with_quorum_is_recorded_and_audited(coordinator, alice, bob):
    meeting = _attended(by=coordinator, share=50, minimum=2, attendees=[alice.member, bob.member])
    assert quorum_status(meeting).met
    decision = _decide(meeting, coordinator, votes_for=2)
    assert (decision.present_count, decision.quorum_needed) == (2, 2)
    entry = AuditEntry.objects.get(action="governance.decision.recorded")
    assert entry.data["needed"] == 2 and entry.data["present"] == 2


def test_the_database_refuses_a_decision_without_quorum(coordinator):
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(meeting=meeting, text="x", outcome="approved", present_count=1, quorum_needed=3)


@pytest.mark.parametrize(
    ("votes", "outcome", "field"),
    [((1, 1, 0), DecisionOutcome.APPROVED, "outcome"), ((2, 0, 0), DecisionOutcome.REJECTED, "outcome"),
     ((5, 0, 0), DecisionOutcome.APPROVED, "votes_for")],
)  # fmt: skip
def test_votes_must_match_the_outcome_and_the_room(coordinator, alice, votes, outcome, field):
    meeting = _attended(by=coordinator, share=0, minimum=1, attendees=[alice.member, coordinator.member])
    with pytest.raises(ValidationError) as excinfo:
        _decide(
            meeting, coordinator, votes_for=votes[0], votes_against=votes[1], votes_abstain=votes[2], outcome=outcome
        )
    assert field in excinfo.value.error_dict


def test_rsvp_before_the_meeting_only(alice):
    upcoming = MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=2))
    attendance = attendance_rsvp(meeting=upcoming, member=alice.member, status=AttendanceStatus.CONFIRMED)
    assert attendance.status == AttendanceStatus.CONFIRMED
    with pytest.raises(ValidationError):
        attendance_rsvp(meeting=upcoming, member=alice.member, status=AttendanceStatus.ATTENDED)
    started = MeetingFactory()
    with pytest.raises(ValidationError, match="already started"):
        attendance_rsvp(meeting=started, member=alice.member, status=AttendanceStatus.DECLINED)
    assert not Attendance.objects.filter(meeting=started).exists()


def test_attendance_is_recorded_only_once_the_meeting_started(coordinator, alice):
    upcoming = MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        attendance_record(meeting=upcoming, statuses={alice.member.pk: AttendanceStatus.ATTENDED}, by=coordinator)
    assert not upcoming.attendances.exists()
