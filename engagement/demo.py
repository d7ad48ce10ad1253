"""Demo data for the mailroom: every registered reminder kind gets its editable rule (idempotent)."""

from __future__ import annotations

from .services import reminder_rules_ensure


def load() -> None:
    reminder_rules_ensure()
