from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from engagement.models import OutgoingEmail
from engagement.registry import ReminderRule
from engagement.services import reminders_scan
from governance.models import AttendanceStatus, Version
from governance.reminders import (
    acknowledgements_pending,
    consultations_closing,
    meetings_tomorrow,
    minutes_not_published,
    occasion_for,
    terms_ending,
)
from governance.services import acknowledgement_create, attendance_rsvp, mandate_create, version_open_consultation

from .factories import MeetingFactory, PositionFactory, VersionFactory, approved_version

pytestmark = pytest.mark.django_db
D = dt.date(2024, 5, 20)


def test_occasion_for_leads_and_repeats():
    rule = ReminderRule(lead_days=(60, 14))
    assert occasion_for(D, D - dt.timedelta(days=61), rule) is None
    assert occasion_for(D, D - dt.timedelta(days=30), rule).endswith("lead-60")
    assert occasion_for(D, D - dt.timedelta(days=3), rule).endswith("lead-14")
    assert occasion_for(D, D + dt.timedelta(days=1), rule) is None
    weekly = ReminderRule(lead_days=(0,), repeat_every_days=7)
    assert occasion_for(D, D, weekly).endswith("lead-0")
    assert occasion_for(D, D + dt.timedelta(days=3), weekly).endswith("lead-0")  # same key: sent once
    assert occasion_for(D, D + dt.timedelta(days=7), weekly).endswith("repeat-1")


def _now_after(days: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)


def test_acknowledgement_reminder_after_three_days_then_weekly_until_confirmed(alice, bob, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    rule = ReminderRule(lead_days=(0,), repeat_every_days=7)
    assert list(acknowledgements_pending(_now_after(1), rule)) == []
    due = list(acknowledgements_pending(_now_after(3), rule))
    assert {d.recipient.email for d in due} >= {"alice@ngn.example", "bob@ngn.example"}
    acknowledgement_create(member=alice.member, version=version)
    later = list(acknowledgements_pending(_now_after(10), rule))
    assert "alice@ngn.example" not in {d.recipient.email for d in later}
    assert all(d.occasion.endswith("repeat-1") for d in later)


def test_scan_sends_once(alice, coordinator):
    approved_version(by=coordinator, major=1, minor=0)
    reminders_scan(now=_now_after(3), queue=False)
    count = OutgoingEmail.objects.filter(kind="governance.tor_acknowledgement_pending").count()
    assert count >= 2
    reminders_scan(now=_now_after(3), queue=False)
    assert OutgoingEmail.objects.filter(kind="governance.tor_acknowledgement_pending").count() == count


def test_consultation_closing_two_days_before(alice, coordinator):
    version = VersionFactory(major=1, minor=1)
    now = timezone.now()
    version_open_consultation(version=version, opens_at=now, closes_at=now + dt.timedelta(days=5), by=coordinator)
    rule = ReminderRule(lead_days=(2,))
    assert list(consultations_closing(now, rule)) == []
    assert {d.recipient.email for d in consultations_closing(now + dt.timedelta(days=3, hours=1), rule)} >= {
        "alice@ngn.example"
    }


def test_meeting_tomorrow_to_invited_and_confirmed_only(alice, bob, coordinator):
    meeting = MeetingFactory(starts_at=timezone.now() + dt.timedelta(days=1, hours=1))
    attendance_rsvp(meeting=meeting, member=alice.member, status=AttendanceStatus.CONFIRMED)
    attendance_rsvp(meeting=meeting, member=bob.member, status=AttendanceStatus.DECLINED)
    due = list(meetings_tomorrow(timezone.now(), ReminderRule(lead_days=(1,))))
    assert [d.recipient.email for d in due] == ["alice@ngn.example"]


def test_minutes_not_published_goes_to_the_secretary(alice, coordinator):
    mandate_create(
        member=alice.member,
        position=PositionFactory(code="secretary", name_es="Secretaría"),
        starts_on=timezone.localdate() - dt.timedelta(days=30),
        by=coordinator,
    )
    MeetingFactory(
        starts_at=timezone.now() - dt.timedelta(days=8),
        ends_at=timezone.now() - dt.timedelta(days=8) + dt.timedelta(hours=2),
    )
    due = list(minutes_not_published(timezone.now(), ReminderRule(lead_days=(0,))))
    assert [d.recipient.email for d in due] == ["alice@ngn.example"]


def test_term_ending_to_holder_and_coordinators(alice, coordinator, django_assert_max_num_queries):
    mandate_create(
        member=alice.member,
        position=PositionFactory(),
        starts_on=timezone.localdate() - dt.timedelta(days=300),
        ends_on=timezone.localdate() + dt.timedelta(days=50),
        by=coordinator,
    )
    with django_assert_max_num_queries(3):
        due = list(terms_ending(timezone.now(), ReminderRule(lead_days=(60, 14))))
    assert {d.recipient.email for d in due} == {"alice@ngn.example", "coord@ngn.example"}
    assert all(d.occasion.endswith("lead-60") for d in due)


def test_due_functions_run_a_bounded_number_of_queries(coordinator, django_assert_max_num_queries):
    approved_version(by=coordinator, major=1, minor=0)
    assert Version.objects.count() == 1
    with django_assert_max_num_queries(3):
        list(acknowledgements_pending(_now_after(3), ReminderRule(lead_days=(0,), repeat_every_days=7)))


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_governance_email_renders_in_the_recipients_language(alice, coordinator, language):
    from engagement.registry import registry
    from engagement.services import email_enqueue

    alice.preferred_language = language
    alice.save()
    meeting = MeetingFactory()
    context = {
        "number": "1.1",
        "title": "Asamblea",
        "place": "Quito",
        "online_url": "",
        "holder": "Alice",
        "position": "Presidencia",
        "position_en": "Chair",
        "ends_on": "2030-01-01",
        "closes_at": "2030-01-01T00:00",
        "starts_at": "2030-01-01T00:00",
        "action_url": "https://ngn.example/x",
    }
    kinds = [kind.key for kind in registry.kinds() if kind.key.startswith("governance.")]
    assert len(kinds) == 6
    for key in kinds:
        row = email_enqueue(kind=key, recipient=alice, related=meeting, occasion="test", context=context)
        assert row.status != "failed", (key, row.last_error)
        assert row.subject.startswith("[NGN]") and "https://ngn.example/x" in row.body_text
    subjects = " ".join(OutgoingEmail.objects.values_list("subject", flat=True))
    assert ("Mañana" in subjects) == (language == "es") and ("Tomorrow" in subjects) == (language == "en")
    ending = OutgoingEmail.objects.get(kind="governance.term_ending")
    assert ("Chair" in ending.body_html) == (language == "en") and ("Chair" in ending.subject) == (language == "en")
