"""Anonymising a member who has left, on their request: /members/<id>/anonymise/."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import audit_record
from audit.verification import verify_chain
from engagement.models import EmailStatus, OutgoingEmail
from members.models import Member, MembershipApplication, MemberStatus, User
from members.services import member_anonymise, member_end
from tests.factories import TEST_PASSWORD, MemberFactory, MembershipApplicationFactory

from .conftest import image_bytes

ALICE_NAME = "Alice Prueba Dueña"


def _url(member: Member) -> str:
    return reverse("members:anonymise", kwargs={"member_id": member.pk})


def _pseudonym(member: Member) -> str:
    return f"Miembro anonimizado {member.pk:04d}"


@pytest.fixture
def left_alice(alice, coordinator, tmp_path, settings) -> Member:
    """alice, with a full profile, a photo, an application, mail, a second factor and history, who has left."""
    settings.MEDIA_ROOT = tmp_path
    member = alice.member
    member.phone, member.bio, member.skills = "+593 99 123 4567", "Bio de Alice", "aduanas, datos"
    member.date_of_birth, member.service_started_on = dt.date(1995, 6, 7), dt.date(2018, 1, 2)
    member.photo.save("alice.jpg", ContentFile(image_bytes("JPEG")), save=False)
    member.save()
    MembershipApplicationFactory(
        email="ALICE@ngn.example",
        full_name=ALICE_NAME,
        member=member,
        status="approved",
        decided_at=dt.datetime.now(dt.UTC),
        supervisor_name="Jefa de Alice",
        motivation="Motivación de Alice",
    )
    OutgoingEmail.objects.create(
        kind="x.sent",
        dedupe_key="anon:1",
        to_email=alice.email,
        recipient=alice,
        language="es",
        subject="Hola Alice",
        body_text="Hola Alice",
        body_html="<p>Hola Alice</p>",
        status=EmailStatus.SENT,
        sent_at=dt.datetime.now(dt.UTC),
    )
    OutgoingEmail.objects.create(
        kind="x.queued",
        dedupe_key="anon:2",
        to_email=alice.email,
        recipient=alice,
        language="es",
        subject="Hola Alice",
        body_text="Hola Alice",
    )
    Authenticator.objects.create(user=alice, type=Authenticator.Type.TOTP, data={"secret": "S"})
    # Entries in the register written as alice, before and after she left.
    audit_record(action="members.profile.updated", actor=alice, target=member, data={"fields": ["bio"]})
    member_end(member=member, by=coordinator, status=MemberStatus.LEFT, reason="Dejó la institución")
    audit_record(action="members.personal_data.exported", actor=alice, target=alice, data={})
    member.refresh_from_db()
    return member


def test_anonymising_erases_the_person_and_keeps_the_chain(left_alice, coordinator, django_capture_on_commit_callbacks):
    member = left_alice
    photo_path = member.photo.path
    assert Member.history.filter(id=member.pk).count() > 1  # old values are there to be purged
    with django_capture_on_commit_callbacks(execute=True):
        member_anonymise(member=member, by=coordinator, reason="Pedido por correo del 3 de mayo")
    member.refresh_from_db()
    user = member.user
    pseudonym = _pseudonym(member)
    assert user.full_name == pseudonym
    assert user.email == f"anonymised-{user.pk}@invalid.invalid"
    assert not user.is_active and not user.has_usable_password()
    assert (member.phone, member.bio, member.skills, member.position_title) == ("", "", "", "")
    assert member.date_of_birth is None and member.service_started_on is None and not member.photo
    assert member.anonymised_at is not None
    assert not os.path.exists(photo_path)  # the file went once the erasure committed
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    [application] = MembershipApplication.objects.filter(member=member)
    assert (application.full_name, application.email) == (pseudonym, user.email)
    assert (application.motivation, application.supervisor_name) == ("", "")
    for mail in OutgoingEmail.objects.all():
        assert (mail.to_email, mail.subject, mail.body_text, mail.body_html) == ("", "", "", "")
    assert OutgoingEmail.objects.get(dedupe_key="anon:2").status == EmailStatus.SUPPRESSED
    # History keeps no old value: only the anonymised state of the member and of the application.
    assert list(Member.history.filter(id=member.pk).values_list("phone", "bio")) == [("", "")]
    assert list(User.history.filter(id=user.pk).values_list("full_name", "email")) == [(pseudonym, user.email)]
    assert list(MembershipApplication.history.filter(id=application.pk).values_list("full_name", flat=True)) == []
    # The register: the entry names only the pseudonym, and every hash still verifies.
    entry = AuditEntry.objects.get(action="members.member.anonymised")
    assert entry.data == {"pseudonym": pseudonym}
    assert entry.actor == coordinator
    assert verify_chain().ok
    call_command("verify_audit")
    assert not AuditEntry.objects.filter(data__icontains="alice").exists()


def test_the_register_page_shows_the_pseudonym(left_alice, coordinator, coordinator_client):
    member_anonymise(member=left_alice, by=coordinator, reason="Pedido")
    page = coordinator_client.get(reverse("audit:list")).content.decode()
    assert _pseudonym(left_alice) in page
    assert ALICE_NAME not in page and "alice@ngn.example" not in page


def test_the_person_can_no_longer_sign_in(left_alice, coordinator):
    session = Client()
    session.force_login(left_alice.user)
    member_anonymise(member=left_alice, by=coordinator, reason="Pedido")
    assert not Client().login(email="alice@ngn.example", password=TEST_PASSWORD)
    assert session.get(reverse("members:me")).status_code == 302  # the open session is gone too


def test_only_a_member_who_has_left(alice, coordinator):
    before = model_to_dict(alice.member)
    with pytest.raises(ValidationError, match="ha salido de la red"):
        member_anonymise(member=alice.member, by=coordinator, reason="Pedido")
    alice.member.refresh_from_db()
    assert model_to_dict(alice.member) == before
    assert User.objects.get(pk=alice.pk).full_name == ALICE_NAME
    assert not AuditEntry.objects.filter(action="members.member.anonymised").exists()


def test_a_reason_is_required_and_it_happens_once(left_alice, coordinator):
    with pytest.raises(ValidationError) as error:
        member_anonymise(member=left_alice, by=coordinator, reason="   ")
    assert "reason" in error.value.message_dict
    assert User.objects.get(pk=left_alice.user_id).full_name == ALICE_NAME
    member_anonymise(member=left_alice, by=coordinator, reason="Pedido")
    with pytest.raises(ValidationError, match="ya fue anonimizado"):
        member_anonymise(member=left_alice, by=coordinator, reason="Otra vez")
    assert AuditEntry.objects.filter(action="members.member.anonymised").count() == 1


def test_coordinator_anonymises_from_the_profile_page(left_alice, coordinator_client):
    detail = reverse("members:detail", kwargs={"member_id": left_alice.pk})
    page = coordinator_client.get(detail).content.decode()
    assert f'action="{_url(left_alice)}"' in page and 'name="confirm"' in page
    response = coordinator_client.post(_url(left_alice), {"reason": "Pedido por correo", "confirm": "on"})
    assert response.status_code == 302
    page = coordinator_client.get(detail).content.decode()
    assert _pseudonym(left_alice) in page and ALICE_NAME not in page
    assert _url(left_alice) not in page  # no second form once done


@pytest.mark.parametrize(
    "data, field",
    [
        ({"reason": "Pedido"}, "confirm"),
        ({"confirm": "on"}, "reason"),
        ({"reason": "x" * 2001, "confirm": "on"}, "reason"),
    ],
)
def test_bad_input_comes_back_beside_the_field(left_alice, coordinator_client, data, field):
    response = coordinator_client.post(_url(left_alice), data)
    assert response.status_code == 400
    assert response.context["anonymise_form"].errors[field]
    assert "invalid-feedback" in response.content.decode()  # shown beside the field
    assert User.objects.get(pk=left_alice.user_id).full_name == ALICE_NAME


def test_an_active_member_is_refused_beside_the_form(alice, coordinator_client):
    response = coordinator_client.post(_url(alice.member), {"reason": "Pedido", "confirm": "on"})
    assert response.status_code == 400
    assert response.context["anonymise_form"].non_field_errors()
    assert User.objects.get(pk=alice.pk).full_name == ALICE_NAME


def test_who_may_anonymise(left_alice, client, alice_client, bob_client, coordinator_client):
    before = model_to_dict(left_alice)
    url = _url(left_alice)
    response = client.post(url, {"reason": "x", "confirm": "on"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert bob_client.post(url, {"reason": "x", "confirm": "on"}).status_code == 403
    assert alice_client.post(url, {"reason": "x", "confirm": "on"}).status_code == 403  # not even for oneself
    assert coordinator_client.get(url).status_code == 405
    left_alice.refresh_from_db()
    assert model_to_dict(left_alice) == before
    assert coordinator_client.post(reverse("members:anonymise", kwargs={"member_id": 999999}), {}).status_code == 404


@pytest.mark.parametrize("extra", [0, 6])
def test_query_budget_is_the_same_at_two_sizes(left_alice, coordinator_client, extra, django_assert_max_num_queries):
    for number in range(extra):
        MembershipApplicationFactory(email="Alice@NGN.example", status="withdrawn", decided_at=dt.datetime.now(dt.UTC))
        OutgoingEmail.objects.create(
            kind="x.more",
            dedupe_key=f"more:{number}",
            to_email="alice@ngn.example",
            recipient=left_alice.user,
            language="es",
        )
        MemberFactory()
    # measured: 41 with 1 or 7 applications and mails (2 of them: the renamed account refreshes the search text)
    with django_assert_max_num_queries(41):
        response = coordinator_client.post(_url(left_alice), {"reason": "Pedido", "confirm": "on"})
    assert response.status_code == 302
