"""Sending over a real SMTP server on localhost (aiosmtpd), against PostgreSQL. No mocks."""

from __future__ import annotations

import datetime as dt
import signal
import threading

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection
from django.utils import timezone

from engagement.models import EmailStatus, OutgoingEmail
from engagement.services import email_send, email_send_batch, outbox_purge, outbox_sweep
from engagement.services.outbox import outbox_insert
from engagement.services.rendering import Preferences, build_email
from engagement.services.sending import retry_delay
from tests.factories import UserFactory

from .smtp import SmtpServer


def _queue(kind, users, occasion="o"):
    """Rendered, queued rows that nobody has been asked to send yet: the test decides when."""
    now = timezone.now()
    rows = [
        build_email(
            kind=kind,
            recipient=user,
            to_email=None,
            related=None,
            occasion=occasion,
            context={"message": "m"},
            language=None,
            prefs=Preferences(),
            now=now,
        )
        for user in users
    ]
    return outbox_insert(rows)


@pytest.mark.django_db
def test_batch_sends_each_row_once_and_marks_it_sent(mandatory_kind, smtp_server, people):
    rows = _queue(mandatory_kind, people(3))
    report = email_send_batch(outgoing_email_ids=[row.pk for row in rows])
    again = email_send_batch(outgoing_email_ids=[row.pk for row in rows])
    assert (report.sent, again.sent) == (3, 0)
    assert smtp_server.handler.greetings == 1  # one SMTP connection for the whole batch
    assert sorted(smtp_server.handler.recipients()) == sorted(row.to_email for row in rows)
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}


@pytest.mark.django_db
def test_smtp_451_retries_later_and_550_fails_at_once(mandatory_kind, smtp_server, settings):
    busy = UserFactory(email="busy@ngn.example")
    gone = UserFactory(email="gone@ngn.example")
    fine = UserFactory(email="fine@ngn.example")
    smtp_server.handler.replies = {
        "busy@ngn.example": "451 4.3.0 Mailbox busy, try again later",
        "gone@ngn.example": "550 5.1.1 No such user",
    }
    rows = {row.to_email: row for row in _queue(mandatory_kind, [busy, gone, fine])}
    before = timezone.now()
    report = email_send_batch(outgoing_email_ids=[row.pk for row in rows.values()])
    assert (report.sent, report.retry, report.failed) == (1, 1, 1)
    assert smtp_server.handler.recipients() == ["fine@ngn.example"]  # the connection survived both refusals

    retry = OutgoingEmail.objects.get(pk=rows["busy@ngn.example"].pk)
    assert retry.status == EmailStatus.RETRY and retry.attempts == 1
    assert retry.next_attempt_at > before and "451" in retry.last_error

    failed = OutgoingEmail.objects.get(pk=rows["gone@ngn.example"].pk)
    assert failed.status == EmailStatus.FAILED and "550" in failed.last_error and failed.next_attempt_at is None

    # Not due yet: a send now does nothing; once due it goes; the failed row never does.
    assert email_send(outgoing_email_id=retry.pk).sent == 0
    OutgoingEmail.objects.filter(pk=retry.pk).update(next_attempt_at=timezone.now())
    smtp_server.handler.replies = {"gone@ngn.example": "550 5.1.1 No such user"}
    assert email_send(outgoing_email_id=retry.pk).sent == 1
    assert email_send(outgoing_email_id=failed.pk).sent == 0
    assert sorted(smtp_server.handler.recipients()) == ["busy@ngn.example", "fine@ngn.example"]


@pytest.mark.django_db
def test_too_many_temporary_failures_end_in_failed(mandatory_kind, smtp_server, settings):
    settings.ENGAGEMENT_MAX_ATTEMPTS = 2
    smtp_server.handler.replies = {"busy@ngn.example": "451 4.3.0 later"}
    [row] = _queue(mandatory_kind, [UserFactory(email="busy@ngn.example")])
    email_send(outgoing_email_id=row.pk)
    OutgoingEmail.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    email_send(outgoing_email_id=row.pk)
    row.refresh_from_db()
    assert (row.status, row.attempts) == (EmailStatus.FAILED, 2)


