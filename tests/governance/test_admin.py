from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from governance.models import Mandate, QuorumPolicy, VersionStatus

from .factories import PositionFactory, VersionFactory, approved_version

pytestmark = pytest.mark.django_db


def test_an_approved_version_is_read_only_in_the_admin(admin_client, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    url = reverse("admin:governance_version_change", args=[version.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = admin_client.post(url, {"body_es": "cambiado", "body_en": "", "change_summary": ""})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.body_es != "cambiado" and version.status == VersionStatus.APPROVED


def test_a_draft_is_edited_through_the_service(admin_client):
    version = VersionFactory(major=0, minor=1)
    url = reverse("admin:governance_version_change", args=[version.pk])
    assert 'name="_save"' in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"body_es": "## Nuevo", "body_en": "", "change_summary": "x"})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.body_es == "## Nuevo"


def test_overlapping_mandate_is_refused_in_the_admin(admin_client, alice, bob, coordinator):
    chair = PositionFactory()
    url = reverse("admin:governance_mandate_add")
    data = {"member": alice.member.pk, "position": chair.pk, "starts_on": "2024-01-01", "ends_on": "2025-01-01"}
    assert admin_client.post(url, data).status_code == 302
    data |= {"member": bob.member.pk, "starts_on": "2024-06-01"}
    response = admin_client.post(url, data)
    assert response.status_code == 200 and "es un cargo único" in response.content.decode()
    assert Mandate.objects.count() == 1
    assert Mandate.objects.get().ends_on == dt.date(2025, 1, 1)


def test_quorum_policy_is_a_singleton(admin_client):
    assert QuorumPolicy.objects.count() == 1
    assert admin_client.get(reverse("admin:governance_quorumpolicy_add")).status_code == 403


def test_a_mandate_corrected_in_the_admin_goes_through_the_rules_and_on_the_record(admin_client, alice, bob):
    from audit.models import AuditEntry

    chair = PositionFactory()
    add = reverse("admin:governance_mandate_add")
    data = {"member": alice.member.pk, "position": chair.pk, "starts_on": "2024-01-01", "ends_on": "2025-01-01"}
    assert admin_client.post(add, data).status_code == 302
    admin_client.post(add, data | {"member": bob.member.pk, "starts_on": "2025-01-01", "ends_on": "2026-01-01"})
    alices, bobs = Mandate.objects.order_by("starts_on")
    assert bobs.member_id == bob.member.pk
    url = reverse("admin:governance_mandate_change", args=[alices.pk])
    # Stretching Alice's term over Bob's is refused: single seat.
    response = admin_client.post(url, data | {"ends_on": "2025-06-01"})
    assert response.status_code == 200 and "es un cargo único" in response.content.decode()
    alices.refresh_from_db()
    assert alices.ends_on == dt.date(2025, 1, 1)
    assert not AuditEntry.objects.filter(action="governance.mandate.changed").exists()
    # A correction within the rules is saved and recorded, with what changed.
    assert admin_client.post(url, data | {"starts_on": "2024-02-01"}).status_code == 302
    alices.refresh_from_db()
    assert alices.starts_on == dt.date(2024, 2, 1)
    entry = AuditEntry.objects.get(action="governance.mandate.changed")
    assert entry.data == {"starts_on": ["2024-01-01", "2024-02-01"]} and entry.target_id == str(alices.pk)
