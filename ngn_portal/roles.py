"""What each role may do in the admin and the register, declared in one place.

Synced after every ``migrate`` (post_migrate), so a fresh database, a test database and a
production upgrade all end with the same grants. Roles are Django groups; superusers need none.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from members.permissions import COORDINATORS_GROUP

# "app_label.codename" permissions granted to organizing officials.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    COORDINATORS_GROUP: [
        "audit.view_auditentry",
    ],
}


def sync_role_permissions(**kwargs: Any) -> None:
    for group_name, permission_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        wanted = Q(pk__in=[])
        for name in permission_names:
            app_label, codename = name.split(".", 1)
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.filter(wanted))
