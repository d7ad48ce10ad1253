from __future__ import annotations

import pytest

from actionplan import demo
from actionplan.models import ActionPlan, Activity, IndicatorValue, PlanStatus, ProgressUpdate
from members import demo as members_demo

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (ActionPlan, Activity, ProgressUpdate, IndicatorValue))


def test_demo_tells_2023_and_starts_2024_and_is_idempotent():
    members_demo.load()
    demo.load()
    first = _counts()
    demo.load()
    assert _counts() == first

    plans = {p.title_es: p for p in ActionPlan.objects.all()}
    assert plans["Plan de acción 2023"].status == PlanStatus.CLOSED
    assert plans["Plan de acción 2024"].status == PlanStatus.ACTIVE
    assert plans["Plan de acción 2024"].copied_from == plans["Plan de acción 2023"]
    mine = Activity.objects.filter(owner__user__email="member@ngn.example")
    assert mine.filter(objective__plan__title_es="Plan de acción 2023").count() >= 3
    assert mine.filter(objective__plan__title_es="Plan de acción 2024").exists()
    carried = Activity.objects.filter(carried_over_from__isnull=False)
    assert carried.exists() and all(a.carried_over_from.is_open for a in carried)
    assert IndicatorValue.objects.exists()


def test_demo_without_members_does_nothing():
    demo.load()
    assert ActionPlan.objects.count() == 0
