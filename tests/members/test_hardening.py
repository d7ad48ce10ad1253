"""Fixes from the security review: formula escaping and privacy in exports, read-only status on import, rate limits
behind a proxy and per valid email, a language-neutral cohort, single-use invitations and no orphan photo files."""

from __future__ import annotations

import csv
import io
import threading

import pytest
import tablib
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from import_export.formats.base_formats import CSV

from engagement.registry import registry
from members.invitations import invitation_token
from members.models import Member, MembershipApplication, MemberStatus, Visibility
from members.resources import MemberResource, escape_formula
from members.services import application_approve, invitation_accept, member_profile_update
from tests.factories import MemberFactory, MembershipApplicationFactory, OfficeFactory, UserFactory

from .conftest import emails, image_bytes

DANGEROUS = ['=HYPERLINK("http://x.example")', "+1+1", "-2+3", "@SUM(1,1)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def mallory(db):
    """A member whose name and skills would run as formulas in a spreadsheet."""
    return MemberFactory(
        user__full_name="=cmd|' /C calc'!A0",
        user__email="mallory@ngn.example",
        skills="+SUM(1,1)",
        position_title="@Analista",
        cohort="-1+1",
    )


def _assert_no_formula(row: dict[str, object]) -> None:
    for column in ("full_name", "skills", "position_title", "cohort"):
        value = str(row[column])
        assert value.startswith("'"), (column, value)


@pytest.mark.parametrize("value", DANGEROUS)
def test_every_formula_trigger_is_escaped(value):
    assert escape_formula(value) == "'" + value
    assert escape_formula("Datos, riesgo") == "Datos, riesgo"
    assert escape_formula(None) is None


# --- A. formula injection --------------------------------------------------------------------------------------


def test_the_directory_csv_export_escapes_formulas(coordinator_client, mallory):
    response = coordinator_client.post(reverse("members:export", args=["csv"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    [row] = [row for row in rows if row["email"] == "mallory@ngn.example"]
    _assert_no_formula(row)
    assert row["full_name"] == "'=cmd|' /C calc'!A0" and row["skills"] == "'+SUM(1,1)"


def test_the_directory_xlsx_export_has_no_formula_cells(coordinator_client, mallory):
    openpyxl = pytest.importorskip("openpyxl")
    response = coordinator_client.post(reverse("members:export", args=["xlsx"]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    headers = [cell.value for cell in next(sheet.iter_rows())]
    rows = [dict(zip(headers, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    [row] = [row for row in rows if row["email"] == "mallory@ngn.example"]
    _assert_no_formula(row)


def _admin_export(admin_client, file_format: str) -> bytes:
    url = reverse("admin:members_member_export")
    form = admin_client.get(url).context["form"]
    titles = dict(form.fields["format"].choices)
    index = next(key for key, title in titles.items() if title == file_format)
    # Every column ticked, as the form offers it.
    data = {"format": index, "resource": "0"}
    data.update({name: "on" for name, field in form.fields.items() if getattr(field, "is_selectable_field", False)})
    response = admin_client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def test_the_admin_csv_export_escapes_formulas_and_hides_private_emails(admin_client, mallory):
    MemberFactory(user__email="hidden@ngn.example", email_visibility=Visibility.NOBODY, user__full_name="Oculta Prueba")
    content = _admin_export(admin_client, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    [row] = [row for row in rows if row["email"] == "mallory@ngn.example"]
    _assert_no_formula(row)
    assert "hidden@ngn.example" not in content
    assert [row["email"] for row in rows if row["full_name"] == "Oculta Prueba"] == [""]


def test_the_admin_xlsx_export_has_no_formula_cells(admin_client, mallory):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(io.BytesIO(_admin_export(admin_client, "xlsx"))).active
    assert not [cell.value for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert "'=cmd|' /C calc'!A0" in [cell.value for row in sheet.iter_rows() for cell in row]


# --- B. admin import cannot change the status ------------------------------------------------------------------


def test_an_import_never_changes_status_or_date_of_leaving(db, alice):
    member = alice.member
    new_office = OfficeFactory(code="gye")
    dataset = tablib.Dataset(
        [alice.email, new_office.code, "Inspectora", "2024-01-01", "Cohorte 2024", "left", "datos", "2024-06-30"],
        headers=["email", "office", "position_title", "joined_on", "cohort", "status", "skills", "left_on"],
    )
    result = MemberResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    member.refresh_from_db()
    assert member.office == new_office and member.position_title == "Inspectora"  # the import did run
    assert member.status == MemberStatus.ACTIVE and member.left_on is None


def test_the_admin_import_page_says_status_is_not_imported(admin_client):
    page = admin_client.get(reverse("admin:members_member_import")).content.decode()
    assert "no se importan" in page


# --- C. rate limits --------------------------------------------------------------------------------------------


@pytest.fixture
def apply_data(db) -> dict[str, str]:
    office = OfficeFactory()
    return {
        "full_name": "Nadia Prueba Solicitante",
        "email": "victim@ngn.example",
        "office": str(office.pk),
        "position_title": "Técnica",
        "service_started_on": "2021-05-03",
        "date_of_birth": "1998-03-02",
        "motivation": "Quiero sumar.",
        "consent": "on",
        "website": "",
    }


def test_behind_a_trusted_proxy_each_visitor_has_their_own_limit(client, apply_data, settings):
    settings.MEMBERS_APPLY_RATE_LIMITS = {"ip": (1, 3600), "email": (100, 3600)}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    apply = reverse("members:apply")
    for number in range(3):
        apply_data["email"] = f"visitor{number}@ngn.example"
        # Every request reaches Django from the proxy (REMOTE_ADDR 10.0.0.1) with the visitor in X-Forwarded-For.
        response = client.post(apply, apply_data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
        assert response.status_code == 302
    apply_data["email"] = "again@ngn.example"
    again = client.post(apply, apply_data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert again.status_code == 429


def test_a_trusted_client_ip_header_is_honoured(client, apply_data, settings):
    settings.MEMBERS_APPLY_RATE_LIMITS = {"ip": (1, 3600), "email": (100, 3600)}
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    apply = reverse("members:apply")
    for number in range(2):
        apply_data["email"] = f"visitor{number}@ngn.example"
        response = client.post(apply, apply_data, REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP=f"198.51.100.{number}")
        assert response.status_code == 302


def test_junk_posts_with_someones_address_do_not_lock_them_out(client, apply_data, settings):
    settings.MEMBERS_APPLY_RATE_LIMITS = {"ip": (100, 3600), "email": (1, 3600)}
    apply = reverse("members:apply")
    invalid = {**apply_data, "consent": "", "date_of_birth": "nonsense"}
    bot = {**apply_data, "website": "http://spam.example"}
    for number in range(3):
        assert client.post(apply, invalid, REMOTE_ADDR=f"10.1.1.{number}").status_code == 200
        assert client.post(apply, bot, REMOTE_ADDR=f"10.2.2.{number}").status_code == 302
    assert not MembershipApplication.objects.exists()
    # The owner of the address can still apply, from anywhere.
    assert client.post(apply, apply_data, REMOTE_ADDR="10.3.3.3").status_code == 302
    assert MembershipApplication.objects.filter(email="victim@ngn.example").exists()


# --- D. cohort label -------------------------------------------------------------------------------------------


def test_the_cohort_is_the_same_whoever_approves(coordinator):
    english = UserFactory(preferred_language="en", is_superuser=True)
    labels = []
    for approver, language in ((english, "en"), (coordinator, "es")):
        with translation.override(language):
            member = application_approve(application=MembershipApplicationFactory(), by=approver)
        labels.append(member.cohort)
    assert labels[0] == labels[1] and labels[0].startswith("Cohorte ")


# --- E. single-use invitations ---------------------------------------------------------------------------------

PASSWORD = "una-clave-larga-y-rara-2026"


def test_a_second_acceptance_with_the_same_token_is_refused(client, coordinator):
    user = application_approve(application=MembershipApplicationFactory(), by=coordinator).user
    token = invitation_token(user)
    stale = Member.objects.get(user=user).user  # loaded before the first acceptance, as a racing request would be
    invitation_accept(user=user, token=token, password=PASSWORD)
    with pytest.raises(ValidationError) as refused:
        invitation_accept(user=stale, token=token, password="otra-clave-distinta-99")
    assert refused.value.code == "invitation_used"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    url = reverse("members:invitation", args=[token])
    response = client.post(url, {"password1": "otra-clave-distinta-99", "password2": "otra-clave-distinta-99"})
    assert response.status_code == 400  # the friendly "link no longer valid" page, not a server error


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_acceptances_set_one_password(coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    user = application_approve(application=MembershipApplicationFactory(), by=coordinator).user
    token = invitation_token(user)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(password: str) -> None:
        try:
            barrier.wait()
            invitation_accept(user=user, token=token, password=password)
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(f"{PASSWORD}-{n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]


# --- F. no orphan photo ----------------------------------------------------------------------------------------


def test_a_refused_profile_update_leaves_no_new_photo_file(alice, settings):
    member = alice.member
    photos = settings.MEDIA_ROOT / "members" / "photos"
    before = set(photos.rglob("*")) if photos.exists() else set()
    with pytest.raises(ValidationError):
        member_profile_update(
            member=member,
            by=alice,
            data={"email_visibility": "everyone-on-earth"},  # not a choice: full_clean refuses it
            photo=ContentFile(image_bytes("JPEG", (64, 64)), name="me.jpg"),
        )
    after = set(photos.rglob("*")) if photos.exists() else set()
    assert after == before
    member.refresh_from_db()
    assert not member.photo


def test_csv_format_escaping_is_done_by_the_resource_not_the_format(mallory):
    # The library's IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips "="; the resource escapes every trigger.
    text = CSV().export_data(MemberResource().export(queryset=Member.objects.filter(pk=mallory.pk)))
    assert "'+SUM(1,1)" in text and "'@Analista" in text


# --- G. the invitation is a sensitive email --------------------------------------------------------------------


def test_the_invitation_is_sensitive_and_its_link_does_not_stay_in_the_outbox(
    coordinator, django_capture_on_commit_callbacks
):
    assert registry.is_sensitive("members.invitation")
    assert not registry.is_sensitive("members.application_received")
    with django_capture_on_commit_callbacks(execute=True):
        application_approve(application=MembershipApplicationFactory(email="nueva@ngn.example"), by=coordinator)
    [row] = emails("members.invitation")
    row.refresh_from_db()
    assert "/members/invite/" not in row.body_text + row.body_html
    [message] = [message for message in mail.outbox if message.to == ["nueva@ngn.example"]]
    assert "/members/invite/" in message.body
