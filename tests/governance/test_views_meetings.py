from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from governance.models import Attendance, AttendanceStatus, Decision, Meeting, QuorumPolicy
from governance.services import attendance_record, mandate_create, meeting_create
from tests.factories import MemberFactory

from .factories import MeetingFactory, PositionFactory

pytestmark = pytest.mark.django_db


def _meeting(by, *, starts_in=dt.timedelta(hours=-2)):
    starts = timezone.now() + starts_in
    return meeting_create(
        by=by, kind="agm", title="Asamblea", starts_at=starts, ends_at=starts + dt.timedelta(hours=2), place="Quito"
    )


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("member", 200), ("coordinator", 200)])
def test_meeting_pages_need_sign_in(role_clients, coordinator, role, expected):
    meeting = _meeting(coordinator)
    for name in ("governance:meetings", "governance:whos_who"):
        assert role_clients[role].get(reverse(name)).status_code == expected
    assert role_clients[role].get(reverse("governance:meeting", args=[meeting.pk])).status_code == expected


@pytest.mark.parametrize("url_name", ["meeting_attendance", "meeting_minutes", "decision_create", "meeting_edit"])
def test_recording_pages_are_refused_to_members(alice_client, coordinator, url_name):
    meeting = _meeting(coordinator)
    assert alice_client.get(reverse(f"governance:{url_name}", args=[meeting.pk])).status_code == 403


def test_secretary_records_attendance_and_minutes_but_not_decisions(alice, alice_client, bob, coordinator):
    mandate_create(
        member=alice.member,
        position=PositionFactory(code="secretary", name_es="Secretaría"),
        starts_on=timezone.localdate() - dt.timedelta(days=10),
        by=coordinator,
    )
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    response = alice_client.post(url, {f"member_{bob.member.pk}": "attended"})
    assert response.status_code == 302
    assert Attendance.objects.get(meeting=meeting, member=bob.member).status == AttendanceStatus.ATTENDED
    minutes = reverse("governance:meeting_minutes", args=[meeting.pk])
    assert alice_client.post(minutes, {"minutes": "## Acta\n\nSe abrió.", "publish": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_published_at is not None
    assert alice_client.get(reverse("governance:decision_create", args=[meeting.pk])).status_code == 403


def test_bad_attendance_value_is_refused_beside_the_field(coordinator_client, coordinator, alice):
    meeting = _meeting(coordinator)
    url = reverse("governance:meeting_attendance", args=[meeting.pk])
    response = coordinator_client.post(url, {f"member_{alice.member.pk}": "confirmed"})
    assert response.status_code == 200 and response.context["form"].errors
    assert "Escoja una opción válida" in response.content.decode()  # beside the person's choice
    assert Attendance.objects.get(meeting=meeting, member=alice.member).status == AttendanceStatus.INVITED


def test_decision_without_quorum_shows_why_and_saves_nothing(coordinator_client, coordinator, alice):
    QuorumPolicy.objects.update_or_create(pk=1, defaults={"share_percent": 50, "minimum_count": 2})
    meeting = _meeting(coordinator)
    data = {"kind": "other", "text": "x", "votes_for": 1, "votes_against": 0, "votes_abstain": 0, "outcome": "approved"}
    response = coordinator_client.post(reverse("governance:decision_create", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert "2 miembros necesarios, 0 presentes" in response.content.decode()
    assert not Decision.objects.exists()
    attendance_record(
        meeting=meeting,
        statuses={alice.member.pk: AttendanceStatus.ATTENDED, coordinator.member.pk: AttendanceStatus.ATTENDED},
        by=coordinator,
    )
    response = coordinator_client.post(reverse("governance:decision_create", args=[meeting.pk]), data)
    assert response.status_code == 302 and Decision.objects.count() == 1
    page = coordinator_client.get(reverse("governance:meeting", args=[meeting.pk]))
    assert [d.pk for d in page.context["decisions"]] == [Decision.objects.get().pk]
    assert "1 a favor, 0 en contra, 0 abstenciones" in page.content.decode()


def test_member_rsvps(alice, alice_client, coordinator):
    meeting = _meeting(coordinator, starts_in=dt.timedelta(days=3))
    url = reverse("governance:meeting_rsvp", args=[meeting.pk])
    assert alice_client.post(url, {"status": "confirmed"}).status_code == 302
    assert Attendance.objects.get(meeting=meeting, member=alice.member).status == AttendanceStatus.CONFIRMED
    alice_client.post(url, {"status": "attended"})  # not an answer a member can give
    assert Attendance.objects.get(meeting=meeting, member=alice.member).status == AttendanceStatus.CONFIRMED


def test_coordinator_schedules_a_meeting_and_bad_input_saves_nothing(coordinator_client):
    url = reverse("governance:meeting_create")
    bad = coordinator_client.post(
        url, {"kind": "regular", "title": "R", "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T09:00"}
    )
    assert bad.status_code == 200
    assert bad.context["form"].errors["ends_at"] and bad.context["form"].errors["place"]
    assert not Meeting.objects.exists()
    good = coordinator_client.post(
        url,
        {
            "kind": "regular",
            "title": "R",
            "starts_at": "2030-01-01T10:00",
            "ends_at": "2030-01-01T12:00",
            "place": "Manta",
        },
    )
    assert good.status_code == 302
    meeting = Meeting.objects.get()
    assert timezone.localtime(meeting.starts_at).hour == 10  # read as Ecuador time
    assert meeting.starts_at.astimezone(dt.UTC).hour == 15


def test_ics_download(alice_client, coordinator):
    meeting = _meeting(coordinator)
    response = alice_client.get(reverse("governance:meeting_ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Asamblea" and event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)


def test_agenda_markdown_is_rendered_safely(alice_client, coordinator):
    meeting = MeetingFactory(agenda="1. Uno\n\n<script>alert(1)</script>")
    body = alice_client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize("attendees", [2, 40])
def test_meeting_page_budget(alice_client, coordinator, attendees, django_assert_max_num_queries):
    MemberFactory.create_batch(attendees)
    meeting = _meeting(coordinator)
    for _ in range(attendees // 10 + 1):
        _meeting(coordinator, starts_in=dt.timedelta(days=attendees))
    with django_assert_max_num_queries(12):
        assert alice_client.get(reverse("governance:meeting", args=[meeting.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert alice_client.get(reverse("governance:whos_who")).status_code == 200
    with django_assert_max_num_queries(8):
        assert alice_client.get(reverse("governance:meetings")).status_code == 200
    with django_assert_max_num_queries(8):
        assert alice_client.get(reverse("governance:index")).status_code == 200
