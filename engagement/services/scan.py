"""The reminder scan and the digests: ask every registered kind what is due, insert the rows in bulk."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Case, Q, Value, When, prefetch_related_objects
from django.utils import timezone

from ..models import DeliveryMode, EmailStatus, OutgoingEmail, ReminderRule
from ..models.outbox import DIGEST_KIND
from ..registry import Due, ReminderKind, registry
from .outbox import outbox_insert, outbox_queue_on_commit, sendable_ids
from .rendering import Preferences, build_email

logger = logging.getLogger(__name__)


@dataclass
class ScanResult:
    inserted: list[OutgoingEmail] = field(default_factory=list)
    due: int = 0
    kinds_failed: list[str] = field(default_factory=list)

    @property
    def to_send(self) -> list[int]:
        return sendable_ids(self.inserted)


def reminder_rules_ensure() -> dict[str, ReminderRule]:
    """The live rule of every registered reminder kind, creating missing ones from the kind's default."""
    kinds = registry.reminder_kinds()
    rules = {rule.kind: rule for rule in ReminderRule.objects.filter(kind__in=[kind.key for kind in kinds])}
    missing = [ReminderRule.from_default(kind) for kind in kinds if kind.key not in rules]
    if missing:
        ReminderRule.objects.bulk_create(missing, ignore_conflicts=True)
        rules.update({rule.kind: rule for rule in ReminderRule.objects.filter(kind__in=[r.kind for r in missing])})
    return rules


def _collect_due(kind: ReminderKind, now: datetime, rule: ReminderRule) -> list[Due] | None:
    try:
        with transaction.atomic():  # a savepoint: a failed query must not abort the scan's transaction
            return list(kind.due(now, rule.as_rule()))
    except Exception:
        logger.exception("engagement: the due() of %s failed; its reminders are skipped this scan", kind.key)
        return None


def _build_rows(kind: ReminderKind, dues: list[Due], prefs: Preferences, now: datetime) -> list[OutgoingEmail]:
    return [
        build_email(
            kind=kind,
            recipient=due.recipient,
            to_email=due.to_email,
            related=due.related,
            occasion=due.occasion,
            context=due.context,
            language=due.language,
            prefs=prefs,
            now=now,
        )
        for due in dues
    ]


def reminders_scan(
    *, now: datetime | None = None, queue: bool = True, kinds: Collection[str] | None = None
) -> ScanResult:
    """One scan: rows for everything due, inserted at once; sends queued after commit (``queue=False``: not).

    ``kinds`` limits the scan to some registered kinds (``run_reminders --kind``).
    """
    now = now or timezone.now()
    result = ScanResult()
    with transaction.atomic():
        rules = reminder_rules_ensure()
        wanted: list[tuple[ReminderKind, list[Due]]] = []
        for kind in registry.reminder_kinds():
            if kinds is not None and kind.key not in kinds:
                continue
            rule = rules[kind.key]
            if not rule.enabled:
                continue
            dues = _collect_due(kind, now, rule)
            if dues is None:
                result.kinds_failed.append(kind.key)
                continue
            wanted.append((kind, dues))
        result.due = sum(len(dues) for _kind, dues in wanted)
        prefs = Preferences.for_users(
            getattr(due.recipient, "pk", None) for _kind, dues in wanted for due in dues if due.recipient is not None
        )
        rows: list[OutgoingEmail] = []
        for kind, dues in wanted:
            try:
                rows.extend(_build_rows(kind, dues, prefs, now))
            except (AttributeError, TypeError, ValueError):
                # A due() that hands over something other than Due(recipient=User, ...) is that app's bug.
                logger.exception("engagement: the due items of %s are malformed; skipped this scan", kind.key)
                result.kinds_failed.append(kind.key)
        result.inserted = outbox_insert(rows)
        if queue:
            outbox_queue_on_commit(result.to_send)
    return result


# Why a held reminder is dropped when the digest gathers it (recorded in last_error).
GONE = "Recipient account was deleted or deactivated before the digest."
TURNED_OFF = "Recipient turned this kind of email off before the digest."
NOT_DUE = "No longer due when the digest was gathered."
SEND_NOW = "immediate"  # the person chose immediate delivery meanwhile: the reminder goes on its own


