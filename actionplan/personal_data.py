"""The action plan's part of a person's data download (see ngn_portal/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from members.models import User

from .models import Activity, CalendarToken, ProgressUpdate

ACTIVITY_FIELDS = ("code", "title", "status", "start_date", "due_date")


def export(user: User) -> dict[str, Any]:
    """Four queries, whatever the person has: owned and shared activities, their updates, the calendar feed."""
    return {
        "activities_owned": list(
            Activity.objects.filter(owner__user=user).order_by("due_date", "pk").values(*ACTIVITY_FIELDS)
        ),
        "activities_contributed": list(
            Activity.objects.filter(contributors__user=user).order_by("due_date", "pk").values(*ACTIVITY_FIELDS)
        ),
        "progress_updates": list(
            ProgressUpdate.objects.filter(author=user)
            .order_by("date", "created_at")
            .values(
                "date",
                "percent",
                "status_change",
                "note",
                "evidence_link",
                "evidence_name",
                "created_at",
                activity_code=F("activity__code"),
            )
        ),
        # Whether a feed exists and since when; its secret is never stored in clear, let alone exported.
        "calendar_feed_created_at": CalendarToken.objects.filter(user=user)
        .values_list("created_at", flat=True)
        .first(),
    }
