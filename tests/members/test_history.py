"""The admin's bulk actions in the members app write history rows."""

from __future__ import annotations

from django.urls import reverse

from members.models import Office
from tests.factories import OfficeFactory


def test_bulk_delete_from_the_admin_writes_history(admin_client, admin_user):
    office = OfficeFactory()
    response = admin_client.post(
        reverse("admin:members_office_changelist"),
        {"action": "delete_selected", "_selected_action": [office.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Office.objects.filter(pk=office.pk).exists()
    deleted = Office.history.get(id=office.pk, history_type="-")
    assert deleted.history_user == admin_user


def test_editing_a_user_in_the_admin_writes_history(admin_client, alice):
    data = {
        "email": alice.email,
        "full_name": "Alice Prueba Cambiada",
        "preferred_language": "es",
        "is_active": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "10:00:00",
    }
    response = admin_client.post(reverse("admin:members_user_change", args=[alice.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert alice.history.first().full_name == "Alice Prueba Cambiada"
