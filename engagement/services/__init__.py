"""The mailroom's services. API stable: ``email_enqueue`` and ``email_enqueue_rendered``.

``email_enqueue(*, kind, recipient=None, to_email=None, related=None, occasion="", context=None, language=None)``
renders one email in the recipient's language and queues it after commit; it returns the OutgoingEmail, or
None when that dedupe key (``kind:object:recipient:occasion``) already exists.

``email_enqueue_rendered(*, kind, recipient=None, to_email, subject, body_text, body_html="", related=None,
occasion)`` queues an email that was rendered elsewhere (allauth), for mandatory kinds only.
"""

from __future__ import annotations

from .outbox import email_enqueue, email_enqueue_rendered, email_resend
from .preferences import (
    UnsubscribeError,
    email_resubscribe,
    email_unsubscribe,
    preferences_initial,
    preferences_update,
    unsubscribe_check,
)
from .scan import digests_send, reminder_rules_ensure, reminders_scan
from .sending import email_send, email_send_batch, emails_send_due, outbox_purge, outbox_sweep

__all__ = [
    "UnsubscribeError",
    "digests_send",
    "email_enqueue",
    "email_enqueue_rendered",
    "email_resend",
    "email_resubscribe",
    "email_send",
    "email_send_batch",
    "email_unsubscribe",
    "emails_send_due",
    "outbox_purge",
    "outbox_sweep",
    "preferences_initial",
    "preferences_update",
    "reminder_rules_ensure",
    "reminders_scan",
    "unsubscribe_check",
]
