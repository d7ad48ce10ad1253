from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from audit.models import AuditEntry
from governance.models import Mandate
from governance.services import mandate_create
from governance.services.positions import add_months

from .factories import PositionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in English here; the Spanish ones are checked through the pages.
    with translation.override("en"):
        yield


START = dt.date(2023, 3, 15)


def test_a_mandate_lasts_the_term_of_its_position_by_default(alice, coordinator):
    mandate = mandate_create(member=alice.member, position=PositionFactory(), starts_on=START, by=coordinator)
    assert mandate.ends_on == dt.date(2024, 3, 15)
    assert AuditEntry.objects.filter(action="governance.mandate.started").exists()


def test_single_seat_positions_cannot_overlap(alice, bob, coordinator):
    chair = PositionFactory()
    mandate_create(member=alice.member, position=chair, starts_on=START, by=coordinator)
    with pytest.raises(ValidationError, match="single seat") as excinfo:
        mandate_create(member=bob.member, position=chair, starts_on=START + dt.timedelta(days=30), by=coordinator)
    assert "starts_on" in excinfo.value.error_dict
    assert Mandate.objects.count() == 1


def test_multi_seat_positions_may_overlap(alice, bob, coordinator):
    reps = PositionFactory(code="district-rep", name_es="Representante", single_seat=False)
    mandate_create(member=alice.member, position=reps, starts_on=START, by=coordinator)
    mandate_create(member=bob.member, position=reps, starts_on=START, by=coordinator)
    assert Mandate.objects.count() == 2


def test_the_consecutive_term_limit_holds(alice, coordinator):
    chair = PositionFactory(consecutive_term_limit=2)
    first = mandate_create(member=alice.member, position=chair, starts_on=START, by=coordinator)
    second = mandate_create(member=alice.member, position=chair, starts_on=first.ends_on, by=coordinator)
    with pytest.raises(ValidationError, match="consecutive terms"):
        mandate_create(member=alice.member, position=chair, starts_on=second.ends_on, by=coordinator)
    # after a real break, the member may serve again
    mandate_create(member=alice.member, position=chair, starts_on=add_months(second.ends_on, 12), by=coordinator)


def test_the_end_comes_after_the_start(alice, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        mandate_create(member=alice.member, position=PositionFactory(), starts_on=START, ends_on=START, by=coordinator)
    assert "ends_on" in excinfo.value.error_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(member=alice.member, position=PositionFactory(), starts_on=START, ends_on=START)


def test_add_months_clamps_to_the_end_of_month():
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2023, 11, 15), 14) == dt.date(2025, 1, 15)
