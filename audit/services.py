"""Writing to the register. Call ``audit_record`` inside the transaction of the act it records."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from itertools import islice
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from .models import GENESIS_HASH, AuditEntry

# Keys whose values never belong in a permanent record.
SECRET_KEY_PATTERN = re.compile(r"pass(word)?|secret|token|key|signature|otp|totp|recovery", re.IGNORECASE)
MASK = "***"
# Any constant shared by every writer: PostgreSQL serialises appends on it for the transaction.
_CHAIN_LOCK_ID = 0x4E474E_A0D1


def mask_secrets(value: Any) -> Any:
    """Replace the values of secret-looking keys, at any depth."""
    if isinstance(value, dict):
        return {
            key: (MASK if SECRET_KEY_PATTERN.search(str(key)) else mask_secrets(item)) for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [mask_secrets(item) for item in value]
    return value


def _lock_chain() -> None:
    # Two writers must never read the same "last entry": the second waits for the first's commit.
    # SQLite serialises writers on its own.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])


def _chain_head() -> tuple[int, str]:
    """The last entry's sequence and hash, with the chain locked until this transaction ends."""
    _lock_chain()
    last = AuditEntry.objects.order_by("-sequence").values("sequence", "entry_hash").first()
    return (last["sequence"], last["entry_hash"]) if last else (0, GENESIS_HASH)


def _seal(entry: AuditEntry, *, sequence: int, prev_hash: str) -> AuditEntry:
    """Number the entry, chain it to ``prev_hash`` and hash it."""
    entry.sequence, entry.prev_hash = sequence, prev_hash
    # Hash what the database will hand back: round-trip the JSON so types compare equal on verify.
    entry.data = _json_roundtrip(mask_secrets(entry.data or {}))
    entry.entry_hash = entry.compute_hash()
    return entry


@transaction.atomic
def audit_record(
    *,
    action: str,
    actor: models.Model | None = None,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the register, chained to the one before it."""
    if not action or "." not in action:
        raise ValueError("An audit action is a namespaced code such as 'members.application.approved'.")
    sequence, prev_hash = _chain_head()
    entry = AuditEntry(
        created_at=timezone.now(),
        actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        data=data,
    )
    _seal(entry, sequence=sequence + 1, prev_hash=prev_hash).save(force_insert=True)
    return entry


@transaction.atomic
def audit_bulk_append(entries: Iterable[AuditEntry], *, batch_size: int = 2000) -> int:
    """Append unsaved entries in their order, each numbered, chained and hashed as ``audit_record`` does.

    For bulk loads (``seed_scale``): one INSERT per ``batch_size`` entries instead of one per entry.
    Returns how many were appended.
    """
    sequence, prev_hash = _chain_head()
    sealed = iter(entries)
    appended = 0
    while batch := list(islice(sealed, batch_size)):
        for entry in batch:
            sequence += 1
            prev_hash = _seal(entry, sequence=sequence, prev_hash=prev_hash).entry_hash
        AuditEntry.objects.bulk_create(batch)
        appended += len(batch)
    return appended


def _json_roundtrip(value: Any) -> Any:
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))
