"""The directory's search text follows every change of what it is made of, and folds accents and case."""

from __future__ import annotations

import pytest
from django.urls import reverse

from members.models import Member, MemberStatus
from members.search import fold
from members.services import member_anonymise, member_end
from tests.factories import MemberFactory, OfficeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("members:list")


def _found(client, q: str) -> list[str]:
    return [member.user.full_name for member, _ in client.get(LIST, {"q": q}).context["rows"]]


def test_accents_and_case_do_not_matter(alice_client, alice):
    MemberFactory(user__full_name="Sofía Núñez Prueba", skills="Análisis de riesgo")
    assert _found(alice_client, "sofia nunez") == ["Sofía Núñez Prueba"]
    assert _found(alice_client, "ANALISIS") == ["Sofía Núñez Prueba"]
    assert fold("Ñandú ÉXITO") == "nandu exito"


def test_each_word_may_match_a_different_place(alice_client, alice):
    quito = OfficeFactory(name="Distrito Norte", city="Quito")
    MemberFactory(user__full_name="Rita Prueba Riesgos", office=quito, position_title="Analista")
    MemberFactory(user__full_name="Rita Prueba Otra", position_title="Analista")
    assert _found(alice_client, "rita quito analista") == ["Rita Prueba Riesgos"]


def test_a_renamed_account_or_office_and_an_edited_profile_are_found_at_once(alice_client, alice):
    office = OfficeFactory(name="Distrito Viejo", city="Loja")
    member = MemberFactory(user__full_name="Carlos Prueba Antes", office=office)
    member.user.full_name = "Carlos Prueba Después"
    member.user.save()
    assert _found(alice_client, "despues") == ["Carlos Prueba Después"]
    office.name = "Distrito Renombrado"
    office.save()
    assert _found(alice_client, "renombrado") == ["Carlos Prueba Después"]
    assert _found(alice_client, "viejo") == []
    member.refresh_from_db()
    member.skills = "cartografía"
    member.save(update_fields=["skills"])
    assert _found(alice_client, "cartografia") == ["Carlos Prueba Después"]


def test_an_anonymised_member_is_no_longer_found_by_their_old_name(coordinator, alice_client, alice):
    member = MemberFactory(user__full_name="Olvido Prueba Borrable")
    member_end(member=member, by=coordinator, status=MemberStatus.LEFT, reason="Cambio de institución")
    member_anonymise(member=member, by=coordinator, reason="Pedido del titular")
    assert _found(alice_client, "borrable") == []
    assert "borrable" not in Member.objects.get(pk=member.pk).search_text


def test_a_status_change_leaves_the_search_text_and_reads_nothing_more(coordinator, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    member = Member.objects.get(user=alice)  # account and office not loaded
    text = member.search_text
    member.status_reason = "Licencia"
    with CaptureQueriesContext(connection) as queries:
        member.save(update_fields=["status_reason"])
    # The update and its history row; neither the account nor the office is read.
    assert not [q for q in queries if "members_user" in q["sql"] or "members_office" in q["sql"]]
    assert member.search_text == text
