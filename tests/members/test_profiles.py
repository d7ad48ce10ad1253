"""Profiles: editing one's own, photos, and coordinators' status changes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from PIL import Image

from audit.models import AuditEntry
from members.models import Member, MemberStatus, Visibility
from members.services import member_end, member_pause, member_reactivate
from tests.factories import MemberFactory

from .conftest import image_bytes

ME = reverse("members:me")


def _profile_data(**overrides: str) -> dict[str, str]:
    data = {
        "position_title": "Analista de Riesgos",
        "service_started_on": "2019-04-01",
        "date_of_birth": "1997-02-03",
        "phone": "+593 9 123 4567",
        "bio": "Me interesa la ética pública.",
        "skills": "datos, inglés",
        "email_visibility": Visibility.MEMBERS,
        "phone_visibility": Visibility.NOBODY,
        "date_of_birth_visibility": Visibility.COORDINATORS,
    }
    data.update(overrides)
    return data


def test_a_member_edits_their_own_profile(alice_client, alice):
    assert alice_client.get(ME).status_code == 200
    response = alice_client.post(ME, _profile_data())
    assert response.status_code == 302
    member = Member.objects.get(user=alice)
    assert member.phone == "+593 9 123 4567" and member.phone_visibility == Visibility.NOBODY
    assert member.is_profile_complete
    assert member.history.count() == 2  # created, then edited: simple-history keeps who changed what


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_members_edit_page_is_forbidden_and_nothing_changes(bob_client, alice, method):
    member = alice.member
    url = reverse("members:edit", args=[member.pk])
    response = getattr(bob_client, method)(url, _profile_data(bio="Escrito por Bob"))
    assert response.status_code == 403
    member.refresh_from_db()
    assert member.bio == "" and member.phone == ""


def test_anonymous_is_sent_to_sign_in_from_every_profile_page(client, alice):
    for url in [
        ME,
        reverse("members:detail", args=[alice.member.pk]),
        reverse("members:photo", args=[alice.member.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("service_started_on", "2999-01-01", "La fecha está en el futuro."),
        ("date_of_birth", "2015-01-01", "al menos 18 años"),
        ("phone", "<b>call me</b>", "Ingrese un teléfono"),
        ("bio", "x" * 1001, "1000"),
        ("phone_visibility", "everyone", "Escoja una opción válida"),
    ],
)
def test_bad_profile_input_is_explained_and_nothing_is_saved(alice_client, alice, field, value, message):
    response = alice_client.post(ME, _profile_data(**{field: value}))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    alice.member.refresh_from_db()
    assert alice.member.position_title == "Analista"


def test_html_typed_into_the_profile_shows_as_text(alice_client, alice, bob_client):
    alice_client.post(ME, _profile_data(bio="<script>alert(1)</script>", skills="<img src=x onerror=alert(1)>"))
    page = bob_client.get(reverse("members:detail", args=[alice.member.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x" not in page


def test_a_photo_is_resized_reencoded_stripped_and_served_only_to_signed_in_users(
    alice_client, alice, bob_client, client
):
    upload = SimpleUploadedFile("holiday.png", image_bytes("JPEG", (2000, 1000), exif=True), content_type="image/png")
    response = alice_client.post(ME, {**_profile_data(), "photo_upload": upload})
    assert response.status_code == 302
    member = Member.objects.get(user=alice)
    assert member.photo.name.startswith("members/photos/") and "holiday" not in member.photo.name
    with member.photo.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert max(image.size) == 512 and image.format == "JPEG"
    assert not image.getexif()  # no camera, no GPS position

    url = reverse("members:photo", args=[member.pk])
    served = bob_client.get(url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg" and served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline")
    assert client.get(url).status_code == 302
    assert url in bob_client.get(reverse("members:list")).content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("me.jpg", b"not an image at all", "JPEG, PNG o WebP"),
        ("me.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "JPEG, PNG o WebP"),
        ("me.gif", None, "JPEG, PNG o WebP"),
        ("big.png", b"x" * (2 * 1024 * 1024 + 1), "2 MB"),
    ],
)
def test_a_photo_that_is_not_an_accepted_image_or_too_large_is_refused(alice_client, alice, name, content, message):
    if content is None:
        content = image_bytes("GIF", (10, 10))
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    response = alice_client.post(ME, {**_profile_data(), "photo_upload": upload})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["photo_upload"])
    alice.member.refresh_from_db()
    assert not alice.member.photo and alice.member.phone == ""


def test_a_member_without_photo_shows_initials(alice_client, alice):
    page = alice_client.get(reverse("members:detail", args=[alice.member.pk])).content.decode()
    assert ">AD<" in page  # Alice Prueba Dueña


# --- Status changes by coordinators -------------------------------------------------------------------------------


def test_a_coordinator_pauses_and_ends_a_membership_with_a_reason(coordinator_client, bob):
    url = reverse("members:status_change", args=[bob.member.pk])
    response = coordinator_client.post(url, {"status": "paused", "reason": "Licencia", "confirm": "on"})
    assert response.status_code == 302
    bob.member.refresh_from_db()
    assert bob.member.status == MemberStatus.PAUSED and bob.member.status_reason == "Licencia"
    response = coordinator_client.post(url, {"status": "alumni", "reason": "Superó la edad", "confirm": "on"})
    bob.member.refresh_from_db()
    assert bob.member.status == MemberStatus.ALUMNI and bob.member.left_on is not None
    assert list(
        AuditEntry.objects.filter(action__startswith="members.member.")
        .order_by("sequence")
        .values_list("action", flat=True)
    ) == [
        "members.member.paused",
        "members.member.alumni",
    ]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"status": "paused", "reason": "", "confirm": "on"}, "reason"),
        ({"status": "left", "reason": "Se fue"}, "confirm"),
        ({"status": "left", "reason": "Se fue", "confirm": "on", "left_on": "2999-01-01"}, "left_on"),
    ],
)
def test_a_status_change_without_reason_or_confirmation_changes_nothing(coordinator_client, bob, data, field):
    response = coordinator_client.post(reverse("members:status_change", args=[bob.member.pk]), data)
    assert response.status_code == 400
    assert response.context["status_form"].errors[field]
    bob.member.refresh_from_db()
    assert bob.member.status == MemberStatus.ACTIVE


@pytest.mark.parametrize("role", ["member", "other_member", "outsider"])
def test_only_coordinators_change_a_status(role_clients, bob, role):
    response = role_clients[role].post(
        reverse("members:status_change", args=[bob.member.pk]), {"status": "left", "reason": "x", "confirm": "on"}
    )
    assert response.status_code == 403
    bob.member.refresh_from_db()
    assert bob.member.status == MemberStatus.ACTIVE


def test_transitions_are_explicit(coordinator, bob):
    member = member_pause(member=bob.member, by=coordinator, reason="Licencia")
    with pytest.raises(ValidationError):
        member_pause(member=member, by=coordinator, reason="Otra vez")
    member = member_end(
        member=member, by=coordinator, status=MemberStatus.LEFT, reason="Renuncia", on=dt.date(2025, 1, 1)
    )
    assert member.left_on == dt.date(2025, 1, 1)
    with pytest.raises(ValidationError):
        member_end(member=member, by=coordinator, status=MemberStatus.ACTIVE, reason="x")
    member = member_reactivate(member=member, by=coordinator, reason="Volvió")
    assert member.status == MemberStatus.ACTIVE and member.left_on is None


def test_the_database_refuses_an_ended_membership_without_a_date(bob):
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.filter(pk=bob.member.pk).update(status=MemberStatus.ALUMNI, left_on=None)


@pytest.mark.parametrize("count", [1, 30])
def test_the_profile_page_has_a_fixed_query_budget(
    coordinator_client, coordinator, bob, count, django_assert_max_num_queries
):
    for number in range(count):
        member_pause(member=bob.member, by=coordinator, reason=f"Pausa {number}")
        member_reactivate(member=bob.member, by=coordinator, reason="")
    with django_assert_max_num_queries(9):
        assert coordinator_client.get(reverse("members:detail", args=[bob.member.pk])).status_code == 200


@pytest.mark.parametrize("client_name", ["charlie_client", "admin_client"])
def test_an_account_without_a_membership_is_told_so_instead_of_not_found(request, client_name):
    client = request.getfixturevalue(client_name)
    for response in (client.get(ME), client.post(ME, {"bio": "x"})):
        assert response.status_code == 200
        assert "no tiene perfil de miembro" in response.content.decode()
        assert "form" not in response.context or response.context.get("form") is None


def test_the_avatar_is_the_checked_photo_or_the_initials(alice):
    from django.template import Context, Template

    member = alice.member
    template = Template("{% load members %}{% avatar member %}|{% avatar member large=True %}")
    small, large = template.render(Context({"member": member})).split("|")
    assert small == f'<span class="avatar" aria-hidden="true">{member.initials}</span>' == large
    member.photo = "members/photos/x.webp"
    small, large = template.render(Context({"member": member})).split("|")
    url = reverse("members:photo", args=[member.pk])
    assert f'src="{url}"' in small and 'width="40"' in small and 'alt=""' in small
    assert "avatar-lg" in large and 'width="96"' in large


@pytest.mark.parametrize("others", [0, 40])
def test_the_no_profile_page_has_the_same_query_budget_at_two_sizes(
    admin_client, others, django_assert_max_num_queries
):
    for _ in range(others):
        MemberFactory()
    admin_client.get(ME)  # per-process caches
    with django_assert_max_num_queries(4):
        assert admin_client.get(ME).status_code == 200
