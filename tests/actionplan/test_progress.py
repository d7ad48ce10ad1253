"""The roll-up rules, one by one, and the figures a page gets for a small plan."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from actionplan.models import ActivityStatus
from actionplan.progress import Rag, activity_progress, activity_rag, expected_progress, plan_figures, weighted_mean

from .conftest import TODAY
from .factories import ActivityFactory, ObjectiveFactory, ProgressUpdateFactory

D = dt.date


def test_activity_progress_is_the_latest_percent_or_100_when_done():
    assert activity_progress(status=ActivityStatus.IN_PROGRESS, latest_percent=40) == 40
    assert activity_progress(status=ActivityStatus.NOT_STARTED, latest_percent=None) == 0
    assert activity_progress(status=ActivityStatus.DONE, latest_percent=60) == 100


@pytest.mark.parametrize(
    ("today", "expected"),
    [(D(2023, 1, 1), 0), (D(2023, 1, 11), 0), (D(2023, 1, 16), 50), (D(2023, 1, 21), 100), (D(2023, 3, 1), 100)],
)
def test_expected_progress_is_elapsed_time(today, expected):
    assert expected_progress(start=D(2023, 1, 11), due=D(2023, 1, 21), today=today) == expected


def test_expected_progress_on_a_one_day_activity():
    assert expected_progress(start=D(2023, 5, 5), due=D(2023, 5, 5), today=D(2023, 5, 5)) == 100


@pytest.mark.parametrize(
    ("status", "progress", "expected", "due", "rag"),
    [
        (ActivityStatus.IN_PROGRESS, 50, 50, D(2023, 9, 1), Rag.GREEN),
        (ActivityStatus.IN_PROGRESS, 29, 50, D(2023, 9, 1), Rag.AMBER),  # 21 points behind
        (ActivityStatus.IN_PROGRESS, 30, 50, D(2023, 9, 1), Rag.GREEN),  # exactly 20 behind
        (ActivityStatus.IN_PROGRESS, 79, 80, D(2023, 7, 14), Rag.AMBER),  # due within 14 days, below 80
        (ActivityStatus.IN_PROGRESS, 80, 80, D(2023, 7, 14), Rag.GREEN),
        (ActivityStatus.IN_PROGRESS, 90, 100, D(2023, 6, 30), Rag.RED),  # overdue
        (ActivityStatus.BLOCKED, 90, 10, D(2023, 12, 1), Rag.RED),
        (ActivityStatus.DONE, 100, 100, D(2023, 1, 1), Rag.GREEN),
        (ActivityStatus.CANCELLED, 0, 100, D(2023, 1, 1), None),
    ],
)
def test_rag_rules(status, progress, expected, due, rag):
    assert activity_rag(status=status, progress=progress, expected=expected, due=due, today=TODAY) == rag


@given(st.lists(st.tuples(st.integers(1, 10), st.integers(0, 100)), min_size=1, max_size=30))
def test_weighted_mean_stays_between_the_extremes(pairs):
    mean = weighted_mean(pairs)
    values = [v for _w, v in pairs]
    assert min(values) <= mean <= max(values)


def test_weighted_mean_of_nothing_is_none():
    assert weighted_mean([]) is None


def test_plan_rolls_up_by_weight_and_leaves_cancelled_out(plan, alice):
    o1 = ObjectiveFactory(plan=plan, code="O1", weight=3)
    o2 = ObjectiveFactory(plan=plan, code="O2", weight=1)
    heavy = ActivityFactory(objective=o1, owner=alice.member, weight=3)
    light = ActivityFactory(objective=o1, owner=alice.member, weight=1)
    ActivityFactory(objective=o1, owner=alice.member, weight=5, status=ActivityStatus.CANCELLED)
    ActivityFactory(objective=o2, owner=alice.member, status=ActivityStatus.DONE)
    ProgressUpdateFactory(activity=heavy, author=alice, percent=10, date=D(2023, 3, 1))
    ProgressUpdateFactory(activity=heavy, author=alice, percent=60, date=D(2023, 6, 1))  # the latest counts
    ProgressUpdateFactory(activity=light, author=alice, percent=20, date=D(2023, 6, 2))

    figures = plan_figures(plan, today=TODAY)

    by_code = {r.objective.code: r for r in figures.objectives}
    assert by_code["O1"].progress == 50  # (3*60 + 1*20) / 4
    assert by_code["O2"].progress == 100
    assert figures.progress == 62  # (3*50 + 1*100) / 4 = 62.5, rounded half to even
    kf_rollups = [k for k in figures.key_factors if k.objectives]
    assert kf_rollups == []
    assert sum(figures.rag_counts.values()) == 3  # the cancelled one is not rated


def test_late_and_due_soon(plan, objective, alice):
    late = ActivityFactory(objective=objective, owner=alice.member, due_date=D(2023, 6, 20))
    soon = ActivityFactory(objective=objective, owner=alice.member, due_date=D(2023, 7, 10))
    ActivityFactory(objective=objective, owner=alice.member, due_date=D(2023, 6, 1), status=ActivityStatus.DONE)
    ActivityFactory(objective=objective, owner=alice.member, due_date=D(2023, 9, 10))
    figures = plan_figures(plan, today=TODAY)
    assert figures.late == [late]
    assert figures.due_soon == [soon]
