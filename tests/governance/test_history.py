"""Governance writes history, in the admin's bulk actions and in its own bulk writes (attendance)."""

from __future__ import annotations

from django.urls import reverse

from governance.models import Attendance, AttendanceStatus, Position
from governance.services import attendance_record
from tests.governance.factories import MeetingFactory, PositionFactory


def test_bulk_delete_from_the_admin_writes_history(admin_client, admin_user):
    position = PositionFactory(code="treasurer")
    response = admin_client.post(
        reverse("admin:governance_position_changelist"),
        {"action": "delete_selected", "_selected_action": [position.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Position.objects.filter(pk=position.pk).exists()
    assert Position.history.get(id=position.pk, history_type="-").history_user == admin_user


def test_recording_attendance_in_bulk_writes_history(alice, bob, coordinator):
    meeting = MeetingFactory()
    attendance_record(meeting=meeting, statuses={alice.member.pk: AttendanceStatus.ATTENDED}, by=coordinator)
    attendance_record(
        meeting=meeting,
        statuses={alice.member.pk: AttendanceStatus.EXCUSED, bob.member.pk: AttendanceStatus.ABSENT},
        by=coordinator,
    )
    alices = Attendance.objects.get(meeting=meeting, member=alice.member)
    assert list(alices.history.order_by("history_id").values_list("history_type", "status")) == [
        ("+", "attended"),
        ("~", "excused"),
    ]
    assert {row.history_user for row in Attendance.history.all()} == {coordinator}
