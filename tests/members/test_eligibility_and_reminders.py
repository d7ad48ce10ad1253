"""Eligibility rules, the alumni candidates list, the reminders, the dashboard panel and allauth's emails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from engagement.models import OutgoingEmail
from engagement.services import reminders_scan
from members.models import EligibilityPolicy, Member, MemberStatus
from members.reminders import applications_awaiting_review
from members.services import application_approve
from tests.factories import MemberFactory, MembershipApplicationFactory

from .conftest import emails

TODAY = dt.date(2026, 6, 15)


def test_the_rules_default_to_35_years_old_and_10_in_the_service(policy):
    EligibilityPolicy.objects.all().delete()
    policy = EligibilityPolicy.current()
    assert (policy.max_age_years, policy.max_service_years) == (35, 10)
    policy.max_age_years = None
    policy.save()
    assert EligibilityPolicy.current().max_age_years is None


@pytest.mark.parametrize(
    ("born", "started", "outside"),
    [
        (dt.date(1990, 6, 16), dt.date(2020, 1, 1), False),  # 35 until tomorrow
        (dt.date(1990, 6, 15), dt.date(2020, 1, 1), True),  # 36 today
        (dt.date(2000, 1, 1), dt.date(2015, 6, 16), False),  # 10 full years of service
        (dt.date(2000, 1, 1), dt.date(2015, 6, 15), True),  # 11
        (None, None, False),
    ],
)
def test_problems_and_the_query_agree(policy, born, started, outside):
    member = MemberFactory(date_of_birth=born, service_started_on=started)
    problems = policy.problems(date_of_birth=born, service_started_on=started, on=TODAY)
    assert bool(problems) is outside
    assert (member in Member.objects.past_eligibility(policy=policy, on=TODAY)) is outside


def test_candidates_are_listed_for_coordinators_and_never_moved(coordinator_client, alice_client, policy):
    old = MemberFactory(user__full_name="Viejo Prueba Mayor", date_of_birth=dt.date(1970, 1, 1))
    MemberFactory(user__full_name="Joven Prueba Menor", date_of_birth=dt.date(2000, 1, 1))
    url = reverse("members:alumni_candidates")
    page = coordinator_client.get(url).content.decode()
    assert "Viejo Prueba Mayor" in page and "Joven Prueba Menor" not in page
    assert alice_client.get(url).status_code == 403
    old.refresh_from_db()
    assert old.status == MemberStatus.ACTIVE


@pytest.mark.parametrize("count", [1, 30])
def test_the_candidates_list_has_a_fixed_query_budget(coordinator_client, count, django_assert_max_num_queries):
    MemberFactory.create_batch(count, date_of_birth=dt.date(1970, 1, 1))
    with django_assert_max_num_queries(7):
        assert coordinator_client.get(reverse("members:alumni_candidates")).status_code == 200


def test_an_application_waiting_three_days_reminds_the_coordinators_once(coordinator):
    application = MembershipApplicationFactory()
    application.submitted_at = timezone.now() - dt.timedelta(days=2)
    application.save()
    reminders_scan(queue=False)
    assert not emails("members.application_awaiting_review")
    later = timezone.now() + dt.timedelta(days=1, hours=1)
    reminders_scan(now=later, queue=False)
    reminders_scan(now=later, queue=False)
    [reminder] = emails("members.application_awaiting_review")
    assert reminder.recipient == coordinator and application.full_name in reminder.body_text


def test_the_waiting_reminder_reads_a_bounded_number_of_queries(coordinator, django_assert_max_num_queries):
    MembershipApplicationFactory.create_batch(5, submitted_at=timezone.now() - dt.timedelta(days=5))
    from engagement.registry import ReminderRule

    with django_assert_max_num_queries(2):
        due = list(applications_awaiting_review(timezone.now(), ReminderRule(lead_days=(0,))))
    assert len(due) == 5


def test_the_welcome_sequence(coordinator):
    member = application_approve(application=MembershipApplicationFactory(), by=coordinator)
    now = timezone.now()
    reminders_scan(now=now, queue=False)
    assert [e.recipient for e in emails("members.welcome")] == [member.user]
    reminders_scan(now=now + dt.timedelta(days=7), queue=False)
    assert len(emails("members.profile_incomplete")) == 1
    # Someone who completed the profile gets no day-7 nudge.
    other = application_approve(application=MembershipApplicationFactory(), by=coordinator)
    Member.objects.filter(pk=other.pk).update(bio="Hola", skills="datos", position_title="Analista")
    Member.objects.filter(pk=other.pk).update(service_started_on=dt.date(2020, 1, 1))
    reminders_scan(now=now + dt.timedelta(days=7), queue=False)
    assert [e.recipient for e in emails("members.profile_incomplete")] == [member.user]
    reminders_scan(now=now + dt.timedelta(days=30), queue=False)
    assert {e.recipient for e in emails("members.check_in")} == {member.user, other.user}
    # Founders who joined long ago never get welcome emails.
    assert not OutgoingEmail.objects.filter(kind__startswith="members.", recipient__email="coord@ngn.example").exclude(
        kind="members.application_awaiting_review"
    )


def test_the_dashboard_panel_counts_applications_for_coordinators_only(coordinator_client, alice_client):
    MembershipApplicationFactory.create_batch(2)
    assert "2 solicitudes esperan revisión." in coordinator_client.get("/").content.decode()
    assert reverse("members:applications") not in alice_client.get("/").content.decode()


def test_allauth_password_reset_goes_through_the_outbox(client, alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": alice.email})
    assert response.status_code == 302
    [row] = emails("account.security")
    # The row's body is blanked once sent (account.security is a sensitive kind), so the link is checked in the mail.
    assert row.recipient == alice and row.to_email == alice.email
    # After commit the mailroom sends it (eagerly in tests): allauth's rendering, our outbox.
    [message] = mail.outbox
    assert message.to == [alice.email] and "/accounts/password/reset/key/" in message.body
