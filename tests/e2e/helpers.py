"""Shared steps for browser tests: signing a user in, checking accessibility with axe-core."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import BrowserContext, Page

BASE_DIR = Path(__file__).resolve().parents[2]
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in(context: BrowserContext, live_server_url: str, user) -> None:
    """Give the browser a session for ``user`` without typing the password (journeys test the form)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    host = live_server_url.split("://", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "domain": host, "path": "/"}]
    )


def serious_accessibility_violations(page: Page) -> list[dict]:
    """Run axe-core on the page and return the serious and critical WCAG 2.1 AA violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
