"""axe-core on every page type of members, governance, engagement, audit and the account pages, with the demo data,
signed out and signed in, in both languages. One browser context per language; the data is built once per test.

tests/e2e/test_accessibility.py covers the portal's own pages and tests/e2e/test_actionplan_pages.py the plan's.
The context bypasses the CSP only so that axe itself can be injected (tests/e2e/test_csp.py checks the CSP).
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from engagement.registry import EmailKind, register, unregister
from engagement.services import email_enqueue
from governance import demo as governance_demo
from governance.models import Meeting, Version, VersionStatus
from governance.services import version_create_draft
from members import demo as members_demo
from members.invitations import invitation_token
from members.models import Member, MembershipApplication, User
from tests.factories import UserFactory

from .helpers import serious_accessibility_violations, sign_in

NEWS = "tests.e2e_a11y_news"
GENERIC_TITLES = {"", "Red de Nueva Generación", "Next Generation Network"}


@pytest.fixture
def news_kind():
    """An optional kind of email, so that its unsubscribe link can be followed."""
    kind = register(EmailKind(key=NEWS, label="Noticias", template_prefix="engagement/email/security"))
    yield kind
    unregister(kind.key)


def _version_args(version: Version) -> list:
    return [version.document.slug, version.major, version.minor]


def _demo_paths() -> dict[str, list[str]]:
    """Load the demo once and return the paths to visit, signed out and as the demo coordinator."""
    members_demo.load()
    governance_demo.load()
    coordinator = User.objects.get(email="coordinator@ngn.example")
    consultation = Version.objects.select_related("document").get(status=VersionStatus.CONSULTATION)
    document = consultation.document
    draft = document.versions.filter(status=VersionStatus.DRAFT).first() or version_create_draft(
        document=document,
        major=consultation.major,
        minor=consultation.minor + 1,
        body_es=consultation.body_es,
        body_en=consultation.body_en,
        change_summary="Borrador de prueba",
        by=coordinator,
    )
    meeting = Meeting.objects.order_by("-starts_at").first()
    member = Member.objects.exclude(user=coordinator).select_related("user").first()
    application = MembershipApplication.objects.filter(status="submitted").first()
    invited = UserFactory(email="invitada@ngn.example", full_name="Invitada Prueba")
    invited.set_unusable_password()
    invited.save()
    email = email_enqueue(kind=NEWS, recipient=member.user, occasion="e2e", context={"message": "Hola"})
    signed_out = [
        reverse("members:apply"),
        reverse("members:apply_thanks"),
        reverse("members:invitation", args=[invitation_token(invited)]),
        reverse("account_login"),
        reverse("account_reset_password"),
        reverse("account_reset_password_done"),
    ]
    signed_out.append(urlsplit(email.headers["List-Unsubscribe"].strip("<>")).path)
    signed_in = [
        reverse("members:list"),
        reverse("members:detail", args=[member.pk]),
        reverse("members:me"),
        reverse("members:applications"),
        reverse("members:application_review", args=[application.pk]),
        reverse("members:alumni_candidates"),
        reverse("governance:index"),
        reverse("governance:document", args=[document.slug]),
        reverse("governance:version", args=_version_args(consultation)),
        reverse("governance:diff", args=[document.slug]),
        reverse("governance:diff", args=[document.slug]) + "?mode=inline",
        reverse("governance:whos_who"),
        reverse("governance:meetings"),
        reverse("governance:meeting", args=[meeting.pk]),
        reverse("governance:acknowledgements"),
        reverse("governance:version_create", args=[document.slug]),
        reverse("governance:version_edit", args=_version_args(draft)),
        reverse("governance:version_consultation", args=_version_args(draft)),
        reverse("governance:version_approve", args=_version_args(consultation)),
        reverse("governance:meeting_create"),
        reverse("governance:meeting_edit", args=[meeting.pk]),
        reverse("governance:meeting_attendance", args=[meeting.pk]),
        reverse("governance:meeting_minutes", args=[meeting.pk]),
        reverse("governance:decision_create", args=[meeting.pk]),
        reverse("engagement:preferences"),
        reverse("audit:list"),
        reverse("account_change_password"),
        reverse("account_email"),
        reverse("mfa_index"),
    ]
    return {"signed_out": signed_out, "signed_in": signed_in}


def _visit(context, url: str, language: str, problems: dict) -> None:
    page = context.new_page()
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    response = page.goto(url)
    # The page itself in the right language, not an error or a redirect to sign in.
    reached = (response.status, urlsplit(page.url).path, page.locator("html").get_attribute("lang"))
    found = serious_accessibility_violations(page)
    if reached != (200, urlsplit(url).path, language):
        found.append({"reached": reached})
    # The <title> says where you are: not just the site's name.
    if page.title().split(" · ")[0].strip() in GENERIC_TITLES:
        found.append({"title": page.title()})
    if found:
        problems[url] = found
    page.close()


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_type_has_no_serious_violations(browser, live_server, transactional_db, news_kind, language):
    paths = _demo_paths()
    context = browser.new_context(bypass_csp=True, locale="es-EC")  # bypassed only to inject axe
    problems: dict[str, list[dict]] = {}
    for path in paths["signed_out"]:
        _visit(context, live_server.url + path, language, problems)
    coordinator = User.objects.get(email="coordinator@ngn.example")
    User.objects.filter(pk=coordinator.pk).update(preferred_language=language)  # it wins over the cookie
    sign_in(context, live_server.url, coordinator)
    for path in paths["signed_in"]:
        _visit(context, live_server.url + path, language, problems)
    context.close()
    assert problems == {}, json.dumps(problems, indent=1)


@pytest.mark.parametrize("language", ["es", "en"])
def test_form_errors_are_announced(browser, live_server, transactional_db, language):
    context = browser.new_context(bypass_csp=True, locale="es-EC")
    url = live_server.url + reverse("members:apply")
    context.add_cookies([{"name": "django_language", "value": language, "url": url}])
    page = context.new_page()
    page.goto(url)
    # Skip the browser's own checks so that the server's messages are the ones shown.
    page.locator("form[method=post] :is(input,select,textarea)[required]").evaluate_all(
        "els => els.forEach(e => e.removeAttribute('required'))"
    )
    # Wait for the answer: counting right after the click may still read the page being left.
    with page.expect_navigation():
        page.locator("main form[method=post] [type=submit]").last.click()
    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count() > 0
    first = invalid.first
    described = first.get_attribute("aria-describedby") or ""
    assert described, "the error message is not tied to its field"
    message_ids = [i for i in described.split() if page.locator(f"#{i}").count()]
    assert any(page.locator(f"#{i}").inner_text().strip() for i in message_ids)
    assert serious_accessibility_violations(page) == []
    context.close()


def test_withdrawing_a_version_asks_for_confirmation(page, live_server, transactional_db):
    """Withdrawing cannot be undone: without the tick the browser does not send the form, with it the version goes."""
    members_demo.load()
    governance_demo.load()
    version = Version.objects.select_related("document").get(status=VersionStatus.CONSULTATION)
    sign_in(page.context, live_server.url, User.objects.get(email="coordinator@ngn.example"))
    page.goto(live_server.url + reverse("governance:version", args=_version_args(version)))
    page.get_by_role("button", name="Retirar").click()
    assert page.locator("#confirm-withdraw").evaluate("el => el.validity.valueMissing")
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION
    page.get_by_label("Retirar no se puede deshacer").check()
    page.get_by_role("button", name="Retirar").click()
    expect(page.get_by_role("status")).to_contain_text(f"La versión {version.number} fue retirada.")
    version.refresh_from_db()
    assert version.status == VersionStatus.WITHDRAWN
