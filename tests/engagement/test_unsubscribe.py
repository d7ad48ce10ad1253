from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from engagement.models import KindPreference
from engagement.services import email_enqueue
from engagement.tokens import UnsubscribeClaim, unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(optional_kind, alice):
    email = email_enqueue(kind=optional_kind.key, recipient=alice, occasion="o", context={"message": "m"})
    return email, email.headers["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:8000")


def _is_off(user, kind) -> bool:
    return KindPreference.objects.filter(user=user, kind=kind.key, enabled=False).exists()


def test_get_asks_for_confirmation_and_changes_nothing(link, alice, optional_kind):
    email, url = link
    response = Client().get(url)
    assert response.status_code == 200 and b"<form" in response.content
    assert not _is_off(alice, optional_kind)
    assert email.body_text.count(url) == 1  # the link is in the email itself


def test_one_click_post_without_login_or_csrf_unsubscribes_and_offers_undo(link, alice, optional_kind):
    _email, url = link
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert _is_off(alice, optional_kind)
    undo_url = response.context["undo"]
    undo = client.get(reverse("engagement:unsubscribe", args=[undo_url]))  # an undo token is no unsubscribe token
    assert undo.status_code == 400
    csrf_client = Client()
    response = csrf_client.post(reverse("engagement:resubscribe", args=[undo_url]))
    assert response.status_code == 200
    assert not _is_off(alice, optional_kind)


def test_reused_link_shows_a_friendly_page_and_changes_nothing(link, alice, optional_kind):
    _email, url = link
    Client().post(url)
    KindPreference.objects.filter(user=alice).update(enabled=True)  # alice turned it back on in her preferences
    for method in ("get", "post"):
        response = getattr(Client(), method)(url)
        assert response.status_code == 400 and response.context["reason"] == "used"
        assert "ya se usó" in response.content.decode()
    assert not _is_off(alice, optional_kind)


def test_forged_link_shows_a_friendly_page_and_changes_nothing(link, alice, bob, optional_kind):
    email, url = link
    tampered = url.replace(url.split("/")[-2], url.split("/")[-2][:-3] + "abc")
    # A well-formed token for someone else's email, signed with another key, must fail too.
    from django.core import signing

    forged = signing.dumps(
        {"e": str(email.public_id), "u": bob.pk, "k": optional_kind.key}, key="not-ours", salt="engagement.unsubscribe"
    )
    for bad in (tampered, reverse("engagement:unsubscribe", args=[forged]), "/engagement/unsubscribe/x/"):
        response = Client().post(bad)
        assert response.status_code == 400 and response.context["reason"] == "invalid"
        assert "No se ha cambiado nada" in response.content.decode()
    assert not KindPreference.objects.exists()


def test_token_for_another_persons_email_is_refused(link, bob, optional_kind):
    email, _url = link
    token = unsubscribe_token(
        UnsubscribeClaim(email_public_id=str(email.public_id), user_id=bob.pk, kind=optional_kind.key)
    )
    response = Client().post(reverse("engagement:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert not KindPreference.objects.exists()


def test_expired_link_shows_a_friendly_page_and_changes_nothing(link, settings):
    _email, url = link
    with time_machine.travel(dt.timedelta(days=settings.ENGAGEMENT_UNSUBSCRIBE_MAX_AGE_DAYS + 1)):
        response = Client().post(url)
    assert response.status_code == 400 and "ha caducado" in response.content.decode()
    assert not KindPreference.objects.exists()


@pytest.mark.parametrize("others", [5, 50])
def test_unsubscribe_query_budget_does_not_grow_with_data(
    link, optional_kind, people, others, django_assert_max_num_queries
):
    for user in people(others):
        email_enqueue(kind=optional_kind.key, recipient=user, occasion="o")
    _email, url = link
    with django_assert_max_num_queries(3):
        assert Client().get(url).status_code == 200
    with django_assert_max_num_queries(12):
        assert Client().post(url).status_code == 200
