from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MemberFactory

# Pages of the foundation: (url name, expected status per role). Anonymous visitors are sent to sign in.
SIGNED_IN_PAGES = ["members:list", "governance:index", "actionplan:index"]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", SIGNED_IN_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("member", 200), ("other_member", 200), ("coordinator", 200)],
)
def test_section_pages_need_sign_in(role_clients, url_name, role, expected):
    response = role_clients[role].get(reverse(url_name))
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_anonymous_home_is_the_public_landing_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "ngn_portal/landing.html"
    body = response.content.decode()
    assert "Red de Nueva Generación" in body  # Spanish by default
    assert reverse("account_login") in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "other_member", "coordinator", "outsider"])
def test_signed_in_home_is_the_dashboard(role_clients, role):
    response = role_clients[role].get("/")
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "ngn_portal/dashboard.html"


@pytest.mark.django_db
def test_dashboard_says_honestly_that_sections_are_empty(alice_client):
    body = alice_client.get("/").content.decode()
    assert "Todavía no tiene actividades del plan de acción asignadas." in body
    assert "Todavía no hay reuniones programadas." in body


@pytest.mark.django_db
def test_admin_link_shows_for_staff_only(alice_client, coordinator_client):
    admin_url = reverse("admin:index")
    assert admin_url not in alice_client.get("/").content.decode()
    assert admin_url in coordinator_client.get("/").content.decode()


@pytest.mark.django_db
def test_dashboard_query_budget_is_fixed(alice_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        assert alice_client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("extra_members", [5, 60])
def test_member_list_query_budget_does_not_grow(alice_client, extra_members, django_assert_max_num_queries):
    MemberFactory.create_batch(extra_members)
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("members:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(25, extra_members + 1)


@pytest.mark.django_db
def test_typed_html_is_shown_as_text(alice, bob_client):
    alice.full_name = "<script>alert('x')</script>"
    alice.save()
    body = bob_client.get(reverse("members:list")).content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert" in body
