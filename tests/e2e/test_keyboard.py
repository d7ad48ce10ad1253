"""The portal can be used with the keyboard alone: a skip link first, a visible focus, forms sent with Enter."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD, MemberFactory


def test_keyboard_only_sign_in_and_navigation(live_server, page: Page, transactional_db):
    MemberFactory(user__email="teclado@ngn.example", user__full_name="Tania Teclado Prueba")
    page.goto(live_server.url + "/")

    # The first Tab reaches the skip link, which is visible while focused and moves focus to the content.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    outline = skip.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(page.locator("#content")).to_be_focused()

    # Sign in without the mouse: Tab to the link, Enter, type, Enter.
    page.get_by_role("link", name="Iniciar sesión").first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Correo electrónico").focus()
    page.keyboard.type("teclado@ngn.example")
    page.keyboard.press("Tab")
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Hola, Tania"))

    # The main navigation is reachable and followed with the keyboard.
    members_link = page.get_by_role("link", name="Miembros", exact=True)
    members_link.focus()
    expect(members_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/members/$"))
