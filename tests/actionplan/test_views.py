"""Every page: who may see it, who may change things through it, and what bad input gets."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.models import Activity, ActivityStatus, ProgressUpdate

from .factories import ObjectiveFactory, ProgressUpdateFactory

pytestmark = pytest.mark.django_db

READ_PAGES = [
    ("actionplan:index", None),
    ("actionplan:plans", None),
    ("actionplan:mine", None),
    ("actionplan:calendar", None),
    ("actionplan:plan", "plan"),
    ("actionplan:timeline", "plan"),
    ("actionplan:activities", "plan"),
    ("actionplan:objective", "objective"),
    ("actionplan:activity", "activity"),
]
COORDINATOR_PAGES = [
    ("actionplan:activities_csv", "plan"),
    ("actionplan:report_pdf", "plan"),
    ("actionplan:plan_copy", "plan"),
    ("actionplan:activity_edit", "activity"),
    ("actionplan:activity_create", "objective"),
]


def _url(name, arg, objects):
    return reverse(name, args=[objects[arg].pk] if arg else [])


@pytest.fixture
def objects(plan, objective, activity):
    return {"plan": plan, "objective": objective, "activity": activity}


@pytest.mark.parametrize(("name", "arg"), READ_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 403), ("member", 200), ("other_member", 200), ("coordinator", 200)],
)
def test_read_pages(role_clients, objects, name, arg, role, status):
    response = role_clients[role].get(_url(name, arg, objects))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "arg"), COORDINATOR_PAGES)
@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 403), ("member", 403), ("other_member", 403), ("coordinator", 200)],
)
def test_coordinator_pages(role_clients, objects, name, arg, role, status):
    assert role_clients[role].get(_url(name, arg, objects)).status_code == status


def test_overview_shows_the_rollup_and_explains_it(alice_client, activity, alice):
    ProgressUpdateFactory(activity=activity, author=alice, percent=40)
    response = alice_client.get(reverse("actionplan:plan", args=[activity.objective.plan.pk]))
    body = response.content.decode()
    assert 'data-testid="plan-progress">40%' in body
    assert 'role="img"' in body and '<title id="objective-chart-title">' in body
    assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]
    assert " onclick=" not in body and " onload=" not in body


def test_owner_posts_an_update(alice_client, activity):
    response = alice_client.post(reverse("actionplan:activity", args=[activity.pk]), {"percent": 35, "note": "Listo"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS
    assert activity.updates.get().percent == 35


def test_another_members_post_is_refused_and_nothing_saved(bob_client, activity):
    response = bob_client.post(reverse("actionplan:activity", args=[activity.pk]), {"percent": 90, "note": "no"})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.NOT_STARTED
    assert not ProgressUpdate.objects.exists()


def test_coordinator_posts_on_any_activity(coordinator_client, activity):
    response = coordinator_client.post(reverse("actionplan:activity", args=[activity.pk]), {"percent": 10})
    assert response.status_code == 302
    assert activity.updates.count() == 1


def _field_error(response, field):
    form = response.context["form"]
    return " ".join(form.errors.get(field, []))


@pytest.mark.parametrize("percent", [-5, 101, "mucho"])
def test_bad_percent_is_explained_beside_the_field(alice_client, activity, percent):
    response = alice_client.post(reverse("actionplan:activity", args=[activity.pk]), {"percent": percent})
    assert response.status_code == 400
    assert _field_error(response, "percent")
    assert 'id="id_percent"' in response.content.decode() and "is-invalid" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_update_to_a_cancelled_activity_is_refused_with_a_message(alice_client, activity):
    Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
    response = alice_client.post(reverse("actionplan:activity", args=[activity.pk]), {"percent": 50})
    assert response.status_code == 400
    assert "cancelada" in " ".join(response.context["form"].non_field_errors())
    assert not ProgressUpdate.objects.exists()


def test_wrong_evidence_type_is_explained_beside_the_field(alice_client, activity):
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", content_type="image/svg+xml")
    response = alice_client.post(
        reverse("actionplan:activity", args=[activity.pk]), {"percent": 50, "evidence_file": svg}
    )
    assert response.status_code == 400
    assert "PDF" in _field_error(response, "evidence_file")
    assert not ProgressUpdate.objects.exists()


def test_html_typed_in_a_note_shows_as_text(alice_client, activity):
    alice_client.post(reverse("actionplan:activity", args=[activity.pk]), {"percent": 5, "note": "<b>hola</b>"})
    body = alice_client.get(reverse("actionplan:activity", args=[activity.pk])).content.decode()
    assert "&lt;b&gt;hola&lt;/b&gt;" in body and "<b>hola</b>" not in body


def test_evidence_is_served_to_readers_with_safe_headers(
    alice_client, bob_client, charlie_client, client, activity, pdf_bytes
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    alice_client.post(
        reverse("actionplan:activity", args=[activity.pk]),
        {"percent": 50, "evidence_file": SimpleUploadedFile("acta.pdf", pdf_bytes)},
    )
    update = ProgressUpdate.objects.get()
    url = reverse("actionplan:evidence", args=[update.pk])
    response = bob_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == pdf_bytes
    assert client.get(url).status_code == 302
    assert charlie_client.get(url).status_code == 403


def test_coordinator_edit_refuses_due_before_start(coordinator_client, activity):
    url = reverse("actionplan:activity_edit", args=[activity.pk])
    response = coordinator_client.post(
        url,
        {"code": "A1.1", "title": "Nuevo título", "owner": activity.owner.pk, "start_date": "2023-05-01",
         "due_date": "2023-04-01", "weight": 1},
    )  # fmt: skip
    assert response.status_code == 400
    assert "anterior a la fecha de inicio" in _field_error(response, "due_date")
    activity.refresh_from_db()
    assert activity.title == "Aprobar los TdR"


def test_coordinator_creates_an_activity(coordinator_client, objective, alice):
    response = coordinator_client.post(
        reverse("actionplan:activity_create", args=[objective.pk]),
        {"code": "A1.9", "title": "Nueva", "owner": alice.member.pk, "start_date": "2023-05-01",
         "due_date": "2023-06-01", "weight": 2},
    )  # fmt: skip
    assert response.status_code == 302
    assert Activity.objects.get(code="A1.9").objective == objective


def test_member_cannot_edit_or_create(alice_client, activity):
    response = alice_client.post(reverse("actionplan:activity_edit", args=[activity.pk]), {"title": "x"})
    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Aprobar los TdR"


def test_plan_copy_through_the_page(coordinator_client, plan, objective):
    response = coordinator_client.post(
        reverse("actionplan:plan_copy", args=[plan.pk]),
        {
            "title_es": "Plan 2024",
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "carry_over_unfinished": "on",
        },
    )
    assert response.status_code == 302
    bad = coordinator_client.post(
        reverse("actionplan:plan_copy", args=[plan.pk]),
        {"title_es": "Plan 2025", "period_start": "2025-12-01", "period_end": "2025-01-01"},
    )
    assert bad.status_code == 200 and bad.context["form"].errors["period_end"]


def test_plan_transition_buttons(coordinator_client, alice_client, plan):
    url = reverse("actionplan:plan_transition", args=[plan.pk])
    assert alice_client.post(url, {"to": "closed"}).status_code == 403
    plan.refresh_from_db()
    assert plan.status == "active"
    coordinator_client.post(url, {"to": "draft"})  # not allowed from active: a message, no change
    plan.refresh_from_db()
    assert plan.status == "active"
    coordinator_client.post(url, {"to": "closed"})
    plan.refresh_from_db()
    assert plan.status == "closed"


def test_filters_narrow_the_activity_list(alice_client, bob, plan, objective, activity):
    from .factories import ActivityFactory

    ActivityFactory(objective=objective, owner=bob.member, code="A1.2", title="De Bob")
    url = reverse("actionplan:activities", args=[plan.pk])
    body = alice_client.get(url, {"owner": bob.member.pk}).content.decode()
    assert "De Bob" in body and "Aprobar los TdR" not in body
    body = alice_client.get(url, {"status": "done"}).content.decode()
    assert "De Bob" not in body
    body = alice_client.get(url, {"office": activity.owner.office_id}).content.decode()
    assert "Aprobar los TdR" in body and "De Bob" not in body
    objective.key_factors.set([9])
    assert "De Bob" in alice_client.get(url, {"key_factor": 9}).content.decode()
    assert "De Bob" not in alice_client.get(url, {"key_factor": 4}).content.decode()


def test_dashboard_panel_lists_my_open_activities(alice_client, bob_client, activity, plan):
    body = alice_client.get(reverse("home")).content.decode()
    assert "Aprobar los TdR" in body
    assert "Aprobar los TdR" not in bob_client.get(reverse("home")).content.decode()
    plan.status = "closed"
    plan.save()
    assert "Aprobar los TdR" not in alice_client.get(reverse("home")).content.decode()


@pytest.mark.parametrize(
    "query",
    [{"owner": "abc"}, {"status": "nonsense"}, {"key_factor": "999"}, {"objective": "999"}, {"page": "x"}],
)
def test_odd_filter_values_never_break_the_pages(alice_client, plan, activity, query):
    for name in ("actionplan:activities", "actionplan:timeline"):
        assert alice_client.get(reverse(name, args=[plan.pk]), query).status_code == 200


def test_overview_lists_at_most_25_late_activities(alice_client, plan, objective, alice):
    import datetime as dt

    from .factories import ActivityFactory

    for i in range(27):
        ActivityFactory(objective=objective, owner=alice.member, code=f"A9.{i}", due_date=dt.date(2023, 6, 1))
    response = alice_client.get(reverse("actionplan:plan", args=[plan.pk]))
    assert len(response.context["late"]) == 25 and response.context["late_more"] == 2
    assert "Y 2 actividades atrasadas más" in response.content.decode()


@pytest.fixture
def thirty_activities(plan, alice):
    """20 activities under O1 and 10 under O2: more than one page of 25."""
    from .factories import ActivityFactory, ObjectiveFactory

    first = ObjectiveFactory(plan=plan, code="O1", title_es="Primero")
    second = ObjectiveFactory(plan=plan, code="O2", title_es="Segundo")
    for i in range(1, 21):
        ActivityFactory(objective=first, owner=alice.member, code=f"A1.{i:02}", title=f"Tarea uno {i:02}")
    for i in range(1, 11):
        ActivityFactory(objective=second, owner=alice.member, code=f"A2.{i:02}", title=f"Tarea dos {i:02}")
    return first, second


def _bars(response) -> list[str]:
    return [row["label"] for row in response.context["chart"]["rows"] if row["kind"] == "activity"]


def _groups(response) -> list[str]:
    return [row["label"] for row in response.context["chart"]["rows"] if row["kind"] == "group"]


def test_timeline_shows_25_activities_a_page_grouped_by_objective(alice_client, plan, thirty_activities):
    url = reverse("actionplan:timeline", args=[plan.pk])
    first = alice_client.get(url)
    assert len(_bars(first)) == 25 and _groups(first) == ["O1 Primero", "O2 Segundo"]
    body = first.content.decode()
    assert "30 actividades coinciden." in body and "Aquí se muestran de la 1 a la 25." in body
    assert "Página 1 de 2" in body and 'href="?page=2"' in body
    second = alice_client.get(url, {"page": 2})
    assert _bars(second) == [f"A2.{i:02} Tarea dos {i:02}" for i in range(6, 11)]
    assert _groups(second) == ["O2 Segundo"]
    # The time axis is the plan's and every activity's, not only this page's: bars line up across pages.
    assert first.context["chart"]["start"] == second.context["chart"]["start"] == plan.period_start


def test_timeline_drills_down_to_an_objective_and_keeps_the_filters(alice_client, plan, thirty_activities):
    _first, second = thirty_activities
    url = reverse("actionplan:timeline", args=[plan.pk])
    drilled = alice_client.get(url, {"objective": second.pk})
    assert len(_bars(drilled)) == 10 and _groups(drilled) == ["O2 Segundo"]
    assert f'<option value="{second.pk}" selected>O2 Segundo</option>' in drilled.content.decode()
    filtered = alice_client.get(url, {"status": "not_started"})
    assert len(_bars(filtered)) == 25
    assert 'href="?status=not_started&amp;page=2"' in filtered.content.decode()
    # An objective of another plan is no choice here: the value is ignored, never an error.
    other = ObjectiveFactory(code="O9")
    assert len(_bars(alice_client.get(url, {"objective": other.pk}))) == 25


def test_activity_list_shows_25_a_page_with_the_total_and_the_filters_kept(alice_client, plan, thirty_activities):
    url = reverse("actionplan:activities", args=[plan.pk])
    response = alice_client.get(url, {"status": "not_started"})
    page = response.context["page"]
    assert page.paginator.count == 30 and len(page.object_list) == 25
    body = response.content.decode()
    assert "30 actividades coinciden." in body and body.count('href="/plan/activity/') == 25
    assert 'href="?status=not_started&amp;page=2"' in body
    second = alice_client.get(url, {"status": "not_started", "page": 2}).content.decode()
    assert second.count('href="/plan/activity/') == 5 and "Aquí se muestran de la 26 a la 30." in second


def test_the_owner_filter_offers_the_plans_owners_only(alice_client, alice, bob, charlie, plan, activity):
    body = alice_client.get(reverse("actionplan:activities", args=[plan.pk])).content.decode()
    owner_select = body.split('name="owner"', 1)[1].split("</select>", 1)[0]
    assert f'<option value="{alice.member.pk}">Alice Prueba Dueña</option>' in owner_select
    assert "Bob Prueba Otro" not in owner_select
