from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from engagement.models import DeliveryPreference, EmailStatus, OutgoingEmail, ReminderRule
from engagement.registry import Due
from engagement.registry import ReminderRule as RuleSpec
from engagement.services import digests_send, reminders_scan
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _due_for(users, occasion="due-2023-05-01:lead-7"):
    return [Due(recipient=user, related=user, occasion=occasion, context={"message": "Do it"}) for user in users]


def test_scan_run_twice_makes_one_row_and_one_email(reminder_kind, due_list, alice, django_capture_on_commit_callbacks):
    due_list.items = _due_for([alice])
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_scan()
        second = reminders_scan()
    assert len(first.inserted) == 1 and second.inserted == []
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT
    assert len(mail.outbox) == 1
    key = OutgoingEmail.objects.get().dedupe_key
    assert key == f"tests.due_soon:members.user#{alice.pk}:{alice.pk}:due-2023-05-01:lead-7"


def test_new_occasion_sends_again(reminder_kind, due_list, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        due_list.items = _due_for([alice], "lead-7")
        reminders_scan()
        due_list.items = _due_for([alice], "lead-1")
        reminders_scan()
    assert len(mail.outbox) == 2


def test_scan_passes_the_coordinators_rule_and_creates_it_from_the_default(reminder_kind, due_list):
    reminders_scan()
    rule = ReminderRule.objects.get(kind=reminder_kind.key)
    assert (rule.lead_days, rule.repeat_every_days) == ("7, 1", 7)
    rule.lead_days, rule.repeat_every_days = "14, 3", None
    rule.save()
    reminders_scan()
    assert due_list.rules == [RuleSpec(lead_days=(7, 1), repeat_every_days=7), RuleSpec(lead_days=(14, 3))]


def test_disabled_rule_sends_nothing(reminder_kind, due_list, alice):
    due_list.items = _due_for([alice])
    ReminderRule.objects.create(kind=reminder_kind.key, lead_days="7", enabled=False)
    assert reminders_scan().inserted == []
    assert due_list.rules == []


def test_one_broken_kind_does_not_stop_the_others(reminder_kind, due_list, alice):
    from engagement.registry import ReminderKind, register, unregister

    def broken(now, rule):
        list(OutgoingEmail.objects.raw("SELECT * FROM no_such_table"))  # aborts the transaction on PostgreSQL

    def malformed(now, rule):
        return [Due(recipient="not a user", related=None, occasion="x")]

    register(ReminderKind(key="tests.broken_due", label="x", template_prefix="x", due=broken))
    register(ReminderKind(key="tests.malformed", label="x", template_prefix="x", due=malformed))
    register(ReminderKind(key="tests.broken_tpl", label="x", template_prefix="tests/missing", due=due_list))
    due_list.items = _due_for([alice])
    try:
        result = reminders_scan()
    finally:
        unregister("tests.broken_due")
        unregister("tests.broken_tpl")
        unregister("tests.malformed")
    assert result.kinds_failed == ["tests.broken_due", "tests.malformed"]
    statuses = dict(OutgoingEmail.objects.values_list("kind", "status"))
    assert statuses == {"tests.broken_tpl": EmailStatus.FAILED, "tests.due_soon": EmailStatus.QUEUED}
    assert "tests/missing-subject.txt" in OutgoingEmail.objects.get(kind="tests.broken_tpl").last_error


@pytest.mark.parametrize("size", [50, 500])
def test_scan_query_count_does_not_grow_per_row(
    reminder_kind, due_list, people, size, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    users = people(size)
    DeliveryPreference.objects.create(user=users[0], mode="daily")
    due_list.items = _due_for(users)
    ReminderRule.objects.create(kind=reminder_kind.key, lead_days="7")
    with django_assert_max_num_queries(10), django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = reminders_scan()
    assert len(result.inserted) == size
    assert OutgoingEmail.objects.filter(hold_for_digest=True).count() == 1
    assert len(callbacks) == -(-(size - 1) // 100)  # one batch task per 100 rows


def test_digest_gathers_held_reminders_into_one_email(
    reminder_kind, due_list, alice, bob, django_capture_on_commit_callbacks
):
    DeliveryPreference.objects.create(user=alice, mode="daily")
    due_list.items = [*_due_for([alice], "a"), *_due_for([alice], "b"), *_due_for([bob], "a")]
    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan()
    assert [m.to for m in mail.outbox] == [[bob.email]]  # bob is immediate; alice waits
    with django_capture_on_commit_callbacks(execute=True):
        digests = digests_send()
    assert digests_send() == []  # nothing left to gather
    assert len(digests) == 1 and len(mail.outbox) == 2
    digest_mail = mail.outbox[1]
    assert digest_mail.to == [alice.email] and "2" in digest_mail.subject
    assert OutgoingEmail.objects.filter(recipient=alice, kind=reminder_kind.key, status=EmailStatus.SENT).count() == 2


def test_weekly_digest_waits_for_its_day(reminder_kind, due_list, alice, settings, django_capture_on_commit_callbacks):
    DeliveryPreference.objects.create(user=alice, mode="weekly")
    due_list.items = _due_for([alice])
    reminders_scan()
    monday = timezone.make_aware(dt.datetime(2024, 1, 1, 7, 0))
    assert digests_send(now=monday - dt.timedelta(days=1)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert len(digests_send(now=monday)) == 1
    assert len(mail.outbox) == 1


def test_run_reminders_scans_and_sends_synchronously(reminder_kind, due_list, alice, bob):
    due_list.items = _due_for([alice, bob])
    call_command("run_reminders", stdout=(out := __import__("io").StringIO()))
    assert "sent 2" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email])
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


def test_rule_rejects_bad_lead_days(db):
    from django.core.exceptions import ValidationError

    rule = ReminderRule(kind="tests.x", lead_days="7, soon")
    with pytest.raises(ValidationError) as exc:
        rule.full_clean()
    assert "lead_days" in exc.value.message_dict
    UserFactory()  # unrelated data must not matter


@pytest.mark.parametrize(("language", "expected"), [("es", "1 de enero de 2024"), ("en", "Jan. 1, 2024")])
def test_dates_in_emails_follow_the_recipients_language(
    reminder_kind, due_list, language, expected, django_capture_on_commit_callbacks
):
    person = UserFactory(preferred_language=language)
    DeliveryPreference.objects.create(user=person, mode="daily")
    due_list.items = _due_for([person])
    reminders_scan()
    with django_capture_on_commit_callbacks(execute=True):
        [digest] = digests_send(now=timezone.make_aware(dt.datetime(2024, 1, 1, 7, 0)))
    assert expected in digest.body_text and expected in digest.body_html
    assert mail.outbox[0].to == [person.email]
