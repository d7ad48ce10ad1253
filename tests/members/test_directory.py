"""The directory: who appears, which personal fields each viewer sees, search, exports and the query budget."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from members.models import Member, MemberStatus, Office, User, Visibility
from members.search import search_text_for
from members.services import member_end
from tests.factories import MemberFactory, OfficeFactory

LIST = reverse("members:list")


def _bulk_members(count: int, office: Office) -> None:
    # Bulk inserts: a thousand members in two queries keeps the test fast.
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@ngn.example", full_name=f"Masivo Prueba {n:04d}", password="!") for n in range(count)
    )
    Member.objects.bulk_create(
        Member(
            user=user,
            office=office,
            position_title="Analista",
            joined_on=dt.date(2024, 1, 1),
            cohort=f"Cohorte {2023 + n % 2}",
            phone="+593 9 000 0000",
            phone_visibility=Visibility.MEMBERS,
            skills="datos, riesgo",
            # bulk_create skips save(), which writes the search text.
            search_text=search_text_for(
                full_name=user.full_name, office=office, position_title="Analista", skills="datos, riesgo"
            ),
        )
        for n, user in enumerate(users)
    )


@pytest.mark.parametrize("count", [10, 1000])
@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_the_directory_has_the_same_query_budget_at_10_and_1000_members(
    role_clients, role, count, django_assert_max_num_queries
):
    _bulk_members(count, OfficeFactory())
    # The first request fills the directory's cache (total, offices, cohorts: three more queries, once).
    role_clients[role].get(LIST)
    with django_assert_max_num_queries(6):
        response = role_clients[role].get(LIST, {"q": "prueba", "sort": "office"})
    assert response.status_code == 200
    # alice, bob and the coordinator are members too (role_clients creates them).
    assert len(response.context["rows"]) == min(25, count + 3)


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("outsider", 200), ("member", 200)])
def test_the_directory_needs_sign_in(role_clients, role, expected):
    response = role_clients[role].get(LIST)
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("account_login"))


@pytest.fixture
def carol(db):
    return MemberFactory(
        user__full_name="Carol Prueba Privada",
        user__email="carol@ngn.example",
        phone="+593 9 111 2222",
        date_of_birth=dt.date(1996, 5, 4),
        email_visibility=Visibility.NOBODY,
        phone_visibility=Visibility.COORDINATORS,
        date_of_birth_visibility=Visibility.MEMBERS,
    )


def test_each_personal_field_follows_its_owners_choice(carol, alice_client, charlie_client, coordinator_client):
    member_page = alice_client.get(reverse("members:detail", args=[carol.pk])).content.decode()
    assert "+593 9 111 2222" not in member_page and "carol@ngn.example" not in member_page
    assert "1996" in member_page  # shared with members
    coordinator_page = coordinator_client.get(reverse("members:detail", args=[carol.pk])).content.decode()
    assert "+593 9 111 2222" in coordinator_page and "carol@ngn.example" not in coordinator_page
    outsider_page = charlie_client.get(reverse("members:detail", args=[carol.pk])).content.decode()
    assert "1996" not in outsider_page  # signed in, but not a member
    directory = alice_client.get(LIST).content.decode()
    assert "Carol Prueba Privada" in directory and "+593 9 111 2222" not in directory
    assert "+593 9 111 2222" in coordinator_client.get(LIST).content.decode()


def test_the_owner_always_sees_their_own_fields(carol):
    from django.test import Client

    client = Client()
    client.force_login(carol.user)
    page = client.get(reverse("members:detail", args=[carol.pk])).content.decode()
    assert "carol@ngn.example" in page and "+593 9 111 2222" in page


def test_search_filters_and_sorting(alice_client, alice):
    quito = OfficeFactory(code="uio", name="Distrito Quito", city="Quito")
    MemberFactory(user__full_name="Rita Prueba Riesgos", office=quito, skills="análisis de riesgo, inglés")
    MemberFactory(user__full_name="Omar Prueba Otro", position_title="Inspector", cohort="Cohorte 2024")
    found = lambda **params: [m.user.full_name for m, _ in alice_client.get(LIST, params).context["rows"]]  # noqa: E731
    assert found(q="riesgo") == ["Rita Prueba Riesgos"]
    assert found(q="quito") == ["Rita Prueba Riesgos"]
    assert found(q="inspector") == ["Omar Prueba Otro"]
    assert found(q="rita riesgo") == ["Rita Prueba Riesgos"]
    assert found(office=quito.pk) == ["Rita Prueba Riesgos"]
    assert found(cohort="Cohorte 2024") == ["Omar Prueba Otro"]
    assert found(sort="-name")[0] == "Rita Prueba Riesgos"
    assert "Ningún miembro coincide" in alice_client.get(LIST, {"q": "zzzz"}).content.decode()


def test_members_see_active_members_and_coordinators_see_every_status(alice_client, coordinator_client, coordinator):
    gone = MemberFactory(user__full_name="Gonzalo Prueba Retirado")
    member_end(member=gone, by=coordinator, status=MemberStatus.LEFT, reason="Cambio de institución")
    assert "Gonzalo" not in alice_client.get(LIST).content.decode()
    assert alice_client.get(reverse("members:detail", args=[gone.pk])).status_code == 404
    page = coordinator_client.get(LIST, {"status": "left"}).content.decode()
    assert "Gonzalo Prueba Retirado" in page
    # A member cannot filter by status: the filter is not even offered to them.
    assert "status" not in alice_client.get(LIST).context["filter"].form.fields


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("member", 403), ("outsider", 403)])
def test_only_coordinators_export(role_clients, role, expected):
    response = role_clients[role].post(reverse("members:export", args=["csv"]))
    assert response.status_code == expected
    assert not AuditEntry.objects.filter(action="members.directory.exported").exists()


def test_the_export_respects_filters_and_visibility_and_is_audited(coordinator_client, coordinator, carol):
    response = coordinator_client.post(reverse("members:export", args=["csv"]) + "?q=carol")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["full_name"] for row in rows] == ["Carol Prueba Privada"]
    assert rows[0]["email"] == ""  # she shows her email to nobody
    assert "phone" not in rows[0] and "date_of_birth" not in rows[0]
    entry = AuditEntry.objects.get(action="members.directory.exported")
    assert entry.actor == coordinator and entry.data["rows"] == 1 and entry.data["format"] == "csv"


def test_an_unknown_export_format_is_not_found(coordinator_client):
    assert coordinator_client.post(reverse("members:export", args=["pdf"])).status_code == 404


def test_xlsx_export_when_openpyxl_is_installed(coordinator_client):
    pytest.importorskip("openpyxl")
    response = coordinator_client.post(reverse("members:export", args=["xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
