from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actionplan.models import ActionPlan, Indicator, IndicatorValue, KeyFactor, ProgressUpdate

from .factories import ActivityFactory, IndicatorFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def test_the_ten_arusha_key_factors_are_loaded_in_both_languages():
    factors = list(KeyFactor.objects.values_list("number", "name_es", "name_en"))
    assert len(factors) == 10
    assert factors[8] == (9, "Moral y cultura organizacional", "Morale and Organizational Culture")


def test_database_refuses_a_due_date_before_the_start(activity):
    activity.due_date = activity.start_date - dt.timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_full_clean_says_so_beside_the_due_date(activity):
    activity.due_date = activity.start_date - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as excinfo:
        activity.full_clean()
    assert "due_date" in excinfo.value.message_dict


@pytest.mark.parametrize("percent", [101, 250])
def test_database_refuses_a_percent_above_100(activity, alice, percent):
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressUpdate.objects.create(activity=activity, author=alice, date=dt.date(2023, 3, 1), percent=percent)


def test_database_refuses_a_zero_weight(objective, alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(objective=objective, owner=alice.member, weight=0)


def test_an_indicator_belongs_to_exactly_one_parent(activity):
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(objective=activity.objective, activity=activity, name="x", target=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(name="orphan", target=1)


def test_one_indicator_value_per_period(objective):
    indicator = IndicatorFactory(objective=objective)
    IndicatorValue.objects.create(indicator=indicator, period=dt.date(2023, 3, 31), value=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorValue.objects.create(indicator=indicator, period=dt.date(2023, 3, 31), value=3)


def test_a_progress_update_is_never_edited(activity, alice):
    update = ProgressUpdateFactory(activity=activity, author=alice, percent=30)
    update.percent = 90
    with pytest.raises(ValidationError):
        update.save()
    update.refresh_from_db()
    assert update.percent == 30


def test_plan_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionPlan.objects.create(title_es="x", period_start=dt.date(2023, 2, 1), period_end=dt.date(2023, 1, 1))


def test_current_plan_prefers_the_active_one(plan):
    ActionPlan.objects.create(title_es="Borrador", period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))
    assert ActionPlan.objects.current() == plan


def test_titles_follow_the_language(plan):
    from django.utils import translation

    with translation.override("en"):
        assert plan.title == "Action plan 2023"
    with translation.override("es"):
        assert plan.title == "Plan de acción 2023"
