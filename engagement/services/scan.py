"""The reminder scan and the digests: ask every registered kind what is due, insert the rows in bulk."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Q, Value, When
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

    def count(self, status: str) -> int:
        return sum(1 for row in self.inserted if row.status == status)


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


def digests_send(*, now: datetime | None = None, queue: bool = True) -> list[OutgoingEmail]:
    """Gather each person's held reminders into one digest email (daily; weekly people on the weekly day)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    with transaction.atomic():
        held = OutgoingEmail.objects.held_for_digest().select_related("recipient").order_by("recipient_id", "pk")
        if local.weekday() != settings.ENGAGEMENT_WEEKLY_DIGEST_WEEKDAY:
            held = held.exclude(recipient__email_delivery__mode=DeliveryMode.WEEKLY)
        by_recipient: dict[int, list[OutgoingEmail]] = defaultdict(list)
        for item in held.select_for_update(of=("self",)):
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
        links = {digest.recipient_id: digest.pk for digest in digests}
        if links:
            # One UPDATE links every gathered reminder to its digest.
            OutgoingEmail.objects.filter(Q(pk__in=[item.pk for uid in links for item in by_recipient[uid]])).update(
                digest_id=Case(*[When(recipient_id=uid, then=Value(pk)) for uid, pk in links.items()])
            )
        if queue:
            outbox_queue_on_commit([d.pk for d in digests if d.status == EmailStatus.QUEUED])
    return digests
