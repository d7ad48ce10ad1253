from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from actionplan.models import ActivityStatus
from actionplan.services import calendar_token_issue

from .factories import ActivityFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db


def test_coordinator_downloads_activities_as_csv(coordinator_client, activity, alice):
    ProgressUpdateFactory(activity=activity, author=alice, percent=40)
    response = coordinator_client.get(reverse("actionplan:activities_csv", args=[activity.objective.plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(header) == 14 and len(rows) == 1
    _plan, _objective, code, _title, owner, *_rest = rows[0]
    assert (code, owner) == ("A1.1", "Alice Prueba Dueña")
    assert rows[0][header.index("Avance (%)")] == "40"


def test_csv_quotes_what_a_spreadsheet_would_run(coordinator_client, objective, alice):
    ActivityFactory(objective=objective, owner=alice.member, title='=HYPERLINK("http://evil.example")')
    response = coordinator_client.get(reverse("actionplan:activities_csv", args=[objective.plan.pk]))
    _header, row = csv.reader(io.StringIO(response.content.decode()))
    assert row[3] == '\'=HYPERLINK("http://evil.example")'


def test_csv_follows_the_filters(coordinator_client, activity, bob, objective):
    ActivityFactory(objective=objective, owner=bob.member, code="A1.2")
    url = reverse("actionplan:activities_csv", args=[objective.plan.pk])
    _header, *rows = csv.reader(io.StringIO(coordinator_client.get(url, {"owner": bob.member.pk}).content.decode()))
    assert [r[2] for r in rows] == ["A1.2"]


def test_pdf_report_has_the_charts(coordinator_client, activity, alice):
    ProgressUpdateFactory(activity=activity, author=alice, percent=40)
    response = coordinator_client.get(reverse("actionplan:report_pdf", args=[activity.objective.plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_report_html_renders_svg_inline(rf, coordinator, activity):
    from django.template.loader import render_to_string

    from actionplan.progress import plan_figures
    from actionplan.views.plan import overview_context

    from .conftest import TODAY

    plan = activity.objective.plan
    html = render_to_string("actionplan/report.html", overview_context(plan, plan_figures(plan, today=TODAY)))
    assert html.count("<svg") == 3 and '<title id="kf-chart-title">' in html


def _feed(client, token, secret):
    return client.get(reverse("actionplan:calendar_feed", kwargs={"key": token.key, "secret": secret}))


def test_calendar_feed_lists_my_open_due_dates(client, alice, activity, objective, bob):
    ActivityFactory(objective=objective, owner=alice.member, code="A1.2", status=ActivityStatus.DONE)
    contributed = ActivityFactory(objective=objective, owner=bob.member, code="A1.3")
    contributed.contributors.add(alice.member)
    token, secret = calendar_token_issue(user=alice)
    response = _feed(client, token, secret)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(e["summary"]).split()[1] for e in events) == ["A1.1", "A1.3"]


def test_calendar_feed_refuses_a_wrong_or_revoked_secret(client, coordinator_client, alice, alice_client):
    token, secret = calendar_token_issue(user=alice)
    assert _feed(client, token, secret[:-1] + ("A" if secret[-1] != "A" else "B")).status_code == 404
    alice_client.post(reverse("actionplan:calendar"), {"action": "revoke"})
    assert _feed(client, token, secret).status_code == 404


def test_member_issues_a_calendar_address_on_the_page(alice_client, client):
    response = alice_client.post(reverse("actionplan:calendar"), {"action": "issue"})
    feed_url = response.context["feed_url"]
    assert "/plan/calendar/" in feed_url
    assert client.get(feed_url.replace("http://testserver", "")).status_code == 200
    # Issuing again replaces the address: the old one stops working.
    alice_client.post(reverse("actionplan:calendar"), {"action": "issue"})
    assert client.get(feed_url.replace("http://testserver", "")).status_code == 404
