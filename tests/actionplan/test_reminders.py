"""The action plan's reminders through the real mailroom scan: who gets what, once."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.models import ActivityStatus, IndicatorValue
from engagement.models import OutgoingEmail
from engagement.services import reminders_scan

from .factories import ActivityFactory, IndicatorFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

KINDS = [
    "actionplan.activity_due_soon",
    "actionplan.activity_overdue",
    "actionplan.overdue_summary",
    "actionplan.activity_stale",
    "actionplan.indicator_value_missing",
]


def _scan(day: dt.date) -> list[OutgoingEmail]:
    now = dt.datetime.combine(day, dt.time(15, 0), tzinfo=dt.UTC)
    reminders_scan(now=now, queue=False, kinds=KINDS)
    return list(OutgoingEmail.objects.order_by("pk"))


def _by_kind(kind: str):
    return OutgoingEmail.objects.filter(kind=kind)


def test_due_soon_reaches_the_owner_once(objective, alice):
    activity = ActivityFactory(objective=objective, owner=alice.member, due_date=dt.date(2023, 7, 8))
    ProgressUpdateFactory(activity=activity, author=alice, date=dt.date(2023, 6, 25))
    _scan(dt.date(2023, 6, 30))
    assert not _by_kind("actionplan.activity_due_soon").exists()  # 8 days ahead: not yet
    _scan(dt.date(2023, 7, 1))
    _scan(dt.date(2023, 7, 3))  # a later scan sends nothing new
    (email,) = _by_kind("actionplan.activity_due_soon")
    assert email.recipient == alice
    assert activity.code in email.subject


def test_overdue_repeats_weekly_and_coordinators_get_one_summary(objective, alice, coordinator):
    ActivityFactory(objective=objective, owner=alice.member, code="A1.1", due_date=dt.date(2023, 6, 20))
    ActivityFactory(objective=objective, owner=alice.member, code="A1.2", due_date=dt.date(2023, 6, 22))
    ActivityFactory(objective=objective, owner=alice.member, code="A1.3", due_date=dt.date(2023, 6, 1),
                    status=ActivityStatus.DONE)  # fmt: skip
    _scan(dt.date(2023, 7, 1))
    _scan(dt.date(2023, 7, 2))
    assert _by_kind("actionplan.activity_overdue").count() == 2
    summaries = _by_kind("actionplan.overdue_summary")
    assert [e.recipient for e in summaries] == [coordinator]
    assert "A1.1" in summaries[0].body_text and "A1.2" in summaries[0].body_text
    _scan(dt.date(2023, 7, 9))  # a week on: a second round for each, and a new summary
    assert _by_kind("actionplan.activity_overdue").count() == 4
    assert _by_kind("actionplan.overdue_summary").count() == 2


def test_stale_in_progress_activity(objective, alice, bob):
    quiet = ActivityFactory(objective=objective, owner=alice.member, code="A1.1", status=ActivityStatus.IN_PROGRESS)
    ProgressUpdateFactory(activity=quiet, author=alice, date=dt.date(2023, 5, 20))
    busy = ActivityFactory(objective=objective, owner=bob.member, code="A1.2", status=ActivityStatus.IN_PROGRESS)
    ProgressUpdateFactory(activity=busy, author=bob, date=dt.date(2023, 6, 20))
    _scan(dt.date(2023, 7, 1))
    (email,) = _by_kind("actionplan.activity_stale")
    assert email.recipient == alice


def test_missing_indicator_value_for_a_closed_period(objective, coordinator, alice):
    on_objective = IndicatorFactory(objective=objective, frequency="quarterly")
    IndicatorValue.objects.create(indicator=on_objective, period=dt.date(2023, 3, 31), value=2)
    activity = ActivityFactory(objective=objective, owner=alice.member)
    IndicatorFactory(objective=None, activity=activity, frequency="half_yearly")
    _scan(dt.date(2023, 7, 1))
    _scan(dt.date(2023, 7, 2))
    emails = list(_by_kind("actionplan.indicator_value_missing"))
    # Q2 of the objective's indicator to the coordinator; H1 of the activity's to its owner. Q1 has a value.
    assert sorted((e.recipient.email, e.occasion.split(":")[0]) for e in emails) == [
        ("alice@ngn.example", "missing-2023-06-30"),
        ("coord@ngn.example", "missing-2023-06-30"),
    ]


def test_closed_plans_remind_nobody(plan, objective, alice):
    ActivityFactory(objective=objective, owner=alice.member, due_date=dt.date(2023, 6, 20))
    plan.status = "closed"
    plan.save()
    assert _scan(dt.date(2023, 7, 1)) == []


@pytest.mark.parametrize("size", [3, 60])
def test_scan_queries_do_not_grow(objective, alice, coordinator, size, django_assert_max_num_queries):
    for i in range(size):
        activity = ActivityFactory(
            objective=objective,
            owner=alice.member,
            due_date=dt.date(2023, 6, 1) + dt.timedelta(days=i),
            status=ActivityStatus.IN_PROGRESS,
        )
        IndicatorFactory(objective=None, activity=activity)
    from actionplan import reminders
    from engagement.registry import ReminderRule

    now = dt.datetime(2023, 7, 1, 15, tzinfo=dt.UTC)
    with django_assert_max_num_queries(10):
        list(reminders.activities_due_soon(now, ReminderRule(lead_days=(7,))))
        list(reminders.activities_overdue(now, ReminderRule(repeat_every_days=7)))
        list(reminders.overdue_summary(now, ReminderRule(repeat_every_days=7)))
        list(reminders.activities_stale(now, ReminderRule(repeat_every_days=30)))
        list(reminders.indicator_values_missing(now, ReminderRule()))


@pytest.mark.parametrize(("language", "subject"), [("es", "Vence en 7 días"), ("en", "Due in 7 days")])
def test_reminders_speak_the_recipients_language(objective, alice, language, subject):
    alice.preferred_language = language
    alice.save()
    ActivityFactory(objective=objective, owner=alice.member, title="<b>Taller</b>", due_date=dt.date(2023, 7, 8))
    _scan(dt.date(2023, 7, 1))
    (email,) = _by_kind("actionplan.activity_due_soon")
    assert subject in email.subject
    assert "/plan/activity/" in email.body_text
    assert "<b>Taller</b>" not in email.body_html  # escaped in the HTML body
