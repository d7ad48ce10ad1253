from __future__ import annotations

import pytest
from django.urls import reverse

from .factories import IndicatorFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

MODELS = ["actionplan", "objective", "activity", "indicator", "progressupdate", "keyfactor"]


@pytest.mark.parametrize("model", MODELS)
def test_admin_lists_and_opens_each_model(admin_client, activity, alice, model):
    ProgressUpdateFactory(activity=activity, author=alice)
    IndicatorFactory(objective=activity.objective)
    response = admin_client.get(reverse(f"admin:actionplan_{model}_changelist"))
    assert response.status_code == 200
    obj = response.context["cl"].result_list[0]
    assert admin_client.get(reverse(f"admin:actionplan_{model}_change", args=[obj.pk])).status_code == 200


def test_progress_updates_are_read_only_in_the_admin(admin_client, activity, alice):
    update = ProgressUpdateFactory(activity=activity, author=alice, percent=30)
    url = reverse("admin:actionplan_progressupdate_change", args=[update.pk])
    admin_client.post(url, {"percent": 90})
    update.refresh_from_db()
    assert update.percent == 30
    assert admin_client.get(reverse("admin:actionplan_progressupdate_add")).status_code == 403
    assert admin_client.get(reverse("admin:actionplan_progressupdate_delete", args=[update.pk])).status_code == 403


def test_admin_exports_activities(admin_client, activity):
    response = admin_client.get(reverse("admin:actionplan_activity_export"))
    assert response.status_code == 200
