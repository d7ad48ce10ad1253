"""Every main page costs the same number of queries with 10 members as with 300 (same budget, both sizes).

Budgets are (warm, cold): a page served from the cached figures, and the same page right after a write, when
they are recomputed. All pages are checked before failing, so one run reports every overrun at once.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import Scaled

pytestmark = pytest.mark.django_db


def _measure(client: Client, pages: dict[str, tuple[str, int, int]]) -> dict[str, tuple[str, int, int]]:
    """{page: (request, queries, budget)} for the pages over budget (or not answering 200).

    Each page is counted twice: cold (the shared cache emptied, as after a write: the cached figures are
    recomputed) and then warm. Both budgets hold at both sizes, so a cache cannot hide a query per row.
    """
    over: dict[str, tuple[str, int, int]] = {}
    for name, (url, warm_budget, cold_budget) in pages.items():
        client.get(url)  # per-process caches (content types, translations, templates)
        for moment, budget in (("cold", cold_budget), ("warm", warm_budget)):
            if moment == "cold":
                cache.clear()
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            if status != 200 or len(queries) > budget:
                over[name] = (moment, len(queries), budget) if status == 200 else (moment, status, 200)
    return over


def test_member_pages(scaled: Scaled) -> None:
    s = scaled
    tor = ["scale-tor"]
    pages = {
        "home": (reverse("home"), 5, 7),
        "directory": (reverse("members:list"), 5, 8),
        "directory search": (reverse("members:list") + "?q=Prueba+Ana", 6, 9),
        "profile": (reverse("members:detail", args=[s.other.pk]), 5, 5),
        "own profile form": (reverse("members:me"), 4, 4),
        "documents": (reverse("governance:index"), 8, 8),
        "document": (reverse("governance:document", args=tor), 8, 8),
        "version": (reverse("governance:version", args=[*tor, 1, 0]), 8, 8),
        "version in consultation": (reverse("governance:version", args=[*tor, 1, 1]), 7, 7),
        "diff": (reverse("governance:diff", args=tor), 6, 6),
        "meetings": (reverse("governance:meetings"), 6, 6),
        "meeting": (reverse("governance:meeting", args=[s.meeting.pk]), 6, 10),
        "AGM, every active member invited": (reverse("governance:meeting", args=[s.agm.pk]), 6, 10),
        "who's who": (reverse("governance:whos_who"), 5, 5),
        "plan overview": (reverse("actionplan:plan", args=[s.plan.pk]), 6, 10),
        "timeline": (reverse("actionplan:timeline", args=[s.plan.pk]), 5, 11),
        "activities": (reverse("actionplan:activities", args=[s.plan.pk]), 5, 11),
        "activity": (reverse("actionplan:activity", args=[s.activity.pk]), 4, 8),
        "my activities": (reverse("actionplan:mine"), 4, 5),
        "email preferences": (reverse("engagement:preferences"), 5, 5),
    }
    assert _measure(s.member_client, pages) == {}


def test_coordinator_pages(scaled: Scaled) -> None:
    s = scaled
    pages = {
        "home": (reverse("home"), 6, 8),
        "directory": (reverse("members:list"), 4, 7),
        "profile": (reverse("members:detail", args=[s.other.pk]), 5, 5),
        "applications": (reverse("members:applications"), 5, 5),
        "acknowledgements": (reverse("governance:acknowledgements"), 5, 7),
        "meeting": (reverse("governance:meeting", args=[s.meeting.pk]), 4, 8),
        "plan overview": (reverse("actionplan:plan", args=[s.plan.pk]), 5, 9),
        "audit register": (reverse("audit:list"), 5, 5),
    }
    assert _measure(s.coordinator_client, pages) == {}


def test_admin_changelists(scaled: Scaled, admin_client: Client) -> None:
    # The big lists (members, outbox, audit register) never count the whole table: see ngn_portal.scale.
    changelist = {
        "members_member": 9,
        "members_user": 8,
        "engagement_outgoingemail": 7,
        "audit_auditentry": 8,
        "actionplan_activity": 12,
    }
    # The admin caches nothing: the same budget cold and warm.
    pages = {name: (reverse(f"admin:{name}_changelist"), budget, budget) for name, budget in changelist.items()}
    admin = {
        "members filtered": (reverse("admin:members_member_changelist") + "?status__exact=active", 9),
        "outbox filtered": (reverse("admin:engagement_outgoingemail_changelist") + "?status__exact=failed", 7),
        "audit filtered": (reverse("admin:audit_auditentry_changelist") + "?action=actionplan.update.posted", 8),
        "outbox search": (reverse("admin:engagement_outgoingemail_changelist") + "?q=member00001", 7),
    }
    pages.update({name: (url, budget, budget) for name, (url, budget) in admin.items()})
    assert _measure(admin_client, pages) == {}
