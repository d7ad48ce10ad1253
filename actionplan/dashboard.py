"""The "My activities" panel on the signed-in home: the member's open activities, soonest due first."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from ngn_portal.dashboard import Panel

from .models import Activity
from .progress import annotate_figures

SHOWN = 5


def panels(request: HttpRequest) -> list[Panel]:
    member = getattr(request.user, "member", None) if request.user.is_authenticated else None
    activities = []
    if member is not None:
        # One query: a member has a handful of open activities, so they are counted in Python.
        activities = annotate_figures(
            Activity.objects.of_member(member)
            .outside_closed_plans()
            .open()
            .with_progress()
            .for_display()
            .order_by("due_date", "code"),
            timezone.localdate(),
        )
    return [
        Panel(
            template="actionplan/_dashboard_activities.html",
            order=10,
            context={"activities": activities[:SHOWN], "total": len(activities)},
        )
    ]
