"""The mailroom's tables: the outbox, the per-kind rules and each person's preferences."""

from .outbox import EmailStatus, OutgoingEmail, OutgoingEmailQuerySet
from .preferences import DeliveryMode, DeliveryPreference, KindPreference
from .rules import ReminderRule

__all__ = [
    "DeliveryMode",
    "DeliveryPreference",
    "EmailStatus",
    "KindPreference",
    "OutgoingEmail",
    "OutgoingEmailQuerySet",
    "ReminderRule",
]
