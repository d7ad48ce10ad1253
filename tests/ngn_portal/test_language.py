from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_spanish_is_the_default(client):
    assert 'lang="es"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_an_unknown_browser_language_falls_back_to_spanish(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert 'lang="es"' in body


@pytest.mark.django_db
def test_an_unknown_language_in_the_switcher_falls_back_to_spanish(alice, alice_client):
    response = alice_client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.preferred_language == "es"


@pytest.mark.django_db
def test_switching_language_is_remembered_on_the_account(alice, alice_client):
    response = alice_client.post(reverse("set_language"), {"language": "en", "next": "/members/"})
    assert response.status_code == 302
    assert response.url == "/members/"
    alice.refresh_from_db()
    assert alice.preferred_language == "en"

    # A new device, with a Spanish browser, still gets English after signing in.
    other_device = Client(HTTP_ACCEPT_LANGUAGE="es")
    other_device.force_login(alice)
    body = other_device.get("/").content.decode()
    assert 'lang="en"' in body
    assert "Hello," in body


@pytest.mark.django_db
def test_anonymous_switch_uses_a_cookie_only(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.cookies["django_language"].value == "en"
    assert 'lang="en"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_switcher_refuses_to_redirect_off_site(alice_client):
    response = alice_client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.url == "/"


@pytest.mark.django_db
def test_switcher_only_accepts_post(alice_client):
    assert alice_client.get(reverse("set_language")).status_code == 405
