"""Who may do what in the members app. Views, templates and the admin all ask here."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from .models import User

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
    return member is not None and member.status in {"active", "paused"}
