"""Reads that span other apps' tables (members), kept in one place."""

from __future__ import annotations

from django.db.models import QuerySet

from members.models import Member

from .models import Version


def members_pending_acknowledgement(version: Version) -> QuerySet[Member]:
    """Active members who have not confirmed ``version``, by office then name."""
    return (
        Member.objects.active()
        .exclude(acknowledgements__version=version)
        .select_related("user", "office")
        .order_by("office__name", "user__full_name")
    )
