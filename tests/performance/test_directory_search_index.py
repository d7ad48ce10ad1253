"""The directory's search is served by the trigram index on the folded search text on PostgreSQL (members 0010),
and still works on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from members.filters import DirectoryFilter
from members.models import Member, Office, User
from members.search import search_text_for
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_the_search_finds_a_name_anywhere_in_it(alice_client) -> None:
    MemberFactory(user__full_name="Rosa Ficticio Muestra")
    MemberFactory(user__full_name="Pedro Ejemplo Demo")
    response = alice_client.get(reverse("members:list"), {"q": "ficti"})
    assert response.status_code == 200
    assert "Rosa Ficticio Muestra" in response.content.decode()
    assert "Pedro Ejemplo Demo" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigram index exists on PostgreSQL only")
@pytest.mark.django_db(transaction=True)  # committed rows, so that ANALYZE gives the planner real statistics
def test_explain_shows_the_trigram_indexes() -> None:
    office = Office.objects.create(code="trgm", name="Oficina trigram", city="Quito")
    users = User.objects.bulk_create(
        User(email=f"p{n}@trgm.example", full_name=f"Persona {n} Demo") for n in range(3000)
    )
    Member.objects.bulk_create(
        Member(
            user=user,
            office=office,
            joined_on="2024-01-01",
            search_text=search_text_for(full_name=user.full_name, office=office),
        )
        for user in users
    )
    queryset = DirectoryFilter(
        {"q": "ficticio quito"}, queryset=Member.objects.for_directory(coordinator=False), coordinator=False
    ).qs
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # As autovacuum would: statistics, and the GIN pending list merged into the index.
        cursor.execute("VACUUM ANALYZE members_user")
        cursor.execute("VACUUM ANALYZE members_member")
        # A few thousand rows: the planner might still rightly prefer reading the table.
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")
    assert "members_member_search_trgm" in plan, plan
