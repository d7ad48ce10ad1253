"""Governance's panels on the signed-in home: the ToR banner (until confirmed) and upcoming meetings.

Two queries in all: the dashboard is shared by every app and has one budget.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from members.models import Member
from ngn_portal.dashboard import Panel

from .models import Acknowledgement, Meeting, Version, VersionStatus
from .models.documents import DocumentKind


def tor_to_confirm(request: HttpRequest) -> Version | None:
    """The current approved ToR if the signed-in person is an active member who has not confirmed it."""
    if not request.user.is_authenticated:
        return None
    version = (
        Version.objects.select_related("document")
        .filter(status=VersionStatus.APPROVED, document__kind=DocumentKind.TERMS_OF_REFERENCE)
        .annotate(
            asked=Exists(Member.objects.active().filter(user_id=request.user.pk)),
            done=Exists(Acknowledgement.objects.filter(version=OuterRef("pk"), member__user_id=request.user.pk)),
        )
        .order_by("document_id")
        .first()
    )
    if version is None or not version.asked or version.done:
        return None
    return version


def panels(request: HttpRequest) -> list[Panel]:
    result = []
    version = tor_to_confirm(request)
    if version is not None:
        result.append(
            Panel(template="governance/_dashboard_tor.html", order=5, wide=True, context={"version": version})
        )
    meetings = list(Meeting.objects.upcoming()[:3])
    result.append(Panel(template="governance/_dashboard_meetings.html", order=30, context={"meetings": meetings}))
    return result