def _held_verdict(item: OutgoingEmail, prefs: Preferences, *, ask_still_due: bool = True) -> str:
    """Ask again, at digest time, whether a held reminder is still wanted.

    "" keeps it in the digest; SEND_NOW releases it for immediate sending; anything else is the reason to
    suppress it. Preferences may have changed since the scan held it.
    """
    recipient = item.recipient
    if recipient is None or not recipient.is_active:
        return GONE
    kind = registry.get(item.kind) if item.kind in registry else None
    if kind is not None and kind.optional and not prefs.allows(recipient.pk, kind.key):
        return TURNED_OFF
    if ask_still_due and isinstance(kind, ReminderKind) and kind.still_due is not None:
        try:
            still_due = kind.still_due(item.related, recipient)
        except DatabaseError:
            raise  # the transaction is aborted: _recheck_held starts over without asking
        except Exception:
            logger.exception("engagement: still_due() of %s failed; the reminder stays in the digest", kind.key)
            still_due = True
        if not still_due:
            return NOT_DUE
    if prefs.mode(recipient.pk) == DeliveryMode.IMMEDIATE:
        return SEND_NOW
    return ""


def _verdicts(
    items: list[OutgoingEmail], prefs: Preferences, *, ask_still_due: bool
) -> tuple[dict[str, list[int]], list[OutgoingEmail]]:
    """(ids by verdict for the items leaving the digest, the items staying in it)."""
    verdicts: dict[str, list[int]] = defaultdict(list)
    keep = []
    for item in items:
        verdict = _held_verdict(item, prefs, ask_still_due=ask_still_due)
        if verdict:
            verdicts[verdict].append(item.pk)
        else:
            keep.append(item)
    return verdicts, keep


def _recheck_held(items: list[OutgoingEmail], *, now: datetime, queue: bool) -> list[OutgoingEmail]:
    """Suppress or release the held reminders no longer wanted in a digest; returns those that are."""
    checked = [kind.key for kind in registry.reminder_kinds() if kind.still_due is not None]
    # Only the rows whose kind asks still_due() need their related object: one query per related model.
    prefetch_related_objects([item for item in items if item.kind in checked], "related")
    prefs = Preferences.for_users({item.recipient_id for item in items})
    try:
        # One savepoint for every still_due() call (not one each: that would be two queries per reminder).
        with transaction.atomic():
            verdicts, keep = _verdicts(items, prefs, ask_still_due=True)
    except DatabaseError:
        logger.exception("engagement: a still_due() query failed; this digest does not ask still_due()")
        verdicts, keep = _verdicts(items, prefs, ask_still_due=False)
    for verdict, ids in verdicts.items():
        if verdict == SEND_NOW:
            OutgoingEmail.objects.filter(pk__in=ids).update(hold_for_digest=False, digest=None, next_attempt_at=now)
            if queue:
                outbox_queue_on_commit(ids)
        else:
            OutgoingEmail.objects.filter(pk__in=ids).update(
                status=EmailStatus.SUPPRESSED, last_error=verdict, next_attempt_at=None
            )
    return keep


def digests_send(*, now: datetime | None = None, queue: bool = True) -> list[OutgoingEmail]:
    """Gather each person's held reminders into one digest email (daily; weekly people on the weekly day).

    Each held reminder is checked again first: turned off or no longer due -> suppressed; the person
    switched to immediate delivery -> sent on its own.
    """
    now = now or timezone.now()
    local = timezone.localtime(now)
    with transaction.atomic():
        held = OutgoingEmail.objects.held_for_digest().select_related("recipient").order_by("recipient_id", "pk")
        if local.weekday() != settings.ENGAGEMENT_WEEKLY_DIGEST_WEEKDAY:
            held = held.exclude(recipient__email_delivery__mode=DeliveryMode.WEEKLY)
        items = _recheck_held(list(held.select_for_update(of=("self",))), now=now, queue=queue)
        by_recipient: dict[int, list[OutgoingEmail]] = defaultdict(list)
        for item in items:
            by_recipient[item.recipient_id].append(item)
        if not by_recipient:
            return []
        kind = registry.get(DIGEST_KIND)
        rows = [
            build_email(
                kind=kind,
                recipient=items[0].recipient,
                to_email=None,
                related=None,
                occasion=f"digest-{local:%Y-%m-%d}",
                context={"items": items, "count": len(items), "date": local.date()},
                language=None,
                prefs=Preferences(),
                now=now,
            )
            for items in by_recipient.values()
        ]
        digests = outbox_insert(rows)
        # Only a digest that will be sent takes its items; those of a suppressed or failed one (a broken
        # template, an unusable address) stay held for the next digest.
        links = {digest.recipient_id: digest.pk for digest in digests if digest.status == EmailStatus.QUEUED}
        if links:
            # One UPDATE links every gathered reminder to its digest.
            OutgoingEmail.objects.filter(Q(pk__in=[item.pk for uid in links for item in by_recipient[uid]])).update(
                digest_id=Case(*[When(recipient_id=uid, then=Value(pk)) for uid, pk in links.items()])
            )
        if queue:
            outbox_queue_on_commit(list(links.values()))
    return digests
