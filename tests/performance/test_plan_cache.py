"""The plan's figures are cached, and every write that changes them shows at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.models import ActionPlan, Activity, KeyFactor, Objective, PlanStatus
from actionplan.services import progress_update_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(alice) -> Activity:
    today = dt.date.today()
    plan = ActionPlan.objects.create(
        title_es="Plan en caché",
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
        status=PlanStatus.ACTIVE,
    )
    objective = Objective.objects.create(plan=plan, code="O1", title_es="Objetivo uno")
    return Activity.objects.create(
        objective=objective,
        code="A1.1",
        title="Actividad en caché",
        owner=alice.member,
        start_date=plan.period_start,
        due_date=plan.period_end,
        status="in_progress",
    )


def _overview(client, plan):
    response = client.get(reverse("actionplan:plan", args=[plan.pk]))
    assert response.status_code == 200
    return response


def test_the_second_view_reads_the_cache(alice_client, activity) -> None:
    plan = activity.objective.plan
    _overview(alice_client, plan)
    with CaptureQueriesContext(connection) as queries:
        _overview(alice_client, plan)
    assert not any("actionplan_progressupdate" in q["sql"] for q in queries)


def test_a_progress_update_shows_at_once(alice_client, alice, activity) -> None:
    plan = activity.objective.plan
    assert _overview(alice_client, plan).context["figures"].progress == 0
    progress_update_post(activity=activity, by=alice, percent=40, status=None, note="", evidence_link="")
    assert _overview(alice_client, plan).context["figures"].progress == 40
    # The timeline and the list read the same cached figures.
    timeline = alice_client.get(reverse("actionplan:timeline", args=[plan.pk]))
    assert timeline.context["figures"].progress == 40


def test_editing_an_activity_or_the_key_factors_shows_at_once(alice_client, activity) -> None:
    plan = activity.objective.plan
    _overview(alice_client, plan)
    activity.status = "cancelled"
    activity.save()
    assert _overview(alice_client, plan).context["figures"].progress is None
    factor = KeyFactor.objects.order_by("number").first()
    activity.objective.key_factors.add(factor)
    coverage = _overview(alice_client, plan).context["figures"].key_factors
    assert [k.objectives for k in coverage if k.key_factor == factor] == [[activity.objective]]


def _html(client, name, *args, **query) -> str:
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_pages_html_is_cached_and_a_progress_update_shows_at_once(alice_client, alice, activity) -> None:
    plan = activity.objective.plan
    pages = [("actionplan:plan", plan.pk), ("actionplan:timeline", plan.pk), ("actionplan:activities", plan.pk)]
    for name, pk in pages:
        assert "0%" in _html(alice_client, name, pk)
        # The second view draws nothing: no activity is read, the page's HTML comes from the cache.
        with CaptureQueriesContext(connection) as queries:
            _html(alice_client, name, pk)
        assert not any("actionplan_activity" in q["sql"] for q in queries), name
    progress_update_post(activity=activity, by=alice, percent=40, status=None, note="", evidence_link="")
    assert 'data-testid="plan-progress">40%' in _html(alice_client, "actionplan:plan", plan.pk)
    assert "<td>40%</td>" in _html(alice_client, "actionplan:timeline", plan.pk)
    assert 'value="40" aria-hidden="true"></progress>40%' in _html(alice_client, "actionplan:activities", plan.pk)


def test_the_cached_html_follows_the_address_and_the_language(alice_client, bob, bob_client, activity) -> None:
    plan = activity.objective.plan
    assert "1 actividad coincide." in _html(alice_client, "actionplan:activities", plan.pk)
    assert "0 actividades coinciden." in _html(alice_client, "actionplan:activities", plan.pk, status="done")
    bob.preferred_language = "en"
    bob.save()
    assert "1 activity matches." in _html(bob_client, "actionplan:activities", plan.pk)
    assert "1 actividad coincide." in _html(alice_client, "actionplan:activities", plan.pk)


def test_the_activity_page_is_cached_and_shows_a_write_at_once(alice_client, alice, bob, activity) -> None:
    url = reverse("actionplan:activity", args=[activity.pk])
    alice_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert alice_client.get(url).status_code == 200
    assert not any("actionplan_progressupdate" in q["sql"] for q in queries)
    progress_update_post(activity=activity, by=alice, percent=55, status=None, note="Hecho a medias", evidence_link="")
    body = alice_client.get(url).content.decode()
    assert "Hecho a medias" in body and 'aria-hidden="true"></progress>55%' in body
    activity.contributors.add(bob.member)  # a change of contributors alone, without saving the activity
    assert "Bob Prueba Otro" in alice_client.get(url).content.decode()
    indicator = activity.indicators.create(name="Sesiones realizadas", target=10)
    assert "Sesiones realizadas" in alice_client.get(url).content.decode()
    indicator.values.create(period=dt.date(2023, 6, 30), value=4, recorded_by=alice)
    assert "<strong>4</strong>" in alice_client.get(url).content.decode()


def test_the_members_activities_are_cached_and_a_new_contribution_shows_at_once(alice_client, bob, activity) -> None:
    from tests.actionplan.factories import ActivityFactory

    home = reverse("home")
    assert "Actividad en caché" in alice_client.get(home).content.decode()
    with CaptureQueriesContext(connection) as queries:
        alice_client.get(home)
    assert not any("actionplan_activity" in q["sql"] for q in queries)
    theirs = ActivityFactory(objective=activity.objective, owner=bob.member, code="A1.2", title="La de Bob")
    assert "La de Bob" not in alice_client.get(home).content.decode()
    mine = reverse("actionplan:mine")
    assert "La de Bob" not in alice_client.get(mine).content.decode()
    theirs.contributors.add(activity.owner)
    assert "La de Bob" in alice_client.get(home).content.decode()
    assert "La de Bob" in alice_client.get(mine).content.decode()


def test_only_the_plain_pages_html_is_kept(alice_client, activity) -> None:
    """Filtered pages, odd parameters and far pages are drawn each time: the cache's entries stay bounded."""
    url = reverse("actionplan:activities", args=[activity.objective.plan.pk])

    def drawn(query: dict) -> bool:
        assert alice_client.get(url, query).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            alice_client.get(url, query)
        return any("members_office" in q["sql"] for q in queries)  # the filter form offers the offices

    assert not drawn({})
    assert not drawn({"owner": "", "status": "", "page": "1"})
    for query in ({"status": "done"}, {"owner": "abc"}, {"utm_source": "x"}, {"page": "9999"}, {"page": ["1", "2"]}):
        assert drawn(query), query


def test_a_renamed_owner_shows_at_once(alice_client, alice, activity) -> None:
    url = reverse("actionplan:activities", args=[activity.objective.plan.pk])
    assert "Alice Nombre Nuevo" not in alice_client.get(url).content.decode()
    alice.full_name = "Alice Nombre Nuevo"
    alice.save()
    assert "Alice Nombre Nuevo" in alice_client.get(url).content.decode()


def test_one_page_has_one_cache_entry_however_its_address_is_written() -> None:
    from django.test import RequestFactory

    from actionplan.caching import MAX_CACHED_PAGE, _plain_page

    def page(query: str) -> int | None:
        return _plain_page(RequestFactory().get(f"/plan/?{query}"), filters=("owner", "status"))

    assert page("") == 1 and page("page=1") == 1 and page("owner=&status=&page=2") == 2
    for odd in ("page=01", "page=0", "page=+1", "page=\u0661", f"page={MAX_CACHED_PAGE + 1}", "owner=5", "x=1"):
        assert page(odd) is None, odd
