"""Query budgets: each page runs the same number of queries for 20 activities and for 2,000."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actionplan.models import Activity, ActivityStatus, ProgressUpdate

from .factories import ObjectiveFactory

pytestmark = pytest.mark.django_db

# Measured: session, user, membership, coordinator check, then the page's own queries. The first view
# computes the plan's figures (objectives, their key factors, activities, key factors) and the filters'
# choices (owners, offices); the next ones read them, and the page's HTML, from the cache.
BUDGET = {
    "actionplan:plan": 10,
    "actionplan:timeline": 11,
    "actionplan:activities": 11,
    "actionplan:mine": 5,
}
WARM_BUDGET = {
    "actionplan:plan": 6,
    "actionplan:timeline": 5,
    "actionplan:activities": 5,
    "actionplan:mine": 4,
}


def _populate(plan, owners, size: int) -> None:
    objectives = [ObjectiveFactory(plan=plan, code=f"O{i}") for i in range(1, 6)]
    for objective in objectives:
        objective.key_factors.set([1, 9])
    statuses = list(ActivityStatus)
    activities = Activity.objects.bulk_create(
        Activity(
            objective=objectives[i % len(objectives)],
            code=f"A{i}",
            title=f"Actividad {i}",
            owner=owners[i % len(owners)],
            start_date=dt.date(2023, 1, 1) + dt.timedelta(days=i % 150),
            due_date=dt.date(2023, 6, 1) + dt.timedelta(days=i % 200),
            status=statuses[i % len(statuses)],
            weight=1 + i % 3,
        )
        for i in range(size)
    )
    author = owners[0].user
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(activity=a, author=author, date=dt.date(2023, 3, 1) + dt.timedelta(days=k), percent=10 * (k + 1))
        for a in activities
        for k in range(2)
    )


@pytest.mark.parametrize("size", [20, 2000])
@pytest.mark.parametrize("page", sorted(BUDGET))
def test_page_query_budget_does_not_grow(alice_client, alice, bob, plan, page, size, django_assert_max_num_queries):
    _populate(plan, [alice.member, bob.member], size)
    url = reverse(page, args=[] if page == "actionplan:mine" else [plan.pk])
    with django_assert_max_num_queries(BUDGET[page]):
        response = alice_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [20, 2000])
@pytest.mark.parametrize("page", sorted(WARM_BUDGET))
def test_second_view_budget(alice_client, alice, bob, plan, page, size, django_assert_max_num_queries):
    _populate(plan, [alice.member, bob.member], size)
    url = reverse(page, args=[] if page == "actionplan:mine" else [plan.pk])
    assert alice_client.get(url).status_code == 200
    with django_assert_max_num_queries(WARM_BUDGET[page]):
        response = alice_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [20, 2000])
@pytest.mark.parametrize("page", ["actionplan:timeline", "actionplan:activities"])
def test_filtered_page_budget(alice_client, alice, bob, plan, page, size, django_assert_max_num_queries):
    _populate(plan, [alice.member, bob.member], size)
    url = reverse(page, args=[plan.pk])
    # Two more than unfiltered: the filter form checks that the chosen owner and key factor exist.
    with django_assert_max_num_queries(BUDGET[page] + 2):
        response = alice_client.get(url, {"owner": bob.member.pk, "key_factor": 9, "status": "in_progress"})
    assert response.status_code == 200


@pytest.mark.parametrize("size", [20, 2000])
def test_dashboard_panel_budget(rf, alice, bob, plan, size, django_assert_max_num_queries):
    from actionplan.dashboard import panels

    _populate(plan, [alice.member, bob.member], size)
    request = rf.get("/")
    request.user = alice
    with django_assert_max_num_queries(2):
        (panel,) = panels(request)
    assert panel.context["total"] > 0


@pytest.mark.parametrize("updates", [2, 200])
def test_activity_page_budget(alice_client, alice, activity, updates, django_assert_max_num_queries):
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=activity, author=alice, date=dt.date(2023, 1, 1) + dt.timedelta(days=k), percent=k % 100
        )
        for k in range(updates)
    )
    with django_assert_max_num_queries(10):
        response = alice_client.get(reverse("actionplan:activity", args=[activity.pk]))
    assert response.status_code == 200


# Measured with a coordinator (no membership check short-cut: the same figures at both sizes).
COORDINATOR_BUDGET = {
    "actionplan:index": ([], 10),
    "actionplan:objective": ("objective", 9),
    "actionplan:plans": ([], 5),
    "actionplan:calendar": ([], 5),
    "actionplan:activities_csv": ("plan", 8),
    "actionplan:report_pdf": ("plan", 8),
    "actionplan:plan_copy": ("plan", 4),
    "actionplan:activity_edit": ("activity", 7),
    "actionplan:activity_create": ("objective", 6),
    "actionplan:indicator_value": ("indicator", 6),
}


@pytest.mark.parametrize("size", [20, 2000])
def test_other_pages_query_budget(coordinator_client, alice, bob, plan, size, django_assert_max_num_queries):
    _populate(plan, [alice.member, bob.member], size)
    objective = plan.objectives.order_by("code").first()
    objects = {
        "plan": plan,
        "objective": objective,
        "activity": objective.activities.first(),
        "indicator": objective.indicators.create(name="Sesiones", target=10),
    }
    for name, (arg, budget) in COORDINATOR_BUDGET.items():
        url = reverse(name, args=[objects[arg].pk] if arg else [])
        with django_assert_max_num_queries(budget, info=name):
            assert coordinator_client.get(url).status_code == 200
