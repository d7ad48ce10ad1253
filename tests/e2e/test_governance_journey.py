"""A consultation, an AGM with quorum, an approval and a member's confirmation, in Chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from governance.models import Acknowledgement, Comment, CommentResolution, QuorumPolicy, Version, VersionStatus
from governance.services import version_open_consultation
from tests.factories import MemberFactory, UserFactory
from tests.governance.factories import TOR_BODY_ES, VersionFactory, approved_version


def _signed_in_page(browser: Browser, live_server, user) -> Page:
    """A browser context carrying a session for ``user`` (sign-in itself is covered by test_sign_in)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context = browser.new_context(locale="es-EC", timezone_id="America/Guayaquil")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}])
    return context.new_page()


@pytest.fixture
def network(transactional_db):
    coordinator = UserFactory(email="coord@ngn.example", full_name="Coral Prueba Coordinadora", coordinator=True)
    MemberFactory(user=coordinator)
    member = MemberFactory(user__email="mateo@ngn.example", user__full_name="Mateo Prueba Miembro").user
    MemberFactory.create_batch(2)
    approved_version(by=coordinator, major=1, minor=0)
    Acknowledgement.objects.all().delete()
    QuorumPolicy.objects.update_or_create(pk=1, defaults={"share_percent": 25, "minimum_count": 3})
    draft = VersionFactory(major=1, minor=1, body_es=TOR_BODY_ES.replace("integridad.", "integridad y la ética."))
    now = timezone.now()
    version_open_consultation(
        version=draft, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=7), by=coordinator
    )
    return {"coordinator": coordinator, "member": member, "version": draft}


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_consultation_to_confirmation(network, live_server, browser: Browser):
    base = live_server.url + "/governance/d/terms-of-reference/"
    member_page = _signed_in_page(browser, live_server, network["member"])

    # 1. The member comments on a section during the consultation.
    member_page.goto(base + "v/1.1/")
    member_page.locator("select[name=section]").select_option("membresia")
    member_page.locator("textarea[name=body]").fill("Propongo aclarar quién puede ser miembro.")
    member_page.locator("#comment-form button").click()
    expect(member_page.get_by_text("Propongo aclarar quién puede ser miembro.")).to_be_visible()
    comment = Comment.objects.get()
    assert comment.section == "membresia"

    # 2. The coordinator resolves it and records an AGM with quorum and a ToR-approval decision.
    page = _signed_in_page(browser, live_server, network["coordinator"])
    page.goto(base + "v/1.1/")
    page.locator(f"a[href$='/comments/{comment.pk}/resolve/']").click()
    page.locator("select[name=resolution]").select_option("accepted")
    page.locator("textarea[name=reply]").fill("Aceptado: lo aclaramos en la versión final.")
    page.locator("form button.btn-ngn").click()
    expect(page.get_by_text("Aceptado: lo aclaramos en la versión final.")).to_be_visible()
    comment.refresh_from_db()
    assert comment.resolution == CommentResolution.ACCEPTED

    page.goto(live_server.url + "/governance/meetings/new/")
    page.locator("select[name=kind]").select_option("agm")
    page.locator("input[name=title]").fill("Asamblea general de prueba")
    page.locator("input[name=starts_at]").fill(_local(timezone.now() - dt.timedelta(hours=1)))
    page.locator("input[name=ends_at]").fill(_local(timezone.now() + dt.timedelta(hours=1)))
    page.locator("input[name=place]").fill("Guayaquil")
    page.locator("form button.btn-ngn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Asamblea general de prueba")

    page.locator("a[href$='/attendance/']").click()
    for select in page.locator("table select").all():
        select.select_option("attended")
    page.locator("form button.btn-ngn").click()
    page.locator("a[href$='/decisions/new/']").click()
    page.locator("select[name=kind]").select_option("tor_approval")
    page.locator("textarea[name=text]").fill("Se aprueba la versión 1.1 de los términos de referencia.")
    page.locator("input[name=votes_for]").fill("4")
    page.locator("select[name=outcome]").select_option("approved")
    page.locator("form button.btn-ngn").click()
    expect(page.get_by_text("Se aprueba la versión 1.1 de los términos de referencia.")).to_be_visible()

    # 3. The coordinator approves the version with that decision.
    page.goto(base + "v/1.1/approve/")
    page.locator("select[name=decision]").select_option(index=1)
    page.locator("form button.btn-ngn").click()
    expect(page.locator("code")).to_have_text(Version.objects.get(major=1, minor=1).content_sha256)
    assert Version.objects.get(major=1, minor=1).status == VersionStatus.APPROVED

    # 4. The member sees the banner and confirms.
    member_page.goto(live_server.url + "/")
    banner = member_page.locator("#dash-tor")
    expect(banner).to_be_visible()
    member_page.locator("a[href$='#acknowledge']").click()
    member_page.locator("#acknowledge button").click()
    expect(member_page.locator("#acknowledge.alert-success")).to_be_visible()
    assert Acknowledgement.objects.filter(member__user=network["member"], version__minor=1).exists()
    member_page.goto(live_server.url + "/")
    expect(member_page.locator("#dash-tor")).to_have_count(0)

    # 5. The diff shows the change.
    member_page.goto(base + "diff/?a=1.0&b=1.1&lang=es")
    expect(member_page.locator("ins").first).to_contain_text("integridad y la ética")
    member_page.goto(base + "diff/?a=1.0&b=1.1&lang=es&mode=inline")
    expect(member_page.locator(".diff-inline del").first).to_contain_text("promueve la integridad.")
