"""The action plan's admin bulk actions write history rows."""

from __future__ import annotations

from django.urls import reverse

from actionplan.models import Indicator, ProgressUpdate
from tests.actionplan.factories import IndicatorFactory, ProgressUpdateFactory


def test_bulk_delete_from_the_admin_writes_history(admin_client, admin_user):
    indicator = IndicatorFactory()
    response = admin_client.post(
        reverse("admin:actionplan_indicator_changelist"),
        {"action": "delete_selected", "_selected_action": [indicator.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Indicator.objects.filter(pk=indicator.pk).exists()
    assert Indicator.history.get(id=indicator.pk, history_type="-").history_user == admin_user


def test_a_progress_update_is_in_the_history(db):
    update = ProgressUpdateFactory()
    assert list(ProgressUpdate.history.filter(id=update.pk).values_list("history_type", flat=True)) == ["+"]
