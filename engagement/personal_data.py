"""The mailroom's part of a person's data download (see ngn_portal/personal_data.py)."""

from __future__ import annotations

from typing import Any

from members.models import User

from .models import DeliveryPreference, KindPreference, OutgoingEmail


def export(user: User) -> dict[str, Any]:
    """Three queries, whatever the person has: delivery mode, per-kind choices, the mail sent to them."""
    return {
        "delivery": DeliveryPreference.objects.filter(user=user).values_list("mode", flat=True).first(),
        "preferences": list(
            KindPreference.objects.filter(user=user).order_by("kind").values("kind", "enabled", "updated_at")
        ),
        "emails": list(
            OutgoingEmail.objects.filter(recipient=user)
            .order_by("created_at", "pk")
            .values("kind", "to_email", "subject", "status", "created_at", "sent_at")
        ),
    }
