"""Every main page costs the same number of queries with 10 members as with 300 (same budget, both sizes).

Each page is requested once to warm per-process caches (content types, translations), then counted. All pages
are checked before failing, so one run reports every overrun at once.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import Scaled

pytestmark = pytest.mark.django_db


def _measure(client: Client, pages: dict[str, tuple[str, int]]) -> dict[str, tuple[int, int]]:
    """{page: (queries, budget)} for the pages over budget (or not answering 200)."""
    over: dict[str, tuple[int, int]] = {}
    for name, (url, budget) in pages.items():
        assert client.get(url).status_code == 200, name
        with CaptureQueriesContext(connection) as queries:
            status = client.get(url).status_code
        if status != 200 or len(queries) > budget:
            over[name] = (len(queries), budget) if status == 200 else (status, 200)
    return over


def test_member_pages(scaled: Scaled) -> None:
    s = scaled
    tor = ["scale-tor"]
    pages = {
        "home": (reverse("home"), 8),
        "directory": (reverse("members:list"), 8),
        "directory search": (reverse("members:list") + "?q=Prueba+Ana", 8),
        "profile": (reverse("members:detail", args=[s.other.pk]), 5),
        "own profile form": (reverse("members:me"), 4),
        "documents": (reverse("governance:index"), 8),
        "document": (reverse("governance:document", args=tor), 8),
        "version": (reverse("governance:version", args=[*tor, 1, 0]), 8),
        "version in consultation": (reverse("governance:version", args=[*tor, 1, 1]), 7),
        "diff": (reverse("governance:diff", args=tor), 6),
        "meetings": (reverse("governance:meetings"), 6),
        "meeting": (reverse("governance:meeting", args=[s.meeting.pk]), 11),
        "AGM, every active member invited": (reverse("governance:meeting", args=[s.agm.pk]), 11),
        "who's who": (reverse("governance:whos_who"), 5),
        "plan overview": (reverse("actionplan:plan", args=[s.plan.pk]), 6),
        "timeline": (reverse("actionplan:timeline", args=[s.plan.pk]), 8),
        "activities": (reverse("actionplan:activities", args=[s.plan.pk]), 8),
        "activity": (reverse("actionplan:activity", args=[s.activity.pk]), 9),
        "my activities": (reverse("actionplan:mine"), 5),
        "email preferences": (reverse("engagement:preferences"), 5),
    }
    assert _measure(s.member_client, pages) == {}


def test_coordinator_pages(scaled: Scaled) -> None:
    s = scaled
    pages = {
        "home": (reverse("home"), 9),
        "directory": (reverse("members:list"), 7),
        "profile": (reverse("members:detail", args=[s.other.pk]), 5),
        "applications": (reverse("members:applications"), 5),
        "acknowledgements": (reverse("governance:acknowledgements"), 6),
        "meeting": (reverse("governance:meeting", args=[s.meeting.pk]), 9),
        "plan overview": (reverse("actionplan:plan", args=[s.plan.pk]), 5),
        "audit register": (reverse("audit:list"), 5),
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
    pages = {name: (reverse(f"admin:{name}_changelist"), budget) for name, budget in changelist.items()}
    pages["members filtered"] = (reverse("admin:members_member_changelist") + "?status__exact=active", 9)
    pages["outbox filtered"] = (reverse("admin:engagement_outgoingemail_changelist") + "?status__exact=failed", 7)
    pages["audit filtered"] = (reverse("admin:audit_auditentry_changelist") + "?action=actionplan.update.posted", 8)
    pages["outbox search"] = (reverse("admin:engagement_outgoingemail_changelist") + "?q=member00001", 7)
    assert _measure(admin_client, pages) == {}
