"""A person leaves one kind of email from the link in it, without signing in, and takes it back."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from engagement.models import DeliveryPreference, KindPreference
from engagement.registry import EmailKind, register, unregister
from engagement.services import email_enqueue
from tests.factories import TEST_PASSWORD, UserFactory


@pytest.fixture
def news_kind():
    kind = register(
        EmailKind(key="tests.e2e_news", label="Noticias de prueba", template_prefix="engagement/email/security")
    )
    yield kind
    unregister(kind.key)


def test_unsubscribe_from_the_email_link_then_undo(transactional_db, live_server, page: Page, news_kind):
    person = UserFactory(email="ana@ngn.example", full_name="Ana Prueba")
    email = email_enqueue(kind=news_kind.key, recipient=person, occasion="e2e", context={"message": "Hola"})
    path = urlsplit(email.headers["List-Unsubscribe"].strip("<>")).path

    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Darse de baja")
    expect(page.get_by_text("¿Dejar de recibir los correos de «Noticias de prueba»?")).to_be_visible()
    page.get_by_role("button", name="Darse de baja").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Se ha dado de baja")
    assert KindPreference.objects.get(user=person, kind=news_kind.key).enabled is False

    page.get_by_role("button", name="Deshacer: seguir recibiéndolos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Suscripción restablecida")
    assert KindPreference.objects.get(user=person, kind=news_kind.key).enabled is True

    page.goto(live_server.url + path)  # the link worked once
    expect(page.get_by_role("heading", level=1)).to_have_text("Este enlace no se puede usar")


def test_preferences_page_saves_kinds_and_digest(transactional_db, live_server, page: Page, news_kind):
    person = UserFactory(email="ana@ngn.example", full_name="Ana Prueba")
    page.goto(live_server.url + "/engagement/preferences/")
    page.get_by_label("Correo electrónico").fill(person.email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Preferencias de correo")
    page.get_by_label("Noticias de prueba").uncheck()
    page.get_by_label("Un resumen semanal").check()
    page.get_by_role("button", name="Guardar preferencias").click()
    expect(page.get_by_role("status")).to_contain_text("Se guardaron sus preferencias de correo.")
    expect(page.get_by_label("Noticias de prueba")).not_to_be_checked()
    assert DeliveryPreference.objects.get(user=person).mode == "weekly"
