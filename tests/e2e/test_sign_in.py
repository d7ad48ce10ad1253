from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from members.demo import DEMO_PASSWORD
from members.models import User


@pytest.fixture
def demo_network(transactional_db, settings):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)


def test_demo_member_signs_in_sees_dashboard_and_switches_to_english(demo_network, live_server, page: Page):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name="Iniciar sesión").first.click()

    page.get_by_label("Correo electrónico").fill("member@ngn.example")
    page.get_by_label("Contraseña").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Hola, Mateo"))
    expect(page.get_by_role("heading", name="Mis actividades")).to_be_visible()

    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Hello, Mateo"))
    expect(page.get_by_role("heading", name="My activities")).to_be_visible()
    assert User.objects.get(email="member@ngn.example").preferred_language == "en"


def test_wrong_password_says_so_without_revealing_the_account(demo_network, live_server, page: Page):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill("member@ngn.example")
    page.get_by_label("Contraseña").fill("not-the-password")
    page.get_by_role("button", name="Iniciar sesión").click()
    expect(page.locator(".alert-block, .alert-danger, .invalid-feedback").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
