from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import TEST_PASSWORD


@pytest.mark.django_db
def test_member_signs_in_with_email_and_password(client, alice):
    response = client.post(reverse("account_login"), {"login": "alice@ngn.example", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == alice


@pytest.mark.django_db
def test_wrong_password_and_unknown_email_get_the_same_message(client, alice):
    wrong_password = client.post(reverse("account_login"), {"login": "alice@ngn.example", "password": "nope-nope-nope"})
    unknown_email = client.post(reverse("account_login"), {"login": "nobody@ngn.example", "password": "nope-nope-nope"})
    assert wrong_password.status_code == unknown_email.status_code == 200
    errors_a = wrong_password.context["form"].non_field_errors()
    errors_b = unknown_email.context["form"].non_field_errors()
    assert errors_a and list(errors_a) == list(errors_b)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_up_is_closed(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    client.post(reverse("account_signup"), {"email": "new@ngn.example", "password1": "x" * 12, "password2": "x" * 12})
    from members.models import User

    assert not User.objects.filter(email="new@ngn.example").exists()


@pytest.mark.django_db
def test_password_reset_mails_members_and_reveals_nothing(client, alice, django_capture_on_commit_callbacks):
    # allauth's mail leaves through the engagement outbox, after the transaction commits.
    for email in ["alice@ngn.example", "nobody@ngn.example"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_reset_password"), {"email": email})
        assert response.status_code == 302
        assert response.url == reverse("account_reset_password_done")
    recipients = [m.to for m in mail.outbox]
    assert ["alice@ngn.example"] in recipients


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
def test_login_failures_are_rate_limited_on_the_real_cache(client, alice):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice@ngn.example", "password": "wrong-wrong-1"})
    # Past the limit even the right password is refused, so guessing gains nothing.
    response = client.post(reverse("account_login"), {"login": "alice@ngn.example", "password": TEST_PASSWORD})
    assert response.status_code in {200, 429}
    assert "_auth_user_id" not in client.session
    if response.status_code == 200:
        assert response.context["form"].non_field_errors()
