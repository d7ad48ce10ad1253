"""The register's part of a person's data download: what they did, as action codes and times."""

from __future__ import annotations

from typing import Any

from members.models import User

from .models import AuditEntry


def export(user: User) -> dict[str, Any]:
    """One query. Only the person's own acts: entries about them written by others stay with coordinators."""
    return {
        "entries": list(
            AuditEntry.objects.filter(actor=user).in_chain_order().values("sequence", "action", "created_at")
        )
    }
