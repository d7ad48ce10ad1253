from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from actionplan.arusha import key_factors_ensure
from actionplan.models import KeyFactor

from .factories import ActionPlanFactory, ActivityFactory, ObjectiveFactory

# The plan's year, mid-way: every RAG and expected figure in these tests is computed on this day.
TODAY = dt.date(2023, 7, 1)


@pytest.fixture(autouse=True)
def _frozen_today():
    # 12:00 in Guayaquil (UTC-5), so timezone.localdate() is TODAY.
    with time_machine.travel(dt.datetime(2023, 7, 1, 17, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def key_factors(db):
    # Browser tests flush the database, data migrations included: put the ten key factors back.
    key_factors_ensure(KeyFactor)


@pytest.fixture
def plan(key_factors):
    return ActionPlanFactory(title_es="Plan de acción 2023", title_en="Action plan 2023")


@pytest.fixture
def objective(plan):
    return ObjectiveFactory(plan=plan, code="O1", title_es="Consolidar la red", title_en="Consolidate the network")


@pytest.fixture
def activity(objective, alice):
    """Alice owns it; started in February, due end of November."""
    return ActivityFactory(objective=objective, code="A1.1", title="Aprobar los TdR", owner=alice.member)


@pytest.fixture
def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


@pytest.fixture
def png_bytes() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()
