"""A staff user signs in with a password and a TOTP code, and reaches the admin."""

from __future__ import annotations

import re
import time

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD, UserFactory


def _current_code(secret: str) -> str:
    # Near the end of a 30-second window the code could expire in flight: wait for a fresh window.
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_staff_signs_in_with_a_second_factor(live_server, page: Page, transactional_db, settings):
    settings.MFA_REQUIRED_FOR_ORGANIZERS = True
    staff = UserFactory(email="staff@ngn.example", is_staff=True, is_superuser=True, full_name="Sara Demo Sistemas")
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Correo electrónico").fill(staff.email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()

    # The second step asks for the authenticator's code; a wrong one is refused.
    code_field = page.get_by_label("Código")
    code_field.fill("000000" if _current_code(secret) != "000000" else "111111")
    page.get_by_role("button").filter(has_text=re.compile("Iniciar sesión|Autenticar", re.I)).first.click()
    expect(page.get_by_label("Código")).to_be_visible()
    page.get_by_label("Código").fill(_current_code(secret))
    page.get_by_role("button").filter(has_text=re.compile("Iniciar sesión|Autenticar", re.I)).first.click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_staff_without_mfa_is_led_to_set_it_up(live_server, page: Page, transactional_db, settings):
    settings.MFA_REQUIRED_FOR_ORGANIZERS = True
    staff = UserFactory(email="new-staff@ngn.example", is_staff=True, full_name="Nico Demo Nuevo")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(staff.email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.goto(live_server.url + "/members/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/|/accounts/reauthenticate/"))
