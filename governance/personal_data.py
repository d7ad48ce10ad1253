"""The governance app's part of a person's data download (see ngn_portal/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from members.models import User

from .models import Acknowledgement, Attendance, Comment, Mandate

# Which version a comment or an acknowledgement is about, by document and number.
VERSION_FIELDS = {
    "document": F("version__document__slug"),
    "version_major": F("version__major"),
    "version_minor": F("version__minor"),
}


def export(user: User) -> dict[str, Any]:
    """Four queries, whatever the person has: comments, acknowledgements, attendance, mandates."""
    return {
        "comments": list(
            Comment.objects.filter(author=user)
            .order_by("created_at", "pk")
            .values(
                "section",
                "body",
                "created_at",
                "resolution",
                "reply",
                "resolved_at",
                **VERSION_FIELDS,
            )
        ),
        "acknowledgements": list(
            Acknowledgement.objects.filter(member__user=user)
            .order_by("acknowledged_at")
            .values(
                "acknowledged_at",
                "content_sha256",
                **VERSION_FIELDS,
            )
        ),
        "attendance": list(
            Attendance.objects.filter(member__user=user)
            .order_by("meeting__starts_at")
            .values(
                "status", "updated_at", meeting_title=F("meeting__title"), meeting_starts_at=F("meeting__starts_at")
            )
        ),
        "mandates": list(
            Mandate.objects.filter(member__user=user)
            .order_by("starts_on")
            .values("starts_on", "ends_on", position_code=F("position__code"))
        ),
    }
