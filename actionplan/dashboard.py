"""The "My activities" panel on the signed-in home: the member's open activities, soonest due first."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from members.models import Member
from ngn_portal.dashboard import Panel

from .caching import cached_member_data
from .models import Activity
from .progress import annotate_figures

SHOWN = 5


def open_activities(member: Member, today: dt.date) -> list[Activity]:
    """One query: a member has a handful of open activities, so they are counted in Python."""
    return annotate_figures(
        Activity.objects.of_member(member)
        .outside_closed_plans()
        .open()
        .with_progress()
        .only("pk", "code", "title", "status", "start_date", "due_date")  # what the panel and the RAG need
        .order_by("due_date", "code"),
        today,
    )


def panels(request: HttpRequest) -> list[Panel]:
    member = getattr(request.user, "member", None) if request.user.is_authenticated else None
    activities = []
    if member is not None:
        today = timezone.localdate()
        activities = cached_member_data(member, "open-activities", today, lambda: open_activities(member, today))
    return [
        Panel(
            template="actionplan/_dashboard_activities.html",
            order=10,
            context={"activities": activities[:SHOWN], "total": len(activities)},
        )
    ]
