"""Sending: claim rows with a conditional UPDATE, send them over one SMTP connection, record the outcome."""

from __future__ import annotations

import logging
import random
import smtplib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from ..models import EmailStatus, OutgoingEmail
from .outbox import (
    chunked,
    email_mark_failed,
    email_mark_retry,
    email_mark_sent,
    outbox_queue_on_commit,
    relaxed_commits,
)

logger = logging.getLogger(__name__)


@dataclass
class SendReport:
    sent: int = 0
    retry: int = 0
    failed: int = 0

    def add(self, other: SendReport) -> None:
        self.sent += other.sent
        self.retry += other.retry
        self.failed += other.failed


def classify_error(exc: BaseException) -> tuple[bool, str]:
    """(permanent?, message). SMTP 5xx is permanent; 4xx, refused connections and timeouts are temporary."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        detail = "; ".join(f"{addr}: {code} {msg!r}" for addr, (code, msg) in exc.recipients.items())
        return bool(codes) and all(500 <= code < 600 for code in codes), f"Recipient refused: {detail}"
    if isinstance(exc, smtplib.SMTPResponseException):
        message = exc.smtp_error.decode(errors="replace") if isinstance(exc.smtp_error, bytes) else exc.smtp_error
        return 500 <= exc.smtp_code < 600, f"SMTP {exc.smtp_code}: {message}"
    return False, f"{exc.__class__.__name__}: {exc}"


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff with jitter, always below the broker's visibility timeout.

    A countdown longer than the visibility timeout would make Redis hand the task to a second worker.
    """
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    cap = min(settings.ENGAGEMENT_RETRY_MAX_SECONDS, visibility * 0.9)
    base = min(settings.ENGAGEMENT_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), cap)
    return timedelta(seconds=base * random.uniform(0.5, 1.0))  # noqa: S311 - jitter, not cryptography


def email_claim(*, email_ids: Sequence[int], now: datetime) -> tuple[uuid.UUID, list[OutgoingEmail]]:
    """Claim the rows still waiting: one conditional UPDATE, so two workers can never both hold a row."""
    token = uuid.uuid4()
    OutgoingEmail.objects.claimable(now=now).filter(pk__in=list(email_ids)).update(
        status=EmailStatus.SENDING, claimed_at=now, claim_token=token, attempts=F("attempts") + 1
    )
    return token, list(OutgoingEmail.objects.filter(claim_token=token).order_by("pk"))


def _message(email: OutgoingEmail, smtp) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to_email],
        headers=email.headers or None,
        connection=smtp,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    return message


def _record_failure(
    email: OutgoingEmail, token: uuid.UUID, exc: BaseException, report: SendReport, *, temporary: bool = False
) -> None:
    permanent, error = classify_error(exc)
    if temporary:
        permanent = False  # an error about the server (not this message) is always worth retrying
    if permanent or email.attempts >= settings.ENGAGEMENT_MAX_ATTEMPTS:
        email_mark_failed(email=email, claim_token=token, error=error)
        report.failed += 1
        logger.warning("engagement: email %s failed: %s", email.pk, error)
        return
    delay = retry_delay(email.attempts)
    if email_mark_retry(email=email, claim_token=token, error=error, next_attempt_at=timezone.now() + delay):
        report.retry += 1
        from .. import tasks

        countdown = delay.total_seconds()
        transaction.on_commit(lambda: tasks.email_send.apply_async(args=[email.pk], countdown=countdown))


# The server or the network is gone (refused, reset, timed out, disconnected): the rest of the batch would
# fail the same way, so it stops there.
CONNECTION_ERRORS = (OSError, smtplib.SMTPServerDisconnected)


def _release(emails: Sequence[OutgoingEmail], token: uuid.UUID, *, reason: str, delay: timedelta) -> None:
    """Give claimed rows that were never tried back to the queue, without counting an attempt for them.

    They wait as long as the row that met the outage, so a down server is not hammered by the whole batch.
    """
    ids = [email.pk for email in emails]
    if not ids:
        return
    next_attempt_at = timezone.now() + delay
    OutgoingEmail.objects.filter(pk__in=ids, status=EmailStatus.SENDING, claim_token=token).update(
        status=EmailStatus.RETRY,
        next_attempt_at=next_attempt_at,
        claim_token=None,
        attempts=Greatest(F("attempts") - 1, 0),  # the claim counted an attempt that never happened
        last_error=reason,
    )
    from .. import tasks

    countdown = delay.total_seconds()
    for chunk in chunked(ids, settings.ENGAGEMENT_SEND_BATCH_SIZE):
        transaction.on_commit(
            lambda chunk=list(chunk): tasks.email_send_batch.apply_async(args=[chunk], countdown=countdown)
        )


def _outage(emails: list[OutgoingEmail], index: int, token: uuid.UUID, exc: BaseException, report: SendReport) -> None:
    """Row ``index`` met a connection-level error: it retries (its attempt counts), the rest are released."""
    _record_failure(emails[index], token, exc, report, temporary=True)
    _release(
        emails[index + 1 :],
        token,
        reason=f"Not tried: the batch stopped when the SMTP connection failed ({exc.__class__.__name__}).",
        delay=retry_delay(emails[index].attempts),
    )


