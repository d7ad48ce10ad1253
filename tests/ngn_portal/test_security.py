from __future__ import annotations

import datetime as dt
import re
import secrets

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from tests.factories import TEST_PASSWORD
from tests.utils import run_manage

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-new-long-passphrase-42"

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_pages_carry_the_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", csp).group(1)
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_hsts_and_the_ssl_redirect_follow_the_settings(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = True
    redirect = client.get("/")
    assert redirect.status_code == 301 and redirect.url.startswith("https://")
    secure = client.get("/", secure=True)
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/password/reset/"])
def test_public_pages_have_no_inline_script(client, path):
    body = client.get(path).content.decode()
    assert not INLINE_SCRIPT.search(body)
    assert not INLINE_HANDLER.search(body)


def test_signed_in_pages_have_no_inline_script(alice_client):
    for path in ["/", reverse("members:list")]:
        body = alice_client.get(path).content.decode()
        assert not INLINE_SCRIPT.search(body), path
        assert not INLINE_HANDLER.search(body), path


def test_check_deploy_passes_with_the_documented_production_environment():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ngn.example.org",
        CSRF_TRUSTED_ORIGINS="https://ngn.example.org",
        DATABASE_URL="postgres://ngn@127.0.0.1:5432/ngn_portal",
        REDIS_URL="redis://127.0.0.1:6379/0",
        SECURE_HSTS_PRELOAD="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- Multi-factor authentication for organizers ---------------------------------------------


def test_organizers_without_mfa_are_led_to_set_it_up(coordinator_client, alice_client, settings):
    settings.MFA_REQUIRED_FOR_ORGANIZERS = True
    response = coordinator_client.get(reverse("members:list"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # allauth asks for the password again before MFA changes; that page is reachable too.
    setup = coordinator_client.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain == [] or setup.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    # Members are free to choose.
    assert alice_client.get(reverse("members:list")).status_code == 200


def test_staff_without_mfa_cannot_reach_the_admin(settings, db):
    from tests.factories import UserFactory

    settings.MFA_REQUIRED_FOR_ORGANIZERS = True
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_organizers_with_totp_pass(coordinator, coordinator_client, settings):
    settings.MFA_REQUIRED_FOR_ORGANIZERS = True
    TOTP.activate(coordinator, generate_totp_secret())
    assert coordinator_client.get(reverse("members:list")).status_code == 200


# --- Sessions ------------------------------------------------------------------------------


def test_an_idle_session_expires_and_an_active_one_slides(alice, settings):
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_COOKIE_AGE = 60 * 60
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        client = Client()
        client.force_login(alice)
        clock.move_to(start + dt.timedelta(minutes=30))
        assert client.get("/").context["user"] == alice  # activity: the expiry moves to 10:30
        clock.move_to(start + dt.timedelta(minutes=80))
        assert client.get("/").context["user"] == alice  # still inside the slid window
        clock.move_to(start + dt.timedelta(minutes=80 + 61))
        assert not client.get("/").context["user"].is_authenticated


def test_changing_the_password_signs_out_other_sessions(alice):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        response = device.post(reverse("account_login"), {"login": alice.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "a-new-long-passphrase-42",
            "password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/").context["user"] == alice
    assert not phone.get("/").context["user"].is_authenticated


# --- Rate limits on the real cache ------------------------------------------------------------


def test_password_reset_is_rate_limited_per_address(client, alice):
    statuses = [client.post(reverse("account_reset_password"), {"email": alice.email}).status_code for _ in range(7)]
    assert statuses[0] == 302
    assert 429 in statuses