@pytest.mark.django_db
def test_connection_refused_is_temporary(mandatory_kind, settings, alice):
    with SmtpServer() as server:
        port = server.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    [row] = _queue(mandatory_kind, [alice])
    assert email_send(outgoing_email_id=row.pk).retry == 1
    row.refresh_from_db()
    assert row.status == EmailStatus.RETRY and "ConnectionRefused" in row.last_error


@pytest.mark.parametrize("attempts", range(1, 20))
def test_retry_delay_grows_and_stays_below_the_visibility_timeout(settings, attempts):
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
    settings.ENGAGEMENT_RETRY_MAX_SECONDS = 10_000
    delays = [retry_delay(attempts).total_seconds() for _ in range(20)]
    assert all(0 < delay < 600 for delay in delays)
    assert len(set(delays)) > 1  # jitter
    if attempts <= 2:
        assert max(delays) <= settings.ENGAGEMENT_RETRY_BASE_SECONDS * 2**attempts


@pytest.mark.django_db(transaction=True)
def test_two_workers_on_the_same_row_send_one_email(mandatory_kind, smtp_server, people):
    rows = _queue(mandatory_kind, people(20))
    ids = [row.pk for row in rows]
    barrier = threading.Barrier(2)
    reports = []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            reports.append(email_send_batch(outgoing_email_ids=ids))
        finally:
            connection.close()  # each thread has its own PostgreSQL connection

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(report.sent for report in reports) == 20
    recipients = smtp_server.handler.recipients()
    assert len(recipients) == 20 and len(set(recipients)) == 20