def _send_each(smtp, emails: list[OutgoingEmail], token: uuid.UUID, report: SendReport, cursor: list[int]) -> None:
    """Send the claimed rows in order; ``cursor[0]`` tells the caller which row is in flight."""
    for index, email in enumerate(emails):
        cursor[0] = index
        try:
            smtp.send_messages([_message(email, smtp)])
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
            # The server answered; the connection is still usable for the next message.
            _record_failure(email, token, exc, report)
        except CONNECTION_ERRORS as exc:
            _outage(emails, index, token, exc, report)
            return
        except smtplib.SMTPException as exc:
            # Something about this message (e.g. SMTPUTF8 not supported): start afresh for the next one.
            _record_failure(email, token, exc, report)
            smtp.close()
        else:
            if email_mark_sent(email=email, claim_token=token, now=timezone.now()):
                report.sent += 1


def email_send_batch(*, outgoing_email_ids: Sequence[int]) -> SendReport:
    """Claim and send these rows over ONE SMTP connection. Rows already claimed or final are skipped.

    A connection-level failure stops the batch: the row that met it retries later, and the rows not yet
    tried go back to the queue with their attempt uncounted, so an outage never uses up their attempts.
    """
    report = SendReport()
    token, emails = email_claim(email_ids=outgoing_email_ids, now=timezone.now())
    if not emails:
        return report
    smtp = get_connection(fail_silently=False)
    cursor = [0]  # the row in flight
    try:
        try:
            smtp.open()
        except (OSError, smtplib.SMTPException) as exc:
            _outage(emails, 0, token, exc, report)
            return report
        with relaxed_commits():
            _send_each(smtp, emails, token, report, cursor)
    except SoftTimeLimitExceeded as exc:
        # Celery's soft time limit: the row in flight retries, the untried rest go back, and the task ends.
        # A row already marked sent stays sent (the status changes only move rows still in `sending`).
        _outage(emails, cursor[0], token, exc, report)
        raise
    finally:
        smtp.close()
    return report


def email_send(*, outgoing_email_id: int) -> SendReport:
    return email_send_batch(outgoing_email_ids=[outgoing_email_id])


def emails_send_due(*, now: datetime | None = None, limit: int | None = None) -> SendReport:
    """Send, here and now, every row whose time has come (run_reminders; the embedded default has no worker)."""
    now = now or timezone.now()
    ids = list(OutgoingEmail.objects.claimable(now=now).order_by("pk").values_list("pk", flat=True)[:limit])
    report = SendReport()
    for chunk in chunked(ids, settings.ENGAGEMENT_SEND_BATCH_SIZE):
        report.add(email_send_batch(outgoing_email_ids=chunk))
    return report


def outbox_sweep(*, now: datetime | None = None, limit: int = 5000) -> int:
    """Re-queue rows left in `sending` too long (a worker died), and rows whose queue message was lost."""
    now = now or timezone.now()
    stuck_after = timedelta(seconds=settings.ENGAGEMENT_STUCK_AFTER_SECONDS)
    stuck = OutgoingEmail.objects.stuck(now=now, after=stuck_after)
    # A row that keeps dying with its worker (it was claimed that many times) stops here, for an admin to see.
    stuck.filter(attempts__gte=settings.ENGAGEMENT_MAX_ATTEMPTS).update(
        status=EmailStatus.FAILED,
        next_attempt_at=None,
        claim_token=None,
        last_error="Stayed in 'sending' too long on its last attempt (did the worker die on it?).",
    )
    stuck_ids = list(stuck.values_list("pk", flat=True)[:limit])
    OutgoingEmail.objects.filter(pk__in=stuck_ids).stuck(now=now, after=stuck_after).update(
        status=EmailStatus.RETRY,
        next_attempt_at=now,
        claim_token=None,
        last_error="Re-queued by the sweeper: it stayed in 'sending' too long.",
    )
    # The database is the record: a due row nobody picked up (broker restarted, message lost) is queued again.
    lagging_ids = list(
        OutgoingEmail.objects.claimable(now=now - stuck_after)
        .exclude(pk__in=stuck_ids)
        .values_list("pk", flat=True)[:limit]
    )
    outbox_queue_on_commit([*stuck_ids, *lagging_ids])
    return len(stuck_ids) + len(lagging_ids)


def outbox_purge(*, now: datetime | None = None) -> int:
    """Retention: strip sent rows older than ENGAGEMENT_KEEP_SENT_DAYS down to a tombstone. Returns how many.

    The row itself stays: its dedupe key is what stops an old occasion from being sent again. What is
    dropped is the content and the address (status, kind, recipient, related object and times remain).
    """
    now = now or timezone.now()
    expired = OutgoingEmail.objects.expired(now=now, keep_days=settings.ENGAGEMENT_KEEP_SENT_DAYS)
    # Rows already stripped by an earlier run are left alone, so a daily run only touches the new ones.
    with_content = ~Q(subject="") | ~Q(body_text="") | ~Q(body_html="") | ~Q(to_email="") | ~Q(headers={})
    return expired.filter(with_content).update(
        subject="", body_text="", body_html="", headers={}, to_email="", last_error=""
    )
