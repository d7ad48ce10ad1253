from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from engagement.models import EmailStatus, OutgoingEmail, ReminderRule
from engagement.services import email_enqueue, email_send

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:engagement_outgoingemail_changelist")


def _emails(kind, users):
    return [
        email_enqueue(kind=kind.key, recipient=user, occasion="o", context={"message": "<b>Hi</b>"}) for user in users
    ]


def test_only_coordinators_see_the_outbox(role_clients):
    assert role_clients["anonymous"].get(CHANGELIST).status_code == 302
    assert role_clients["member"].get(CHANGELIST).status_code == 302  # not staff: the admin login
    assert role_clients["coordinator"].get(CHANGELIST).status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_changelist_query_budget(coordinator_client, mandatory_kind, people, size, django_assert_max_num_queries):
    _emails(mandatory_kind, people(size))
    with django_assert_max_num_queries(12):
        response = coordinator_client.get(CHANGELIST, {"status": "queued", "kind": mandatory_kind.key, "q": "ngn"})
    assert response.status_code == 200


def test_change_view_shows_the_email_as_the_recipient_saw_it(coordinator_client, mandatory_kind, alice):
    assert not mandatory_kind.sensitive  # only kinds without a sign-in link show their content
    [email] = _emails(mandatory_kind, [alice])
    response = coordinator_client.get(reverse("admin:engagement_outgoingemail_change", args=[email.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert '<iframe sandbox="" srcdoc="' in content
    # The template escaped the text once; srcdoc escapes the whole email again: nothing is live in the admin page.
    assert "&amp;lt;b&amp;gt;Hi" in content and "<b>Hi" not in content


def _hidden(response, secret: str) -> bool:
    content = response.content.decode()
    return response.status_code == 200 and secret not in content and "contiene un enlace" in content


def test_coordinator_cannot_see_a_password_reset_link(
    client, coordinator_client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # queued, not sent yet: the body is still stored
        client.post(reverse("account_reset_password"), {"email": alice.email})
    email = OutgoingEmail.objects.get(kind="account.security")
    assert "/accounts/password/reset/key/" in email.body_text
    link = next(word for word in email.body_text.split() if "/password/reset/key/" in word)
    key = link.rstrip("/").rsplit("/", 1)[-1]
    change = reverse("admin:engagement_outgoingemail_change", args=[email.pk])
    response = coordinator_client.get(change)
    assert _hidden(response, key) and "/password/reset/key/" not in response.content.decode()
    assert "srcdoc" not in response.content.decode() and email.subject in response.content.decode()
    assert key not in coordinator_client.get(CHANGELIST).content.decode()  # nor does the list

    # Once sent, the link is gone from the database too; the subject stays as the record.
    email_send(outgoing_email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.subject
    assert (email.body_text, email.body_html) == ("", "")
    assert key in mail.outbox[0].body  # alice did get her link


def test_any_kind_flagged_sensitive_hides_its_content(coordinator_client, alice):
    from engagement.registry import EmailKind, register, unregister

    kind = register(
        EmailKind(
            key="tests.invitation",
            label="x",
            optional=False,
            sensitive=True,
            template_prefix="engagement/email/security",
        )
    )
    try:
        email = email_enqueue(kind=kind.key, recipient=alice, occasion="o", context={"message": "secret-token-42"})
        response = coordinator_client.get(reverse("admin:engagement_outgoingemail_change", args=[email.pk]))
    finally:
        unregister(kind.key)
    assert "secret-token-42" in email.body_text and _hidden(response, "secret-token-42")


def test_resend_action_requeues_failed_rows_and_audits_it(
    coordinator_client, coordinator, mandatory_kind, alice, bob, django_capture_on_commit_callbacks
):
    failed, sent = _emails(mandatory_kind, [alice, bob])
    OutgoingEmail.objects.filter(pk=failed.pk).update(status=EmailStatus.FAILED, attempts=3, last_error="550")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            CHANGELIST, {"action": "resend", "_selected_action": [failed.pk, sent.pk]}, follow=True
        )
    assert response.status_code == 200
    failed.refresh_from_db()
    assert failed.status == EmailStatus.SENT and [m.to for m in mail.outbox] == [[alice.email]]
    assert AuditEntry.objects.filter(action="engagement.email.resent").count() == 1


def test_member_cannot_resend(alice_client, mandatory_kind, bob):
    [email] = _emails(mandatory_kind, [bob])
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.FAILED)
    alice_client.post(CHANGELIST, {"action": "resend", "_selected_action": [email.pk]})
    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED


def test_coordinator_edits_a_rule_and_bad_input_is_refused(coordinator_client, reminder_kind):
    response = coordinator_client.get(reverse("admin:engagement_reminderrule_changelist"))
    assert response.status_code == 200
    rule = ReminderRule.objects.get(kind=reminder_kind.key)
    url = reverse("admin:engagement_reminderrule_change", args=[rule.pk])
    response = coordinator_client.post(url, {"enabled": "on", "lead_days": "7, later", "repeat_every_days": ""})
    assert response.status_code == 200 and "números enteros" in response.content.decode()
    rule.refresh_from_db()
    assert rule.lead_days == "7, 1"
    response = coordinator_client.post(url, {"enabled": "on", "lead_days": "3,14", "repeat_every_days": "7"})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert (rule.lead_days, rule.repeat_every_days) == ("14, 3", 7)


def test_dashboard_panel_only_for_coordinators(role_clients, mandatory_kind, alice):
    _emails(mandatory_kind, [alice])
    home = reverse("home")
    coordinator_page = role_clients["coordinator"].get(home).content.decode()
    member_page = role_clients["member"].get(home).content.decode()
    assert 'id="dash-outbox"' in coordinator_page
    assert 'id="dash-outbox"' not in member_page


@pytest.mark.parametrize("size", [5, 50])
def test_dashboard_panel_counts_in_one_query(rf, coordinator, mandatory_kind, people, size, django_assert_num_queries):
    from engagement.dashboard import panels

    emails = _emails(mandatory_kind, people(size))
    OutgoingEmail.objects.filter(pk=emails[0].pk).update(status=EmailStatus.FAILED)
    request = rf.get("/")
    request.user = coordinator
    coordinator.is_superuser = True  # skip the group lookup: only the panel's own query is counted
    with django_assert_num_queries(1):
        [panel] = panels(request)
    assert panel.context == {"sent_7d": 0, "failed": 1, "waiting": size - 1}
