"""Changes of who may do what (roles and permissions) are official acts: they go in the audit register."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group

from audit.services import audit_record

from ..models import User


def user_roles_snapshot(user: User) -> dict[str, Any]:
    return {
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(
            f"{app}.{codename}"
            for app, codename in user.user_permissions.values_list("content_type__app_label", "codename")
        ),
    }


def group_permissions_snapshot(group: Group) -> list[str]:
    return sorted(
        f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    )


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {key: {"from": before.get(key), "to": value} for key, value in after.items() if before.get(key) != value}


def user_roles_record_change(*, user: User, before: dict[str, Any] | None, by: User | None) -> None:
    """Write one audit entry if the user's roles or permissions differ from ``before`` (None: a new user)."""
    after = user_roles_snapshot(user)
    changes = _changes(before or {}, after)
    if before is None:
        # A new account only matters here when it starts with more than a member's rights.
        if not (after["is_staff"] or after["is_superuser"] or after["groups"] or after["permissions"]):
            return
    elif not changes:
        return
    audit_record(action="members.user.roles_changed", actor=by, target=user, data={"changes": changes})


def group_permissions_record_change(*, group: Group, before: list[str] | None, by: User | None) -> None:
    after = group_permissions_snapshot(group)
    if before == after:
        return
    audit_record(
        action="members.group.permissions_changed",
        actor=by,
        target=group,
        data={
            "group": group.name,
            "added": sorted(set(after) - set(before or [])),
            "removed": sorted(set(before or []) - set(after)),
        },
    )
