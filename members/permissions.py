"""Who may do what in the members app. Views, templates and the admin all ask here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import Member, User, Visibility
from .models.member import CURRENT_STATUSES

COORDINATORS_GROUP = "coordinators"


def is_coordinator(user: User | AnonymousUser) -> bool:
    """Organizing officials: members of the coordinators group, or superusers.

    The answer is cached on the user object so that a page asking many times costs one query.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_coordinator_cache", None)
    if cached is None:
        cached = user.groups.filter(name=COORDINATORS_GROUP).exists()
        user._is_coordinator_cache = cached  # type: ignore[union-attr]
    return cached


def is_member(user: User | AnonymousUser) -> bool:
    """A signed-in person whose membership is active or paused (not alumni, not gone)."""
    if not user.is_authenticated or not user.is_active:
        return False
    member = getattr(user, "member", None)
    return member is not None and member.status in CURRENT_STATUSES


def can_review_applications(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)


def can_manage_memberships(user: User | AnonymousUser) -> bool:
    """Pause a member, make them alumni, record that they left, export the directory."""
    return is_coordinator(user)


def can_edit_profile(user: User | AnonymousUser, member: Member) -> bool:
    return user.is_authenticated and member.user_id == user.pk


class Viewer:
    """Who is looking at members' personal fields, worked out once per request (not once per row)."""

    def __init__(self, user: User | AnonymousUser) -> None:
        self.user_id = user.pk if user.is_authenticated else None
        self.coordinator = is_coordinator(user)
        self.member = self.coordinator or is_member(user)

    def may_see(self, member: Member, visibility: str) -> bool:
        if member.user_id == self.user_id:
            return True  # the owner always sees their own data
        if visibility == Visibility.MEMBERS:
            return self.member
        if visibility == Visibility.COORDINATORS:
            return self.coordinator
        return False

    def personal_fields(self, member: Member) -> dict[str, object]:
        """The personal fields this viewer may see; the others are None.

        Every key is present: a template looking up a missing key tries three lookups, each raising.
        """
        shown: dict[str, object] = dict.fromkeys(("email", "phone", "date_of_birth"))
        if self.may_see(member, member.email_visibility):
            shown["email"] = member.user.email
        if member.phone and self.may_see(member, member.phone_visibility):
            shown["phone"] = member.phone
        if member.date_of_birth and self.may_see(member, member.date_of_birth_visibility):
            shown["date_of_birth"] = member.date_of_birth
        return shown
