from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record
from audit.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["audit:list", "audit:export"])
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("member", 403), ("other_member", 403), ("outsider", 403), ("coordinator", 200)],
)
def test_only_coordinators_browse_and_export_the_register(role_clients, url_name, role, expected):
    response = role_clients[role].get(reverse(url_name))
    assert response.status_code == expected


@pytest.mark.parametrize("entries", [5, 120])
def test_register_page_query_budget_does_not_grow(
    coordinator, coordinator_client, entries, django_assert_max_num_queries
):
    for n in range(entries):
        audit_record(action="members.member.paused", actor=coordinator, target=coordinator, data={"n": n})
    with django_assert_max_num_queries(10):
        response = coordinator_client.get(reverse("audit:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(PAGE_SIZE, entries)


def test_register_filters_by_action_prefix(coordinator, coordinator_client):
    audit_record(action="members.application.approved", actor=coordinator)
    audit_record(action="governance.version.approved", actor=coordinator)
    response = coordinator_client.get(reverse("audit:list"), {"action": "governance."})
    actions = [entry.action for entry in response.context["page"].object_list]
    assert actions == ["governance.version.approved"]


def test_export_is_itself_recorded_and_contains_the_chain(coordinator, coordinator_client):
    audit_record(action="members.application.approved", actor=coordinator, data={"note": "<b>x</b>"})
    response = coordinator_client.get(reverse("audit:export"))
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Disposition"].startswith("attachment;")
    assert "members.application.approved" in body
    assert AuditEntry.objects.filter(action="audit.register.exported", actor=coordinator).exists()


def test_data_typed_as_html_is_shown_as_text(coordinator, coordinator_client):
    audit_record(action="members.application.approved", actor=coordinator, target=coordinator)
    coordinator.full_name = "<script>alert(1)</script>"
    coordinator.save()
    body = coordinator_client.get(reverse("audit:list")).content.decode()
    assert "<script>alert(1)" not in body
