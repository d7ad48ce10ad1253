"""Joining: the public form, its protections, and the coordinators' decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from members.models import ApplicationStatus, MembershipApplication, MemberStatus, User
from members.services import application_approve, application_reject, application_submit
from tests.factories import MembershipApplicationFactory, OfficeFactory

from .conftest import audit_actions, emails

APPLY = reverse("members:apply")
THANKS = reverse("members:apply_thanks")


@pytest.fixture
def office(db):
    return OfficeFactory(code="uio", name="Distrito Quito", city="Quito")


@pytest.fixture
def form_data(office) -> dict[str, str]:
    return {
        "full_name": "Nadia Prueba Solicitante",
        "email": "Nadia.Solicitante@NGN.example",
        "office": str(office.pk),
        "position_title": "Técnica de Despacho",
        "service_started_on": "2021-05-03",
        "date_of_birth": "1998-03-02",
        "motivation": "Quiero sumar a la integridad de mi distrito.",
        "supervisor_name": "",
        "supervisor_email": "",
        "consent": "on",
        "website": "",
    }


def test_the_application_page_is_public_and_linked_from_the_landing_page(client, db):
    assert client.get(APPLY).status_code == 200
    assert APPLY in client.get("/").content.decode()


def test_an_application_is_recorded_and_both_sides_are_told(client, form_data, coordinator):
    response = client.post(APPLY, form_data)
    assert response.status_code == 302 and response.url == THANKS
    application = MembershipApplication.objects.get()
    assert application.email == "nadia.solicitante@ngn.example"
    assert application.status == ApplicationStatus.SUBMITTED and application.language == "es"
    [confirmation] = emails("members.application_received")
    assert confirmation.to_email == application.email and confirmation.language == "es"
    assert "Nadia Prueba Solicitante" in confirmation.body_text
    [notification] = emails("members.application_submitted")
    assert notification.recipient == coordinator
    assert reverse("members:application_review", args=[application.pk]) in notification.body_text
    assert "members.application.submitted" in audit_actions()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "correo electrónico válida"),
        ("service_started_on", "2999-01-01", "La fecha está en el futuro."),
        ("date_of_birth", "2999-01-01", "La fecha está en el futuro."),
        ("date_of_birth", "recent", "al menos 18 años"),
        ("motivation", "x" * 5001, "5000"),
        ("consent", "", "obligatorio"),
        ("full_name", "", "obligatorio"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(client, form_data, field, value, message):
    if value == "recent":
        value = (timezone.localdate() - dt.timedelta(days=17 * 365)).isoformat()
    form_data[field] = value
    response = client.post(APPLY, form_data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="error_1_id_{field}"' in response.content.decode()
    assert not MembershipApplication.objects.exists()


def test_the_honeypot_thanks_the_bot_and_saves_nothing(client, form_data):
    form_data["website"] = "http://spam.example"
    response = client.post(APPLY, form_data)
    assert response.status_code == 302 and response.url == THANKS
    assert not MembershipApplication.objects.exists()
    assert not emails("members.application_received")


def test_a_second_application_or_a_members_address_looks_exactly_the_same(client, form_data, alice):
    first = client.post(APPLY, form_data)
    second = client.post(APPLY, form_data)
    form_data["email"] = alice.email
    member = client.post(APPLY, form_data)
    assert first.status_code == second.status_code == member.status_code == 302
    assert first.url == second.url == member.url == THANKS
    # One open application per address, and the form said nothing about who is who.
    assert MembershipApplication.objects.filter(email="nadia.solicitante@ngn.example").count() == 1
    assert len(emails("members.application_received")) == 2


def test_the_form_is_rate_limited_per_address_in_the_real_cache(client, form_data, settings):
    settings.MEMBERS_APPLY_RATE_LIMITS = {"ip": (2, 3600), "email": (10, 3600)}
    for number in range(2):
        form_data["email"] = f"person{number}@ngn.example"
        assert client.post(APPLY, form_data).status_code == 302
    form_data["email"] = "third@ngn.example"
    response = client.post(APPLY, form_data)
    assert response.status_code == 429
    assert "Demasiadas solicitudes" in response.content.decode()
    assert MembershipApplication.objects.count() == 2


def test_the_form_is_rate_limited_per_email(client, form_data, settings):
    settings.MEMBERS_APPLY_RATE_LIMITS = {"ip": (100, 3600), "email": (1, 3600)}
    assert client.post(APPLY, form_data).status_code == 302
    assert client.post(APPLY, form_data, REMOTE_ADDR="10.9.8.7").status_code == 429


def test_html_typed_into_the_form_shows_as_text_on_the_review_page(client, form_data, coordinator_client):
    form_data["motivation"] = "<script>alert('x')</script>"
    client.post(APPLY, form_data)
    application = MembershipApplication.objects.get()
    body = coordinator_client.get(reverse("members:application_review", args=[application.pk])).content.decode()
    assert "<script>alert" not in body and "&lt;script&gt;alert" in body


# --- Coordinators' review -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("member", 403), ("outsider", 403)])
@pytest.mark.parametrize("screen", ["list", "review"])
def test_only_coordinators_reach_the_review_queue(role_clients, role, expected, screen):
    application = MembershipApplicationFactory()
    url = (
        reverse("members:applications")
        if screen == "list"
        else reverse("members:application_review", args=[application.pk])
    )
    response = role_clients[role].get(url)
    assert response.status_code == expected
    response = role_clients[role].post(url, {"decision": "approve"})
    assert response.status_code in {302, 403}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize("count", [2, 40])
def test_the_review_queue_has_a_fixed_query_budget(coordinator_client, count, django_assert_max_num_queries):
    MembershipApplicationFactory.create_batch(count)
    with django_assert_max_num_queries(9):
        response = coordinator_client.get(reverse("members:applications"))
    assert response.status_code == 200
    assert len(response.context["rows"]) == min(count, 25)


def test_the_queue_filters_by_status(coordinator_client, coordinator):
    waiting = MembershipApplicationFactory(full_name="Ana Espera")
    decided = MembershipApplicationFactory(full_name="Beto Decidido")
    application_reject(application=decided, by=coordinator, reason="Fuera de plazo")
    body = coordinator_client.get(reverse("members:applications")).content.decode()
    assert waiting.full_name in body and decided.full_name not in body
    body = coordinator_client.get(reverse("members:applications"), {"status": "rejected"}).content.decode()
    assert decided.full_name in body and waiting.full_name not in body


def test_approving_creates_the_member_and_sends_a_signed_invitation(coordinator_client, coordinator):
    application = MembershipApplicationFactory(email="nuevo@ngn.example", full_name="Nuevo Prueba")
    response = coordinator_client.post(
        reverse("members:application_review", args=[application.pk]), {"decision": "approve", "reason": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decided_by == coordinator
    user = User.objects.get(email="nuevo@ngn.example")
    assert not user.has_usable_password()
    assert user.member.status == MemberStatus.ACTIVE and user.member.joined_on == timezone.localdate()
    assert user.member.service_started_on == application.service_started_on
    assert EmailAddress.objects.get(user=user).verified
    assert application.member == user.member
    [invitation] = emails("members.invitation")
    assert invitation.recipient == user
    assert "/members/invite/" in invitation.body_text
    assert "members.application.approved" in audit_actions()


def test_approving_an_applicant_outside_the_rules_needs_a_reason(coordinator_client, coordinator, policy):
    application = MembershipApplicationFactory(date_of_birth=dt.date(1970, 1, 1))
    url = reverse("members:application_review", args=[application.pk])
    page = coordinator_client.get(url).content.decode()
    assert "Fuera de las reglas de elegibilidad" in page
    response = coordinator_client.post(url, {"decision": "approve", "reason": "  "})
    assert response.status_code == 400
    assert "indique un motivo" in " ".join(response.context["form"].errors["reason"])
    application.refresh_from_db()
    assert (
        application.status == ApplicationStatus.SUBMITTED and not User.objects.filter(email=application.email).exists()
    )
    response = coordinator_client.post(url, {"decision": "approve", "reason": "Mentor de la red"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED and application.decision_reason == "Mentor de la red"


def test_rejecting_requires_a_reason_and_tells_the_applicant(coordinator_client):
    application = MembershipApplicationFactory(email="no@ngn.example")
    url = reverse("members:application_review", args=[application.pk])
    response = coordinator_client.post(url, {"decision": "reject", "reason": ""})
    assert response.status_code == 400 and response.context["form"].errors["reason"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and not emails("members.application_rejected")
    assert (
        coordinator_client.post(url, {"decision": "reject", "reason": "No es funcionario aduanero"}).status_code == 302
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    [rejection] = emails("members.application_rejected")
    assert rejection.to_email == "no@ngn.example" and "No es funcionario aduanero" in rejection.body_text
    assert "members.application.rejected" in audit_actions()


def test_a_decided_application_cannot_be_decided_again(coordinator):
    application = MembershipApplicationFactory()
    application_reject(application=application, by=coordinator, reason="Duplicada")
    with pytest.raises(ValidationError):
        application_approve(application=application, by=coordinator)
    assert not User.objects.filter(email=application.email).exists()


def test_approval_refuses_an_address_that_already_has_an_account(coordinator, alice):
    application = MembershipApplicationFactory(email=alice.email)
    with pytest.raises(ValidationError):
        application_approve(application=application, by=coordinator)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_submit_absorbs_a_second_open_application(office):
    data = {
        "full_name": "Doble Prueba",
        "email": "doble@ngn.example",
        "office": office,
        "position_title": "Analista",
        "service_started_on": dt.date(2020, 1, 1),
        "date_of_birth": None,
        "motivation": "Motivo",
        "supervisor_name": "",
        "supervisor_email": "",
        "consent": True,
    }
    assert application_submit(data=data, language="en") is not None
    assert application_submit(data={**data, "email": "DOBLE@ngn.example"}, language="en") is None
    assert MembershipApplication.objects.count() == 1


def test_the_queue_keeps_its_default_filter_across_pages(coordinator_client, coordinator):
    MembershipApplicationFactory.create_batch(26)
    decided = MembershipApplicationFactory(full_name="Zoe Decidida")
    application_reject(application=decided, by=coordinator, reason="Duplicada")
    response = coordinator_client.get(reverse("members:applications"), {"page": 2})
    assert [application.status for application, _ in response.context["rows"]] == [ApplicationStatus.SUBMITTED]
    response = coordinator_client.get(reverse("members:applications"), {"status": ""})
    assert response.context["page"].paginator.count == 27
