"""The big admin lists at scale: estimated counts on PostgreSQL, filters that never scan the whole register."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record
from ngn_portal.paginators import EstimatedCountPaginator

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="planner estimates are PostgreSQL's")


def _entries(count: int) -> None:
    for number in range(count):
        audit_record(action="members.member.updated" if number % 2 else "actionplan.update.posted", data={"n": number})


def test_small_lists_are_counted_exactly() -> None:
    _entries(5)
    assert EstimatedCountPaginator(AuditEntry.objects.all(), 2).count == 5


@postgresql_only
def test_big_lists_take_the_planners_estimate_without_counting() -> None:
    _entries(30)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audit_auditentry")

    class Low(EstimatedCountPaginator):
        threshold = 10

    with CaptureQueriesContext(connection) as queries:
        count = Low(AuditEntry.objects.all(), 10).count
    assert [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()] == []
    assert queries[0]["sql"].startswith("EXPLAIN")
    assert 20 <= count <= 40  # an estimate, close to the 30 rows


def test_the_audit_admin_filters_by_area_and_date(admin_client) -> None:
    _entries(6)
    url = reverse("admin:audit_auditentry_changelist")
    response = admin_client.get(url, {"area": "members"})
    assert response.status_code == 200
    shown = {entry.action for entry in response.context["cl"].result_list}
    assert shown == {"members.member.updated"}
    assert admin_client.get(url, {"created_at__gte": "2000-01-01 00:00:00+00:00"}).status_code == 200
