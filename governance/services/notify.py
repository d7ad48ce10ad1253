"""The one door from governance to the mailroom."""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from engagement.services import email_enqueue
from members.models import User


def notify(*, kind: str, recipient: User, related: Model, occasion: str, context: dict[str, Any]) -> None:
    # email_enqueue writes the outbox row in our transaction and sends only after it commits;
    # the dedupe key makes a repeated call harmless.
    email_enqueue(kind=kind, recipient=recipient, related=related, occasion=occasion, context=context)
