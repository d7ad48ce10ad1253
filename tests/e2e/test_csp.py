"""The pages run under the real Content-Security-Policy without a single violation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import MemberFactory

from .helpers import sign_in

PAGES = ["home", "members:list", "governance:index", "actionplan:index", "audit:list"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_no_csp_violation_on_the_main_pages(live_server, page, transactional_db, signed_in):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    if signed_in:
        sign_in(page.context, live_server.url, MemberFactory(user__coordinator=True).user)
    for name in PAGES if signed_in else ["home", "account_login"]:
        page.goto(live_server.url + reverse(name))
        page.wait_for_load_state("networkidle")
    assert violations == []
