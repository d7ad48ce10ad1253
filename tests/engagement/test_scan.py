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


def _hold(users, due_list, mode="daily"):
    for user in users:
        DeliveryPreference.objects.update_or_create(user=user, defaults={"mode": mode})
    due_list.items = [item for user in users for item in _due_for([user])]
    return reminders_scan(queue=False).inserted


def test_digest_suppresses_reminders_turned_off_since_they_were_held(reminder_kind, due_list, alice, bob):
    from engagement.services import preferences_update

    [alice_row, bob_row] = _hold([alice, bob], due_list)
    preferences_update(user=alice, enabled_kinds=[], mode="daily")
    [digest] = digests_send(queue=False)
    assert digest.recipient == bob
    alice_row.refresh_from_db()
    bob_row.refresh_from_db()
    assert alice_row.status == EmailStatus.SUPPRESSED and "turned this kind" in alice_row.last_error
    assert alice_row.digest_id is None and bob_row.digest_id == digest.pk


def test_digest_sends_on_their_own_the_reminders_of_people_who_chose_immediate(
    reminder_kind, due_list, alice, django_capture_on_commit_callbacks
):
    [row] = _hold([alice], due_list)
    DeliveryPreference.objects.filter(user=alice).update(mode="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        assert digests_send() == []
    row.refresh_from_db()
    assert row.status == EmailStatus.SENT and row.digest_id is None and not row.hold_for_digest
    assert [m.to for m in mail.outbox] == [[alice.email]] and mail.outbox[0].subject == row.subject


def test_digest_asks_still_due_and_suppresses_what_was_done(reminder_kind, due_list, alice, bob):
    from dataclasses import replace

    from engagement.registry import register, unregister

    asked = []

    def still_due(related, recipient):
        asked.append((related, recipient))
        return recipient != alice

    unregister(reminder_kind.key)
    register(replace(reminder_kind, still_due=still_due))
    alice_row, bob_row = _hold([alice, bob], due_list)
    [digest] = digests_send(queue=False)
    assert {(related.pk, recipient.pk) for related, recipient in asked} == {(alice.pk, alice.pk), (bob.pk, bob.pk)}
    alice_row.refresh_from_db()
    bob_row.refresh_from_db()
    assert alice_row.status == EmailStatus.SUPPRESSED and "No longer due" in alice_row.last_error
    assert digest.recipient == bob and bob_row.digest_id == digest.pk


def test_items_of_a_failed_or_suppressed_digest_wait_for_the_next_one(reminder_kind, due_list, alice, settings):
    from django.contrib.auth import get_user_model

    [row] = _hold([alice], due_list)
    # A digest that cannot be built (unusable address now) takes nothing with it.
    get_user_model().objects.filter(pk=alice.pk).update(email="not an address")
    [suppressed] = digests_send(queue=False)
    assert suppressed.status == EmailStatus.SUPPRESSED
    row.refresh_from_db()
    assert row.digest_id is None and row.status == EmailStatus.QUEUED
    # A digest that failed while sending (after linking) releases its items as well.
    get_user_model().objects.filter(pk=alice.pk).update(email=alice.email)
    tomorrow = timezone.now() + dt.timedelta(days=1)
    [queued] = digests_send(now=tomorrow, queue=False)
    row.refresh_from_db()
    assert row.digest_id == queued.pk
    OutgoingEmail.objects.filter(pk=queued.pk).update(status=EmailStatus.FAILED)
    [next_digest] = digests_send(now=tomorrow + dt.timedelta(days=1), queue=False)
    row.refresh_from_db()
    assert next_digest.status == EmailStatus.QUEUED and row.digest_id == next_digest.pk


def test_purge_then_rescan_of_the_same_occasion_sends_nothing(
    reminder_kind, due_list, alice, settings, django_capture_on_commit_callbacks
):
    from engagement.services import outbox_purge

    due_list.items = _due_for([alice])
    with django_capture_on_commit_callbacks(execute=True):
        reminders_scan()
    later = timezone.now() + dt.timedelta(days=settings.ENGAGEMENT_KEEP_SENT_DAYS + 1)
    assert outbox_purge(now=later) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_scan(now=later).inserted == []
    assert len(mail.outbox) == 1 and OutgoingEmail.objects.get().body_text == ""


@pytest.mark.parametrize("size", [5, 50])
def test_digest_query_count_does_not_grow_per_person(
    reminder_kind, due_list, people, size, django_assert_max_num_queries
):
    from dataclasses import replace

    from engagement.registry import register, unregister

    unregister(reminder_kind.key)
    register(replace(reminder_kind, still_due=lambda related, recipient: recipient.pk % 2 == 0))
    users = people(size)
    _hold(users, due_list)
    DeliveryPreference.objects.filter(user=users[0]).update(mode="immediate")
    with django_assert_max_num_queries(16):
        digests = digests_send(queue=False)
    assert 0 < len(digests) < size


def test_a_still_due_that_breaks_the_database_does_not_stop_the_digest(reminder_kind, due_list, alice):
    from dataclasses import replace

    from engagement.registry import register, unregister

    def broken(related, recipient):
        list(OutgoingEmail.objects.raw("SELECT * FROM no_such_table"))  # aborts the transaction on PostgreSQL

    unregister(reminder_kind.key)
    register(replace(reminder_kind, still_due=broken))
    [row] = _hold([alice], due_list)
    [digest] = digests_send(queue=False)
    row.refresh_from_db()
    assert digest.status == EmailStatus.QUEUED and row.digest_id == digest.pk
