from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actionplan.models import IndicatorValue
from actionplan.models.indicator import period_ends

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_period_ends_cover_the_plan():
    assert period_ends(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "quarterly") == [
        dt.date(2023, 3, 31),
        dt.date(2023, 6, 30),
        dt.date(2023, 9, 30),
        dt.date(2023, 12, 31),
    ]
    assert period_ends(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "yearly") == [dt.date(2023, 12, 31)]
    assert period_ends(dt.date(2023, 2, 1), dt.date(2023, 8, 15), "half_yearly") == [
        dt.date(2023, 7, 31),
        dt.date(2023, 8, 15),
    ]


@pytest.fixture
def objective_indicator(objective):
    return IndicatorFactory(objective=objective)


@pytest.fixture
def activity_indicator(activity):
    return IndicatorFactory(objective=None, activity=activity)


def _url(indicator):
    return reverse("actionplan:indicator_value", args=[indicator.pk])


def test_coordinator_records_a_value(coordinator_client, objective_indicator):
    response = coordinator_client.post(_url(objective_indicator), {"period": "2023-03-31", "value": "4.5", "note": "x"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.period, float(value.value)) == (dt.date(2023, 3, 31), 4.5)


def test_owner_records_on_their_activity_but_not_on_the_objective(
    alice_client, activity_indicator, objective_indicator
):
    assert alice_client.post(_url(activity_indicator), {"period": "2023-06-30", "value": "2"}).status_code == 302
    assert alice_client.post(_url(objective_indicator), {"period": "2023-06-30", "value": "2"}).status_code == 403
    assert IndicatorValue.objects.count() == 1


def test_another_member_cannot_record(bob_client, activity_indicator):
    assert bob_client.get(_url(activity_indicator)).status_code == 403
    assert bob_client.post(_url(activity_indicator), {"period": "2023-06-30", "value": "2"}).status_code == 403
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"period": "2023-05-05", "value": "1"}, "period"),  # not a measuring period
        ({"period": "2023-03-31", "value": "mucho"}, "value"),
        ({"period": "2023-03-31", "value": "1234567890123"}, "value"),
    ],
)
def test_bad_values_are_explained_beside_the_field(coordinator_client, objective_indicator, data, field):
    response = coordinator_client.post(_url(objective_indicator), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not IndicatorValue.objects.exists()


def test_a_recorded_period_is_no_longer_offered(coordinator_client, objective_indicator):
    IndicatorValue.objects.create(indicator=objective_indicator, period=dt.date(2023, 3, 31), value=1)
    response = coordinator_client.post(_url(objective_indicator), {"period": "2023-03-31", "value": "2"})
    assert response.status_code == 400 and response.context["form"].errors["period"]
    assert IndicatorValue.objects.get().value == 1
