"""From visitor to member in Chromium: apply, be approved, set a password, complete the profile, be found."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from engagement.models import OutgoingEmail
from members.models import Member
from tests.factories import TEST_PASSWORD, MemberFactory, OfficeFactory, UserFactory

NEW_PASSWORD = "mi-clave-de-la-red-2026"
PHONE = "+593 9 876 5432"


@pytest.fixture
def network(transactional_db):
    office = OfficeFactory(code="uio", name="Distrito Quito", city="Quito")
    coordinator = UserFactory(email="coord@ngn.example", full_name="Coral Prueba Coordinadora", coordinator=True)
    MemberFactory(user=coordinator, office=office)
    MemberFactory(user__email="bob@ngn.example", user__full_name="Bob Prueba Otro", office=office)
    return office


def _sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hola")


def _new_page(browser: Browser, browser_context_args: dict) -> Page:
    return browser.new_context(**browser_context_args).new_page()


def test_a_visitor_becomes_a_member_and_is_found_with_the_phone_hidden(
    network, live_server, page: Page, browser: Browser, browser_context_args
):
    # 1. A visitor applies from the landing page.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Solicitar el ingreso").click()
    page.locator("#id_full_name").fill("Nora Prueba Postulante")
    page.locator("#id_email").fill("nora@ngn.example")
    page.locator("#id_office").select_option(label="Distrito Quito")
    page.locator("#id_position_title").fill("Técnica de Despacho")
    page.locator("#id_service_started_on").fill("2021-05-03")
    page.locator("#id_date_of_birth").fill("1998-03-02")
    page.locator("#id_motivation").fill("Quiero aportar a la integridad de mi distrito.")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Enviar mi solicitud").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gracias por su solicitud")

    # 2. The coordinator approves it.
    coordinator_page = _new_page(browser, browser_context_args)
    _sign_in(coordinator_page, live_server.url, "coord@ngn.example", TEST_PASSWORD)
    coordinator_page.get_by_role("link", name="Revisar solicitudes").click()
    coordinator_page.get_by_role("link", name="Nora Prueba Postulante").click()
    coordinator_page.get_by_label("Aprobar").check()
    coordinator_page.get_by_role("button", name="Registrar la decisión").click()
    expect(coordinator_page.get_by_role("status")).to_contain_text("aprobada")

    # 3. The new member sets a password from the invitation, signs in and completes the profile.
    # The invitation is a sensitive kind: its row is blanked once sent, so the link is read from the delivered mail.
    assert OutgoingEmail.objects.filter(kind="members.invitation", to_email="nora@ngn.example").exists()
    [invitation] = [
        message for message in mail.outbox if message.to == ["nora@ngn.example"] and "/invite/" in message.body
    ]
    link = re.search(r"https?://\S+/members/invite/\S+/", invitation.body).group(0)
    page.goto(live_server.url + link[link.index("/members/") :])
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Crear mi contraseña").click()
    _sign_in(page, live_server.url, "nora@ngn.example", NEW_PASSWORD)
    page.goto(live_server.url + "/members/me/")
    page.locator("#id_phone").fill(PHONE)
    page.locator("#id_phone_visibility").select_option(label="Solo coordinadores")
    page.locator("#id_bio").fill("Me interesa la ética pública.")
    page.locator("#id_skills").fill("valoración, inglés")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nora Prueba Postulante")
    expect(page.get_by_text(PHONE)).to_be_visible()  # the owner sees her own phone
    assert Member.objects.get(user__email="nora@ngn.example").phone == PHONE

    # 4. Another member finds her in the directory, without the phone.
    bob_page = _new_page(browser, browser_context_args)
    _sign_in(bob_page, live_server.url, "bob@ngn.example", TEST_PASSWORD)
    bob_page.goto(live_server.url + "/members/")
    bob_page.get_by_label("Buscar", exact=True).fill("valoración")
    bob_page.get_by_role("button", name="Aplicar filtros").click()
    expect(bob_page.get_by_role("link", name="Nora Prueba Postulante")).to_be_visible()
    expect(bob_page.get_by_text(PHONE)).to_have_count(0)
    bob_page.get_by_role("link", name="Nora Prueba Postulante").click()
    expect(bob_page.get_by_text("Me interesa la ética pública.")).to_be_visible()
    expect(bob_page.get_by_text(PHONE)).to_have_count(0)
    # The coordinator does see it: she shared it with coordinators.
    coordinator_page.goto(live_server.url + "/members/?q=nora")
    expect(coordinator_page.get_by_text(PHONE)).to_be_visible()
