"""Who may see what of the mailroom."""

from __future__ import annotations

from typing import Any

from members.permissions import is_coordinator


def can_view_outbox(user: Any) -> bool:
    return is_coordinator(user)
