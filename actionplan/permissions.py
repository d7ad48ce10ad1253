"""Who may do what with the action plan. Views, templates and the admin all ask here.

- Members and coordinators read the plan; people without a membership see nothing.
- An activity's owner and contributors post progress on it; coordinators manage everything.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from members.models import User
from members.permissions import is_coordinator, is_member

from .models import Activity, Indicator


def can_view_plan(user: User | AnonymousUser) -> bool:
    return is_member(user) or is_coordinator(user)


def can_manage_plan(user: User | AnonymousUser) -> bool:
    return is_coordinator(user)


def is_activity_team(user: User | AnonymousUser, activity: Activity) -> bool:
    """The owner or a contributor. Uses prefetched contributors when the caller has them."""
    member = getattr(user, "member", None) if user.is_authenticated else None
    if member is None:
        return False
    if activity.owner_id == member.pk:
        return True
    return any(c.pk == member.pk for c in activity.contributors.all())


def can_update_activity(user: User | AnonymousUser, activity: Activity) -> bool:
    if is_coordinator(user):
        return True
    return is_member(user) and is_activity_team(user, activity)


def can_cancel_activity(user: User | AnonymousUser) -> bool:
    # Cancelling takes an activity out of the roll-up: a decision for coordinators.
    return is_coordinator(user)


def can_record_indicator(user: User | AnonymousUser, indicator: Indicator) -> bool:
    """Coordinators record any value; an activity's team records the values of its own indicators."""
    if is_coordinator(user):
        return True
    return indicator.activity is not None and can_update_activity(user, indicator.activity)
