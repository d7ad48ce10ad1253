"""Who may do what in governance. Views, templates and the admin all ask here.

- coordinators draft versions, open consultations, record meetings and decisions, approve;
- the secretary (a member holding the current "secretary" mandate) records minutes and attendance;
- members comment, RSVP and confirm the ToR; everyone else reads.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from members.models import MemberStatus, User
from members.permissions import is_coordinator, is_member

from .models import Meeting, Version
from .models.documents import MEMBER_VISIBLE_STATUSES, PUBLIC_STATUSES, VersionQuerySet
from .models.positions import SECRETARY, Mandate

AnyUser = User | AnonymousUser


def can_manage(user: AnyUser) -> bool:
    """Draft, open consultations, record meetings and decisions, approve."""
    return is_coordinator(user)


def is_secretary(user: AnyUser) -> bool:
    """Holds the current secretary mandate (cached on the user: one query per request)."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_secretary_cache", None)
    if cached is None:
        cached = Mandate.objects.current().filter(position__code=SECRETARY, member__user=user).exists()
        user._is_secretary_cache = cached  # type: ignore[union-attr]
    return cached


def can_record_attendance(user: AnyUser) -> bool:
    return can_manage(user) or is_secretary(user)


can_record_minutes = can_record_attendance


def can_participate(user: AnyUser) -> bool:
    """Comment, RSVP, read consultation comments."""
    return is_member(user) or is_coordinator(user)


def can_acknowledge(user: AnyUser) -> bool:
    member = getattr(user, "member", None) if user.is_authenticated else None
    return member is not None and member.status == MemberStatus.ACTIVE


def can_view_version(user: AnyUser, version: Version) -> bool:
    if can_manage(user):
        return True
    if can_participate(user) and version.status in MEMBER_VISIBLE_STATUSES:
        return True
    return version.document.is_public and version.status in PUBLIC_STATUSES


def viewable_versions(user: AnyUser, versions: VersionQuerySet) -> VersionQuerySet:
    """``versions`` narrowed to those ``user`` may read: the queryset form of ``can_view_version``."""
    if can_manage(user):
        return versions
    if can_participate(user):
        return versions.visible_to_members()
    return versions.public()


def can_read_minutes(user: AnyUser, meeting: Meeting) -> bool:
    """Whether there are minutes this person may read: published ones, or a draft for those who write it."""
    return bool(meeting.minutes) and (meeting.minutes_published_at is not None or can_record_minutes(user))


def can_comment(user: AnyUser, version: Version) -> bool:
    return can_participate(user) and version.consultation_is_open()
