"""Governance's panels on the signed-in home: the ToR banner (until confirmed) and upcoming meetings.

At most two queries in all (the dashboard is shared by every app and has one budget), and usually one: whether
a person still has to confirm the ToR is kept in the cache (governance/caching.py) until a confirmation, a
version, a document, a member or an account changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from members.models import Member
from ngn_portal.dashboard import Panel

from .caching import tor_banner_cache
from .models import Acknowledgement, Meeting, Version, VersionStatus
from .models.documents import DocumentKind


@dataclass(frozen=True)
class TorToConfirm:
    """The version a member is asked to confirm: what the banner needs to link to it."""

    slug: str
    major: int
    minor: int

    @property
    def number(self) -> str:
        return f"{self.major}.{self.minor}"


def _find_tor_to_confirm(user_id: int) -> TorToConfirm | None:
    version = (
        Version.objects.filter(status=VersionStatus.APPROVED, document__kind=DocumentKind.TERMS_OF_REFERENCE)
        .annotate(
            asked=Exists(Member.objects.active().filter(user_id=user_id)),
            done=Exists(Acknowledgement.objects.filter(version=OuterRef("pk"), member__user_id=user_id)),
        )
        .order_by("document_id")
        .values_list("document__slug", "major", "minor", "asked", "done")
        .first()
    )
    if version is None or not version[3] or version[4]:
        return None
    return TorToConfirm(*version[:3])


def tor_to_confirm(request: HttpRequest) -> TorToConfirm | None:
    """The current approved ToR if the signed-in person is an active member who has not confirmed it."""
    if not request.user.is_authenticated:
        return None
    user_id = request.user.pk
    # False stands for "nothing to confirm" (the cache takes None for a miss).
    return tor_banner_cache.get_or_set(("tor", user_id), lambda: _find_tor_to_confirm(user_id) or False) or None


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
