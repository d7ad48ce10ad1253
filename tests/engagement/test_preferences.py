from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import DeliveryPreference, KindPreference
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("engagement:preferences")


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_page_lists_optional_kinds_as_choices_and_mandatory_as_always_sent(alice_client, optional_kind, mandatory_kind):
    response = alice_client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert response.context["form"].initial == {"kinds": ["tests.news"], "mode": "immediate"}
    assert 'value="tests.news"' in content and "checked" in content
    assert 'value="tests.notice"' not in content and "Test notice" in content


def test_saving_changes_only_my_preferences(alice_client, alice, bob, optional_kind):
    KindPreference.objects.create(user=bob, kind=optional_kind.key, enabled=True)
    response = alice_client.post(URL, {"mode": "weekly"})  # every box unticked
    assert response.status_code == 302
    assert KindPreference.objects.get(user=alice, kind=optional_kind.key).enabled is False
    assert DeliveryPreference.objects.get(user=alice).mode == "weekly"
    bob_pref = KindPreference.objects.get(user=bob)
    bob_pref.refresh_from_db()
    assert bob_pref.enabled is True and not DeliveryPreference.objects.filter(user=bob).exists()
    alice_client.post(URL, {"mode": "immediate", "kinds": [optional_kind.key]})
    assert KindPreference.objects.get(user=alice).enabled is True


@pytest.mark.parametrize("data", [{"mode": "hourly"}, {"mode": "daily", "kinds": ["nope.unknown"]}, {}])
def test_bad_input_shows_the_message_beside_the_field_and_saves_nothing(alice_client, optional_kind, data):
    response = alice_client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "invalid-feedback" in response.content.decode()
    assert not KindPreference.objects.exists() and not DeliveryPreference.objects.exists()


@pytest.mark.parametrize("others", [3, 30])
def test_query_budget_does_not_grow_with_data(
    alice_client, alice, optional_kind, others, django_assert_max_num_queries
):
    for user in [UserFactory() for _ in range(others)]:
        KindPreference.objects.create(user=user, kind=optional_kind.key, enabled=False)
        DeliveryPreference.objects.create(user=user, mode="daily")
    with django_assert_max_num_queries(8):
        assert alice_client.get(URL).status_code == 200


def test_switching_a_kind_back_on_records_when(alice, optional_kind):
    import datetime as dt

    from engagement.services import preferences_update

    preferences_update(user=alice, enabled_kinds=[], mode="immediate")
    pref = KindPreference.objects.get(user=alice, kind=optional_kind.key)
    KindPreference.objects.filter(pk=pref.pk).update(updated_at=pref.updated_at - dt.timedelta(days=30))
    preferences_update(user=alice, enabled_kinds=[optional_kind.key], mode="immediate")
    pref.refresh_from_db()
    assert pref.enabled is True
    assert pref.updated_at > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
