"""Changes of roles and permissions, made in the admin, are written to the audit register."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from audit.models import AuditEntry
from audit.verification import verify_chain
from members.permissions import COORDINATORS_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _user_form(user, **overrides):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "is_active": "on",
        "groups": [],
        "user_permissions": [],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2023-01-01",
        "date_joined_1": "00:00:00",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_making_someone_a_coordinator_is_audited(admin_client, admin_user):
    user = UserFactory()
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    response = admin_client.post(
        reverse("admin:members_user_change", args=[user.pk]),
        _user_form(user, is_staff="on", groups=[coordinators.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="members.user.roles_changed")
    assert entry.actor == admin_user and entry.target == user
    assert entry.data["changes"]["is_staff"] == {"from": False, "to": True}
    assert entry.data["changes"]["groups"] == {"from": [], "to": [COORDINATORS_GROUP]}
    assert verify_chain().ok


def test_saving_a_user_without_role_changes_writes_nothing(admin_client):
    user = UserFactory(full_name="Nombre Prueba Anterior")
    response = admin_client.post(
        reverse("admin:members_user_change", args=[user.pk]), _user_form(user, full_name="Nombre Prueba Nuevo")
    )
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="members.user.roles_changed").exists()


def test_changing_a_groups_permissions_is_audited(admin_client, admin_user):
    group, _ = Group.objects.get_or_create(name=COORDINATORS_GROUP)
    before = set(group.permissions.values_list("pk", flat=True))
    extra = Permission.objects.get(content_type__app_label="members", codename="change_office")
    response = admin_client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": group.name, "permissions": [*before, extra.pk]},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="members.group.permissions_changed")
    assert entry.actor == admin_user
    assert entry.data["added"] == ["members.change_office"] and entry.data["removed"] == []
