"""The plan's figures are cached, and every write that changes them shows at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.models import ActionPlan, Activity, KeyFactor, Objective, PlanStatus
from actionplan.services import progress_update_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(alice) -> Activity:
    today = dt.date.today()
    plan = ActionPlan.objects.create(
        title_es="Plan en caché",
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
        status=PlanStatus.ACTIVE,
    )
    objective = Objective.objects.create(plan=plan, code="O1", title_es="Objetivo uno")
    return Activity.objects.create(
        objective=objective,
        code="A1.1",
        title="Actividad en caché",
        owner=alice.member,
        start_date=plan.period_start,
        due_date=plan.period_end,
        status="in_progress",
    )


def _overview(client, plan):
    response = client.get(reverse("actionplan:plan", args=[plan.pk]))
    assert response.status_code == 200
    return response


def test_the_second_view_reads_the_cache(alice_client, activity) -> None:
    plan = activity.objective.plan
    _overview(alice_client, plan)
    with CaptureQueriesContext(connection) as queries:
        _overview(alice_client, plan)
    assert not any("actionplan_progressupdate" in q["sql"] for q in queries)


def test_a_progress_update_shows_at_once(alice_client, alice, activity) -> None:
    plan = activity.objective.plan
    assert _overview(alice_client, plan).context["figures"].progress == 0
    progress_update_post(activity=activity, by=alice, percent=40, status=None, note="", evidence_link="")
    assert _overview(alice_client, plan).context["figures"].progress == 40
    # The timeline and the list read the same cached figures.
    timeline = alice_client.get(reverse("actionplan:timeline", args=[plan.pk]))
    assert timeline.context["figures"].progress == 40


def test_editing_an_activity_or_the_key_factors_shows_at_once(alice_client, activity) -> None:
    plan = activity.objective.plan
    _overview(alice_client, plan)
    activity.status = "cancelled"
    activity.save()
    assert _overview(alice_client, plan).context["figures"].progress is None
    factor = KeyFactor.objects.order_by("number").first()
    activity.objective.key_factors.add(factor)
    coverage = _overview(alice_client, plan).context["figures"].key_factors
    assert [k.objectives for k in coverage if k.key_factor == factor] == [[activity.objective]]
