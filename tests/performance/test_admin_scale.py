"""The big admin lists at scale: estimated counts on PostgreSQL, filters that never scan the whole register."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record
from ngn_portal.admin_scale import LargeTableAdmin
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


@pytest.mark.parametrize(
    "model_admin", ["engagement.OutgoingEmail", "audit.AuditEntry", "members.Member", "members.User"]
)
def test_the_large_changelists_share_the_scale_settings(model_admin) -> None:
    from django.apps import apps
    from django.contrib import admin

    registered = admin.site._registry[apps.get_model(model_admin)]
    assert isinstance(registered, LargeTableAdmin)
    assert registered.show_full_result_count is False and registered.list_per_page == 50
    assert registered.get_paginator(None, [], 50).__class__ is EstimatedCountPaginator


def test_the_selection_checkbox_is_djangos_markup(coordinator) -> None:
    from django.contrib import admin
    from django.test import SimpleTestCase
    from django.utils import translation

    from engagement.admin import OutgoingEmailAdmin
    from engagement.models import OutgoingEmail

    email = OutgoingEmail.objects.create(kind="x.test", dedupe_key="x:1", to_email="a@ngn.example", language="es")
    ours = OutgoingEmailAdmin(OutgoingEmail, admin.site)
    djangos = admin.ModelAdmin(OutgoingEmail, admin.site)
    for language in ("es", "en"):
        with translation.override(language):
            SimpleTestCase().assertHTMLEqual(ours.action_checkbox(email), djangos.action_checkbox(email))


def test_an_action_on_rows_chosen_with_the_checkbox_still_runs(admin_client) -> None:
    from engagement.models import EmailStatus, OutgoingEmail

    failed = OutgoingEmail.objects.create(
        kind="x.test", dedupe_key="x:2", to_email="a@ngn.example", language="es", status=EmailStatus.FAILED
    )
    url = reverse("admin:engagement_outgoingemail_changelist")
    page = admin_client.get(url).content.decode()
    assert f'name="_selected_action" value="{failed.pk}" class="action-select"' in page
    admin_client.post(url, {"action": "resend", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.status != EmailStatus.FAILED
