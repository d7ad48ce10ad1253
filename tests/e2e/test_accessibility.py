"""axe-core in Chromium on every page type, signed out and signed in, in both languages.

Pages of the domain apps join PAGES as they land. The test context bypasses the CSP only so
that axe itself can be injected; tests/e2e/test_csp.py proves the pages run under the CSP.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.factories import MemberFactory

from .helpers import serious_accessibility_violations, sign_in

PUBLIC_PAGES = ["home", "account_login", "account_reset_password"]
SIGNED_IN_PAGES = ["home", "members:list", "governance:index", "actionplan:index"]
COORDINATOR_PAGES = ["audit:list"]


@pytest.fixture
def axe_context(browser):
    context = browser.new_context(bypass_csp=True, locale="es-EC")
    yield context
    context.close()


def _check(context, url: str, language: str) -> list[dict]:
    page = context.new_page()
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == language
    violations = serious_accessibility_violations(page)
    page.close()
    return violations


@pytest.mark.parametrize("language", ["es", "en"])
def test_public_pages_have_no_serious_violations(live_server, axe_context, language, transactional_db):
    found = {name: _check(axe_context, live_server.url + reverse(name), language) for name in PUBLIC_PAGES}
    problems = {name: v for name, v in found.items() if v}
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.mark.parametrize("language", ["es", "en"])
def test_signed_in_pages_have_no_serious_violations(live_server, axe_context, language, transactional_db):
    coordinator = MemberFactory(user__coordinator=True, user__preferred_language=language).user
    sign_in(axe_context, live_server.url, coordinator)
    names = SIGNED_IN_PAGES + COORDINATOR_PAGES
    found = {name: _check(axe_context, live_server.url + reverse(name), language) for name in names}
    problems = {name: v for name, v in found.items() if v}
    assert problems == {}, json.dumps(problems, indent=1)