@pytest.mark.django_db
def test_sweeper_requeues_rows_stuck_in_sending(
    mandatory_kind, smtp_server, alice, bob, settings, django_capture_on_commit_callbacks
):
    stuck, fresh = _queue(mandatory_kind, [alice, bob])
    long_ago = timezone.now() - dt.timedelta(seconds=settings.ENGAGEMENT_STUCK_AFTER_SECONDS + 60)
    OutgoingEmail.objects.filter(pk=stuck.pk).update(status=EmailStatus.SENDING, claimed_at=long_ago, attempts=1)
    OutgoingEmail.objects.filter(pk=fresh.pk).update(status=EmailStatus.SENDING, claimed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep() == 1
    stuck.refresh_from_db()
    fresh.refresh_from_db()
    assert stuck.status == EmailStatus.SENT and fresh.status == EmailStatus.SENDING
    assert smtp_server.handler.recipients() == [alice.email]


@pytest.mark.django_db
def test_sweeper_gives_up_on_a_row_that_keeps_killing_its_worker(mandatory_kind, alice, settings):
    [row] = _queue(mandatory_kind, [alice])
    long_ago = timezone.now() - dt.timedelta(seconds=settings.ENGAGEMENT_STUCK_AFTER_SECONDS + 60)
    OutgoingEmail.objects.filter(pk=row.pk).update(
        status=EmailStatus.SENDING, claimed_at=long_ago, attempts=settings.ENGAGEMENT_MAX_ATTEMPTS
    )
    assert outbox_sweep() == 0
    row.refresh_from_db()
    assert row.status == EmailStatus.FAILED and "sending" in row.last_error


@pytest.mark.django_db
def test_retention_keeps_a_tombstone_of_old_sent_rows(mandatory_kind, people, settings):
    old_sent, new_sent, old_failed = _queue(mandatory_kind, people(3))
    now = timezone.now()
    old = now - dt.timedelta(days=settings.ENGAGEMENT_KEEP_SENT_DAYS + 1)
    OutgoingEmail.objects.filter(pk=old_sent.pk).update(status=EmailStatus.SENT, sent_at=old, headers={"X-A": "1"})
    OutgoingEmail.objects.filter(pk=new_sent.pk).update(status=EmailStatus.SENT, sent_at=now)
    OutgoingEmail.objects.filter(pk=old_failed.pk).update(status=EmailStatus.FAILED, created_at=old)
    assert outbox_purge() == 1
    assert outbox_purge() == 0  # a second run finds nothing left to strip
    assert OutgoingEmail.objects.count() == 3
    tomb = OutgoingEmail.objects.get(pk=old_sent.pk)
    assert (tomb.subject, tomb.body_text, tomb.body_html, tomb.headers, tomb.to_email) == ("", "", "", {}, "")
    # What dedupes and what the record needs stays.
    assert (tomb.dedupe_key, tomb.status, tomb.kind, tomb.recipient_id, tomb.sent_at) == (
        old_sent.dedupe_key,
        EmailStatus.SENT,
        mandatory_kind.key,
        old_sent.recipient_id,
        old,
    )
    for untouched in (new_sent, old_failed):
        untouched.refresh_from_db()
        assert untouched.body_text and untouched.to_email


def _assert_released(row, *, attempts: int = 0) -> None:
    """Not tried: back in the queue, later, with its attempt not counted."""
    row.refresh_from_db()
    assert row.status == EmailStatus.RETRY and row.attempts == attempts
    assert row.claim_token is None and row.next_attempt_at > timezone.now()
    assert "Not tried" in row.last_error


@pytest.mark.django_db
def test_server_dropping_mid_batch_stops_the_batch_without_using_the_others_attempts(
    mandatory_kind, smtp_server, people, django_capture_on_commit_callbacks
):
    users = people(4)
    first, dropped, *untried = _queue(mandatory_kind, users)
    smtp_server.handler.drop_on = {users[1].email.lower()}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = email_send_batch(outgoing_email_ids=[first.pk, dropped.pk, *(row.pk for row in untried)])
    assert (report.sent, report.retry, report.failed) == (1, 1, 0)
    # Stopped at the outage: no reconnection, no message for the untried rows.
    assert smtp_server.handler.greetings == 1 and smtp_server.handler.recipients() == [users[0].email]
    dropped.refresh_from_db()
    assert dropped.status == EmailStatus.RETRY and dropped.attempts == 1
    assert "SMTPServerDisconnected" in dropped.last_error
    for row in untried:
        _assert_released(row)
    assert len(callbacks) == 2  # the dropped row's retry and one batch for the released rows
    # Once due, the released rows go normally and count their first attempt.
    OutgoingEmail.objects.filter(status=EmailStatus.RETRY).update(next_attempt_at=timezone.now())
    smtp_server.handler.drop_on = set()
    assert email_send_batch(outgoing_email_ids=[dropped.pk, *(row.pk for row in untried)]).sent == 3
    assert set(OutgoingEmail.objects.filter(pk__in=[r.pk for r in untried]).values_list("attempts", flat=True)) == {1}


@pytest.mark.django_db
def test_nothing_listening_counts_one_attempt_for_the_whole_batch(mandatory_kind, settings, people):
    with SmtpServer() as server:
        port = server.port  # stopped on exit: nothing listens there any more
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    first, *untried = _queue(mandatory_kind, people(3))
    report = email_send_batch(outgoing_email_ids=[first.pk, *(row.pk for row in untried)])
    assert (report.sent, report.retry, report.failed) == (0, 1, 0)
    first.refresh_from_db()
    assert first.status == EmailStatus.RETRY and first.attempts == 1 and "ConnectionRefused" in first.last_error
    for row in untried:
        _assert_released(row)


@pytest.mark.django_db
def test_soft_time_limit_releases_the_untried_rows(mandatory_kind, smtp_server, people):
    """Celery's soft limit arrives as SIGUSR1 raising SoftTimeLimitExceeded; here the SMTP server sends it."""
    users = people(4)
    first, in_flight, *untried = _queue(mandatory_kind, users)
    main = threading.main_thread().ident

    def soft_limit(signum, frame):
        raise SoftTimeLimitExceeded()

    def on_data(address: str) -> None:
        if address == users[1].email.lower():
            signal.pthread_kill(main, signal.SIGUSR1)

    previous = signal.signal(signal.SIGUSR1, soft_limit)
    smtp_server.handler.on_data = on_data
    try:
        with pytest.raises(SoftTimeLimitExceeded):
            email_send_batch(outgoing_email_ids=[first.pk, in_flight.pk, *(row.pk for row in untried)])
    finally:
        signal.signal(signal.SIGUSR1, previous)
    first.refresh_from_db()
    in_flight.refresh_from_db()
    assert first.status == EmailStatus.SENT
    assert in_flight.status == EmailStatus.RETRY and in_flight.attempts == 1
    for row in untried:
        _assert_released(row)
    assert not OutgoingEmail.objects.filter(status=EmailStatus.SENDING).exists()
