"""The directory's total, offices and cohorts come from a cache that every relevant write drops at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members.caching import directory_facts
from members.models import MemberStatus
from members.services import member_end
from tests.factories import MemberFactory, OfficeFactory

pytestmark = pytest.mark.django_db

LIST = reverse("members:list")


def _total(client) -> int:
    return client.get(LIST).context["page"].paginator.count


def test_a_new_member_shows_in_the_total_and_the_cohorts_at_once(alice_client, alice):
    before = _total(alice_client)
    MemberFactory(cohort="Cohorte 2031")
    response = alice_client.get(LIST)
    assert response.context["page"].paginator.count == before + 1
    assert ("Cohorte 2031", "Cohorte 2031") in response.context["filter"].form.fields["cohort"].choices


def test_a_new_or_renamed_office_shows_in_the_choices_at_once(alice_client, alice):
    alice_client.get(LIST)
    office = OfficeFactory(name="Distrito Nuevo")
    choices = dict(alice_client.get(LIST).context["filter"].form.fields["office"].choices)
    assert choices[office.pk] == "Distrito Nuevo"
    office.name = "Distrito Renombrado"
    office.save()
    choices = dict(alice_client.get(LIST).context["filter"].form.fields["office"].choices)
    assert choices[office.pk] == "Distrito Renombrado"


def test_a_member_who_leaves_or_whose_account_is_closed_leaves_the_total(alice_client, alice, coordinator):
    bob = MemberFactory()
    carol = MemberFactory()
    before = _total(alice_client)
    member_end(member=bob, by=coordinator, status=MemberStatus.LEFT, reason="Cambio de institución")
    assert _total(alice_client) == before - 1
    carol.user.is_active = False
    carol.user.save()
    assert _total(alice_client) == before - 2


def test_members_and_coordinators_have_their_own_totals(alice_client, coordinator_client, alice, coordinator):
    gone = MemberFactory()
    member_end(member=gone, by=coordinator, status=MemberStatus.LEFT, reason="Cambio de institución")
    assert _total(coordinator_client) == _total(alice_client) + 1


def test_signing_in_keeps_the_cache(alice, client):
    directory_facts(coordinator=False)
    client.force_login(alice)  # saves last_login alone
    with CaptureQueriesContext(connection) as queries:
        directory_facts(coordinator=False)
    assert len(queries) == 0


def test_a_filtered_list_counts_what_it_shows(alice_client, alice):
    MemberFactory(user__full_name="Único Prueba Filtrado")
    assert _total(alice_client) > 1
    response = alice_client.get(LIST, {"q": "filtrado"})
    assert response.context["page"].paginator.count == 1
    # Sorting alone leaves the whole directory: its total comes from the cache.
    assert alice_client.get(LIST, {"sort": "-name"}).context["page"].paginator.count == _total(alice_client)


def test_signing_in_records_the_time_without_a_history_row(alice, client):
    before = alice.history.count()
    client.force_login(alice)
    alice.refresh_from_db()
    assert alice.last_login is not None
    assert alice.history.count() == before
