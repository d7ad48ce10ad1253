"""The invitation to set a password: signed, valid for 7 days, usable once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from members.invitations import invitation_token, invitation_user
from members.services import application_approve
from tests.factories import MembershipApplicationFactory

from .conftest import audit_actions

NEW_PASSWORD = "una-clave-larga-y-rara-2026"


@pytest.fixture
def invited(coordinator):
    return application_approve(application=MembershipApplicationFactory(), by=coordinator).user


def test_the_invitation_sets_the_password_once(client, invited):
    url = reverse("members:invitation", args=[invitation_token(invited)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("account_login")
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)
    assert "members.invitation.accepted" in audit_actions()
    # Single use: the password hash changed, so the same link no longer works.
    assert client.get(url).status_code == 400
    assert (
        client.post(url, {"password1": "otra-clave-distinta-99", "password2": "otra-clave-distinta-99"}).status_code
        == 400
    )
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)


def test_the_invitation_expires_after_seven_days(client, invited):
    token = invitation_token(invited)
    with time_machine.travel(timezone.now() + dt.timedelta(days=6, hours=23)):
        assert invitation_user(token) == invited
    with time_machine.travel(timezone.now() + dt.timedelta(days=7, minutes=1)):
        assert invitation_user(token) is None
        assert client.get(reverse("members:invitation", args=[token])).status_code == 400


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "1:" + t.split(":", 1)[1], lambda t: "nonsense"])
def test_a_forged_invitation_is_refused(client, invited, mangle):
    assert client.get(reverse("members:invitation", args=[mangle(invitation_token(invited))])).status_code == 400


def test_weak_or_mismatched_passwords_are_explained_and_nothing_changes(client, invited):
    url = reverse("members:invitation", args=[invitation_token(invited)])
    response = client.post(url, {"password1": "123", "password2": "123"})
    assert response.status_code == 200 and response.context["form"].errors["password1"]
    response = client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert response.context["form"].errors["password2"]
    invited.refresh_from_db()
    assert not invited.has_usable_password()
