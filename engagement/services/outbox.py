"""Putting emails in the outbox and moving them between statuses. Every transition is a function here."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation

from audit.services import audit_record

from ..models import EmailStatus, OutgoingEmail
from ..registry import registry
from .rendering import Preferences, RenderedContent, build_email


def chunked(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def outbox_insert(rows: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Insert rows in bulk; the unique dedupe key silently drops those that exist. Returns the rows inserted.

    Two queries whatever the number of rows: PostgreSQL takes the whole INSERT at once, and each
    row's fresh ``public_id`` tells which ones won (ignore_conflicts returns no primary keys).
    """
    if not rows:
        return []
    OutgoingEmail.objects.bulk_create(rows, ignore_conflicts=True)
    won: dict[Any, int] = {}
    # Chunks keep SQLite (the embedded default) under its bound-parameter limit; one chunk up to 10,000 rows.
    for chunk in chunked([row.public_id for row in rows], 10_000):
        won.update(OutgoingEmail.objects.filter(public_id__in=chunk).values_list("public_id", "pk"))
    inserted = []
    for row in rows:  # in the caller's order
        if row.public_id in won:
            row.pk = won[row.public_id]
            row._state.adding, row._state.db = False, "default"
            inserted.append(row)
    return inserted


def sendable_ids(rows: list[OutgoingEmail]) -> list[int]:
    return [row.pk for row in rows if row.status == EmailStatus.QUEUED and row.next_attempt_at is not None]


def outbox_queue_on_commit(email_ids: Sequence[int]) -> None:
    """After commit, hand the rows to the workers: one task per row, or batches sharing a connection."""
    if not email_ids:
        return
    from .. import tasks  # tasks are thin wrappers over these services

    ids = list(email_ids)
    if len(ids) == 1:
        transaction.on_commit(lambda: tasks.email_send.delay(ids[0]))
        return
    for chunk in chunked(ids, settings.ENGAGEMENT_SEND_BATCH_SIZE):
        transaction.on_commit(lambda chunk=list(chunk): tasks.email_send_batch.delay(chunk))


@transaction.atomic
def email_enqueue(
    *,
    kind: str,
    recipient: Any = None,
    to_email: str | None = None,
    related: Model | None = None,
    occasion: str = "",
    context: dict[str, Any] | None = None,
    language: str | None = None,
) -> OutgoingEmail | None:
    """Render one email in the recipient's language and queue it after commit.

    Returns the new row (possibly suppressed, held for a digest, or failed on a template error),
    or None when a row with the same dedupe key already exists.
    """
    spec = registry.get(kind)
    prefs = Preferences.for_users([recipient.pk] if recipient is not None else [])
    row = build_email(
        kind=spec,
        recipient=recipient,
        to_email=to_email,
        related=related,
        occasion=occasion,
        context=context,
        language=language,
        prefs=prefs,
        now=timezone.now(),
    )
    return _insert_one(row)


@transaction.atomic
def email_enqueue_rendered(
    *,
    kind: str,
    recipient: Any = None,
    to_email: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    related: Model | None = None,
    occasion: str,
) -> OutgoingEmail | None:
    """Queue an email someone else rendered (allauth's password reset, email confirmation).

    Only for mandatory kinds: the text was rendered without our unsubscribe link, so it must not be optional.
    """
    spec = registry.get(kind)
    if spec.optional:
        raise ValueError(f"email_enqueue_rendered is for mandatory kinds only; {kind!r} is optional.")
    now = timezone.now()
    row = build_email(
        kind=spec,
        recipient=recipient,
        to_email=to_email,
        related=related,
        occasion=occasion,
        context=None,
        language=getattr(recipient, "preferred_language", None) or translation.get_language(),
        prefs=Preferences(),
        now=now,
        content=RenderedContent(subject=subject, body_text=body_text, body_html=body_html),
    )
    return _insert_one(row)


def _insert_one(row: OutgoingEmail) -> OutgoingEmail | None:
    inserted = outbox_insert([row])
    if not inserted:
        return None
    outbox_queue_on_commit(sendable_ids(inserted))
    return inserted[0]


# --- transitions -------------------------------------------------------------------------------


@contextmanager
def relaxed_commits() -> Iterator[None]:
    """While sending a batch, commits don't wait for the WAL flush (PostgreSQL; a no-op elsewhere).

    Marking each row sent right after its message would otherwise cost one disk flush per email, more
    than the SMTP exchange itself. Only a crash of PostgreSQL itself can lose such a commit (the last
    fraction of a second of them); the row then stays in `sending` and the sweeper re-queues it, the
    same outcome as a worker dying between the SMTP reply and the update.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:  # the connection is reused (CONN_MAX_AGE): put it back as it was
            cursor.execute("RESET synchronous_commit")


def email_mark_sent(*, email: OutgoingEmail, claim_token: Any, now: datetime) -> bool:
    changes: dict[str, Any] = {
        "status": EmailStatus.SENT,
        "sent_at": now,
        "next_attempt_at": None,
        "last_error": "",
        "claim_token": None,
    }
    if registry.is_sensitive(email.kind):
        # Its sign-in link must not outlive the delivery in our database; the subject stays as the record.
        changes.update(body_text="", body_html="", headers={})
    with transaction.atomic() if email.is_digest else nullcontext():
        updated = OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claim_token=claim_token).update(
            **changes
        )
        if updated and email.is_digest:
            # The reminders a digest gathered were delivered with it.
            OutgoingEmail.objects.filter(digest_id=email.pk, status=EmailStatus.QUEUED).update(
                status=EmailStatus.SENT, sent_at=now
            )
    return bool(updated)


def email_mark_retry(*, email: OutgoingEmail, claim_token: Any, error: str, next_attempt_at: datetime) -> bool:
    return bool(
        OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claim_token=claim_token).update(
            status=EmailStatus.RETRY, next_attempt_at=next_attempt_at, last_error=error[:2000], claim_token=None
        )
    )


def email_mark_failed(*, email: OutgoingEmail, claim_token: Any, error: str) -> bool:
    return bool(
        OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENDING, claim_token=claim_token).update(
            status=EmailStatus.FAILED, next_attempt_at=None, last_error=error[:2000], claim_token=None
        )
    )


@transaction.atomic
def email_resend(*, emails: Sequence[OutgoingEmail], by: Any) -> int:
    """Put failed rows back in the queue (admin action). Returns how many were re-queued."""
    now = timezone.now()
    ids = [email.pk for email in emails if email.status == EmailStatus.FAILED]
    updated = OutgoingEmail.objects.filter(pk__in=ids, status=EmailStatus.FAILED).update(
        status=EmailStatus.QUEUED, attempts=0, next_attempt_at=now, claim_token=None
    )
    if updated:
        audit_record(action="engagement.email.resent", actor=by, target=None, data={"email_ids": ids})
        outbox_queue_on_commit(ids)
    return updated


__all__ = [
    "email_enqueue",
    "email_enqueue_rendered",
    "email_mark_failed",
    "email_mark_retry",
    "email_mark_sent",
    "email_resend",
    "outbox_insert",
    "outbox_queue_on_commit",
]
