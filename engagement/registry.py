"""The reminder registry: what kinds of email exist and, for reminders, who is due. API stable.

Each domain app declares its kinds in ``<app>/reminders.py`` and calls :func:`register`, the way
``admin.py`` registers with the admin site; ``EngagementConfig.ready()`` imports every such module.
The mailroom knows no domain app: it only asks each registered :class:`ReminderKind` for its
:class:`Due` items and turns them into outbox rows.

API stable: ``EmailKind``, ``ReminderKind``, ``ReminderRule``, ``Due``, ``register``, ``registry``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.utils.functional import Promise

KIND_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
KIND_KEY_MAX_LENGTH = 100


@dataclass(frozen=True)
class ReminderRule:
    """When a reminder fires, relative to its reference date (e.g. a due date).

    ``lead_days`` are days BEFORE the reference date; ``repeat_every_days`` repeats AFTER it while
    the thing is still due (``None``: no repeat). Coordinators edit the live values in the admin.
    """

    lead_days: tuple[int, ...] = ()
    repeat_every_days: int | None = None

    def __post_init__(self) -> None:
        if any(day < 0 for day in self.lead_days):
            raise ValueError("lead_days must be zero or positive")
        if self.repeat_every_days is not None and self.repeat_every_days < 1:
            raise ValueError("repeat_every_days must be at least 1 (or None)")


@dataclass(frozen=True)
class Due:
    """One intended send: who, about what, and the occasion that makes it unique.

    The dedupe key is ``kind:object:recipient:occasion``; the same occasion on a second scan sends nothing.
    """

    recipient: Any  # members.User (engagement knows no domain model, so it is not imported here)
    related: Model | None
    occasion: str
    context: dict[str, Any] = field(default_factory=dict)
    # Optional: an address for someone without an account, and their language.
    to_email: str | None = None
    language: str | None = None


@dataclass(frozen=True, kw_only=True)
class EmailKind:
    """A kind of email. Templates: ``<template_prefix>-subject.txt``, ``-body.txt``, ``-body.html``.

    ``optional=True`` kinds can be turned off by each person and carry an unsubscribe link;
    mandatory kinds (``optional=False``: security notices, decisions about you) ignore preferences.
    ``sensitive=True`` kinds carry a sign-in link (password reset, invitation): the admin never shows
    their content, and their bodies are blanked once sent, so neither a coordinator nor a database
    reader can use the link.
    """

    key: str
    label: str | Promise
    template_prefix: str
    optional: bool = True
    sensitive: bool = False

    def __post_init__(self) -> None:
        if len(self.key) > KIND_KEY_MAX_LENGTH or not KIND_KEY_RE.match(self.key):
            raise ImproperlyConfigured(f"Email kind key {self.key!r} must look like 'app.kind_name'.")

    @property
    def is_reminder(self) -> bool:
        return False


DueFunction = Callable[[datetime, ReminderRule], Iterable[Due]]
# still_due(related, recipient) -> bool: asked again when a held reminder is gathered into a digest.
StillDueFunction = Callable[[Model | None, Any], bool]


@dataclass(frozen=True, kw_only=True)
class ReminderKind(EmailKind):
    """A kind the scan asks for due items: ``due(now, rule) -> Iterable[Due]`` in a bounded number of queries.

    ``still_due(related, recipient) -> bool`` (optional) is asked when a reminder held for a digest is
    gathered: False suppresses it (the activity was done meanwhile). ``related`` is None if it was deleted.
    """

    default_rule: ReminderRule = field(default_factory=ReminderRule)
    due: DueFunction
    still_due: StillDueFunction | None = None

    @property
    def is_reminder(self) -> bool:
        return True


class Registry:
    """Every registered kind, by key. One instance, :data:`registry`."""

    def __init__(self) -> None:
        self._kinds: dict[str, EmailKind] = {}

    def register(self, kind: EmailKind) -> EmailKind:
        existing = self._kinds.get(kind.key)
        if existing is not None and existing != kind:
            raise ImproperlyConfigured(f"Email kind {kind.key!r} is registered twice with different settings.")
        self._kinds[kind.key] = kind
        return kind

    def unregister(self, key: str) -> None:
        self._kinds.pop(key, None)

    def get(self, key: str) -> EmailKind:
        try:
            return self._kinds[key]
        except KeyError:
            raise ImproperlyConfigured(
                f"Unknown email kind {key!r}: register it in <app>/reminders.py (registered: {sorted(self._kinds)})"
            ) from None

    def __contains__(self, key: object) -> bool:
        return key in self._kinds

    def is_sensitive(self, key: str) -> bool:
        """Whether rows of this kind must never show their content. Unknown kinds count as sensitive (fail closed)."""
        kind = self._kinds.get(key)
        return kind is None or kind.sensitive

    def kinds(self) -> list[EmailKind]:
        return sorted(self._kinds.values(), key=lambda kind: kind.key)

    def reminder_kinds(self) -> list[ReminderKind]:
        return [kind for kind in self.kinds() if isinstance(kind, ReminderKind)]

    def optional_kinds(self) -> list[EmailKind]:
        return [kind for kind in self.kinds() if kind.optional]

    def choices(self) -> list[tuple[str, str]]:
        return [(kind.key, str(kind.label)) for kind in self.kinds()]


registry = Registry()


def register(kind: EmailKind) -> EmailKind:
    """Register a kind (call it at import time of ``<app>/reminders.py``). Returns the kind."""
    return registry.register(kind)


def unregister(key: str) -> None:
    registry.unregister(key)


def autodiscover() -> None:
    """Import every installed app's ``reminders`` module (engagement's own included)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("reminders")
