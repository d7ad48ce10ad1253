"""The admin pages of the members app answer, with their search, filters, import/export and history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import EligibilityPolicy
from tests.factories import MemberFactory, MembershipApplicationFactory


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:members_user_changelist",
        "admin:members_member_changelist",
        "admin:members_office_changelist",
        "admin:members_membershipapplication_changelist",
        "admin:members_eligibilitypolicy_changelist",
        "admin:members_member_import",
        "admin:members_member_export",
    ],
)
def test_admin_pages_answer(admin_client, url_name):
    MemberFactory(skills="datos")
    MembershipApplicationFactory()
    response = admin_client.get(reverse(url_name), {"q": "prueba"} if url_name.endswith("changelist") else {})
    assert response.status_code == 200


def test_member_history_and_the_single_rules_row(admin_client, alice):
    member = alice.member
    assert admin_client.get(reverse("admin:members_member_history", args=[member.pk])).status_code == 200
    policy = EligibilityPolicy.current()
    assert admin_client.get(reverse("admin:members_eligibilitypolicy_change", args=[policy.pk])).status_code == 200
    assert admin_client.get(reverse("admin:members_eligibilitypolicy_add")).status_code == 403
