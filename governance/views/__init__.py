"""Governance pages. Thin: check permission, call a selector or a service, render."""

from __future__ import annotations

from . import documents, manage, meetings, people

__all__ = ["documents", "manage", "meetings", "people"]
