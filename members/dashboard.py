"""The members app's panel on the signed-in home: applications awaiting review, for coordinators.

One query, and only for coordinators: the dashboard is shared by every app and has one budget.
"""

from __future__ import annotations

from django.http import HttpRequest

from ngn_portal.dashboard import Panel

from .models import MembershipApplication
from .permissions import can_review_applications


def panels(request: HttpRequest) -> list[Panel]:
    if not can_review_applications(request.user):
        return []
    waiting = MembershipApplication.objects.awaiting_review().count()
    return [Panel(template="members/_dashboard_applications.html", order=40, context={"waiting": waiting})]
