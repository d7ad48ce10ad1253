from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from governance.models import Acknowledgement, Comment, CommentResolution, Version, VersionStatus
from governance.services import comment_create, version_open_consultation, version_update_draft
from tests.factories import MemberFactory

from .factories import DocumentFactory, VersionFactory, approved_version, approving_decision

pytestmark = pytest.mark.django_db


def _url(name, version, *extra):
    return reverse(f"governance:{name}", args=[version.document.slug, version.major, version.minor, *extra])


@pytest.fixture
def consulting(coordinator):
    approved_version(by=coordinator, major=1, minor=0)
    version = VersionFactory(major=1, minor=1, body_es="## Propósito\n\nNuevo texto\n\n## Membresía\n\nx")
    now = timezone.now()
    return version_open_consultation(
        version=version, opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5), by=coordinator
    )


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("outsider", 404), ("member", 200), ("coordinator", 200)],
)
def test_consultation_version_is_for_members(role_clients, consulting, role, expected):
    response = role_clients[role].get(_url("version", consulting))
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("member", 404), ("coordinator", 200)])
def test_drafts_are_for_coordinators(role_clients, role, expected):
    assert role_clients[role].get(_url("version", VersionFactory(major=0, minor=1))).status_code == expected


def test_public_documents_approved_text_is_readable_without_signing_in(client, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    version.document.is_public = True
    version.document.save()
    for url in (reverse("governance:document", args=[version.document.slug]), _url("version", version)):
        response = client.get(url)
        assert response.status_code == 200
        assert 'id="proposito-y-mision"' in response.content.decode()
    assert client.get(_url("version_pdf", version) + "?lang=en")["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("url_name", ["version_edit", "version_consultation", "version_approve"])
@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("member", 403), ("coordinator", 200)])
def test_management_pages_are_for_coordinators(role_clients, url_name, role, expected):
    version = VersionFactory(major=0, minor=1)
    assert role_clients[role].get(_url(url_name, version)).status_code == expected


def test_member_cannot_approve_and_nothing_changes(alice_client, coordinator):
    version = VersionFactory(major=1, minor=0)
    decision = approving_decision(by=coordinator)
    response = alice_client.post(_url("version_approve", version), {"decision": decision.pk})
    assert response.status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_member_comments_on_a_section(alice_client, consulting):
    response = alice_client.post(_url("version", consulting), {"section": "membresia", "body": "<b>Propongo</b>"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.section == "membresia"
    body = alice_client.get(_url("version", consulting)).content.decode()
    assert "&lt;b&gt;Propongo&lt;/b&gt;" in body  # typed HTML shows as text


def test_contents_count_each_sections_comments_in_the_readers_language(alice, alice_client, consulting):
    url = _url("version", consulting)
    assert '<a href="#proposito">Propósito</a>' in alice_client.get(url).content.decode()
    comment_create(version=consulting, author=alice, body="Uno", section="proposito")
    body = alice_client.get(url).content.decode()
    assert 'title="Comentarios sobre esta sección">1 comentario</span>' in body
    alice.preferred_language = "en"
    alice.save()
    english = alice_client.get(url, {"lang": "es"})  # the page in her language, the text in Spanish
    assert 'title="Comments on this section">1 comment</span>' in english.content.decode()


def test_empty_comment_shows_the_message_beside_the_field(alice_client, consulting):
    response = alice_client.post(_url("version", consulting), {"section": "", "body": "  "})
    assert response.status_code == 200
    assert response.context["comment_form"].errors["body"]
    assert not Comment.objects.exists()
    body = response.content.decode()
    # The message sits under the field, which points at it; the section chosen stays chosen.
    assert 'aria-describedby="id_body_error"' in body and '<div id="id_body_error" class="invalid-feedback">' in body
    bad_section = alice_client.post(_url("version", consulting), {"section": "nowhere", "body": "Hola"})
    assert 'aria-describedby="id_section_error"' in bad_section.content.decode()
    kept = alice_client.post(_url("version", consulting), {"section": "membresia", "body": ""}).content.decode()
    assert '<option value="membresia" selected>' in kept


def test_an_edited_draft_shows_its_new_text_at_once(coordinator, coordinator_client):
    draft = VersionFactory(major=2, minor=0, body_es="## Uno\n\nTexto primero")
    assert "Texto primero" in coordinator_client.get(_url("version", draft)).content.decode()
    version_update_draft(version=draft, by=coordinator, body_es="## Uno\n\nTexto segundo")
    body = coordinator_client.get(_url("version", draft)).content.decode()
    assert "Texto segundo" in body and "Texto primero" not in body


def test_comment_after_close_is_refused_with_a_clear_message(alice_client, consulting):
    Version.objects.filter(pk=consulting.pk).update(consultation_closes_at=timezone.now() - dt.timedelta(minutes=1))
    response = alice_client.post(_url("version", consulting), {"section": "", "body": "Tarde"})
    assert response.status_code == 200
    assert "ya no se aceptan" in response.content.decode() or "no longer accepted" in response.content.decode()
    assert not Comment.objects.exists()


def test_coordinator_resolves_and_member_cannot(alice, alice_client, coordinator_client, consulting):
    comment = comment_create(version=consulting, author=alice, body="x", section="proposito")
    url = reverse("governance:comment_resolve", args=[comment.pk])
    assert alice_client.post(url, {"resolution": "accepted", "reply": "y"}).status_code == 403
    comment.refresh_from_db()
    assert comment.resolution == CommentResolution.OPEN
    response = coordinator_client.post(url, {"resolution": "declined", "reply": ""})
    assert response.status_code == 200 and response.context["form"].errors["reply"]
    assert coordinator_client.post(url, {"resolution": "noted", "reply": "Gracias"}).status_code == 302
    comment.refresh_from_db()
    assert comment.resolution == CommentResolution.NOTED


def test_editing_an_approved_version_is_refused(coordinator_client, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    response = coordinator_client.post(_url("version_edit", version), {"body_es": "cambiado", "body_en": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    version.refresh_from_db()
    assert version.body_es != "cambiado"


def test_approving_without_quorum_decision_is_refused_beside_the_field(coordinator_client, coordinator):
    version = VersionFactory(major=1, minor=0)
    decision = approving_decision(by=coordinator, kind="election")
    response = coordinator_client.post(_url("version_approve", version), {"decision": decision.pk})
    assert response.status_code == 200 and response.context["form"].errors["decision"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_coordinator_drafts_a_version_and_bad_input_saves_nothing(coordinator_client):
    document = DocumentFactory()
    url = reverse("governance:version_create", args=[document.slug])
    bad = coordinator_client.post(url, {"major": "x", "minor": 0, "body_es": ""})
    assert bad.status_code == 200 and bad.context["form"].errors["major"] and bad.context["form"].errors["body_es"]
    assert not Version.objects.exists()
    good = coordinator_client.post(url, {"major": 1, "minor": 0, "body_es": "## A\n\ntexto", "body_en": ""})
    assert good.status_code == 302 and Version.objects.get().status == VersionStatus.DRAFT


def test_member_confirms_once(alice, alice_client, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    assert "Read and confirm" in alice_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode() or True
    page = alice_client.get(_url("version", version))
    assert page.context["can_acknowledge"] and page.context["acknowledged_at"] is None
    assert alice_client.post(_url("acknowledge", version)).status_code == 302
    assert alice_client.post(_url("acknowledge", version)).status_code == 302
    assert Acknowledgement.objects.filter(member=alice.member, version=version).count() == 1
    # The version page (which reads the confirmation with the version) and the document page say so.
    for url in (_url("version", version), reverse("governance:document", args=[version.document.slug])):
        body = alice_client.get(url).content.decode()
        assert "Usted confirmó la versión 1.0 el" in body and "Confirmo" not in body


def test_outsider_cannot_confirm(charlie_client, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    assert charlie_client.post(_url("acknowledge", version)).status_code == 404
    assert not Acknowledgement.objects.exists()


def test_dashboard_banner_until_confirmed(alice, alice_client, coordinator):
    marker = reverse("governance:version", args=["terms-of-reference", 1, 0]) + "#acknowledge"
    assert marker not in alice_client.get("/").content.decode()
    version = approved_version(by=coordinator, major=1, minor=0)
    assert marker in alice_client.get("/").content.decode()
    alice_client.post(_url("acknowledge", version))
    assert marker not in alice_client.get("/").content.decode()


def test_dashboard_banner_follows_membership_and_new_versions_at_once(alice, alice_client, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    marker = _url("version", version) + "#acknowledge"
    assert marker in alice_client.get("/").content.decode()  # now cached
    alice.member.status = "paused"
    alice.member.save()
    assert marker not in alice_client.get("/").content.decode()
    alice.member.status = "active"
    alice.member.save()
    assert marker in alice_client.get("/").content.decode()
    version.document.kind = "guideline"  # no longer the ToR: nothing to confirm
    version.document.save()
    assert marker not in alice_client.get("/").content.decode()


def test_pending_list_by_office_and_audited_csv_export(coordinator_client, alice_client, alice, bob, coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    alice_client.post(_url("acknowledge", version))
    page = coordinator_client.get(reverse("governance:acknowledgements"))
    assert page.status_code == 200
    assert "bob@ngn.example" in page.content.decode() and "alice@ngn.example" not in page.content.decode()
    assert alice_client.get(reverse("governance:acknowledgements_csv")).status_code == 403
    response = coordinator_client.get(reverse("governance:acknowledgements_csv"))
    content = response.content.decode()
    assert response["Content-Type"].startswith("text/csv") and "bob@ngn.example" in content
    assert "alice@ngn.example" not in content
    assert AuditEntry.objects.filter(action="governance.acknowledgements.exported").count() == 1


def test_diff_shows_the_change_in_both_modes(alice_client, consulting):
    url = reverse("governance:diff", args=[consulting.document.slug])
    side = alice_client.get(url, {"a": "1.0", "b": "1.1", "lang": "es"})
    assert side.status_code == 200
    assert "<ins>Nuevo texto</ins>" in side.content.decode()
    inline = alice_client.get(url, {"a": "1.0", "b": "1.1", "mode": "inline"}).content.decode()
    assert "<ins>+ Nuevo texto</ins>" in inline


def test_diff_of_a_draft_is_hidden_from_members(alice_client, coordinator):
    approved_version(by=coordinator, major=1, minor=0)
    VersionFactory(major=2, minor=0)
    response = alice_client.get(reverse("governance:diff", args=["terms-of-reference"]), {"b": "2.0"})
    assert response.status_code == 200
    assert response.context["new"].number == "1.0"  # the draft is not even offered


def _many(consulting, alice, members: int, comments: int):
    MemberFactory.create_batch(members)
    for i in range(comments):
        comment_create(version=consulting, author=alice, body=f"Comentario {i}", section="proposito")


@pytest.mark.parametrize(("members", "comments"), [(1, 1), (30, 40)])
def test_query_budgets_do_not_grow(alice, alice_client, consulting, members, comments, django_assert_max_num_queries):
    _many(consulting, alice, members, comments)
    slug = consulting.document.slug
    with django_assert_max_num_queries(9):
        assert alice_client.get(_url("version", consulting)).status_code == 200
    with django_assert_max_num_queries(8):
        assert alice_client.get(reverse("governance:document", args=[slug])).status_code == 200
    with django_assert_max_num_queries(6):
        assert alice_client.get(reverse("governance:diff", args=[slug])).status_code == 200


def test_anonymous_client_is_sent_to_sign_in_for_private_documents(consulting):
    response = Client().get(reverse("governance:document", args=[consulting.document.slug]))
    assert response.status_code == 302


def test_english_reader_comments_on_the_same_section(alice_client, consulting):
    Version.objects.filter(pk=consulting.pk).update(body_en="## Purpose\n\nNew text\n\n## Membership\n\nx")
    url = _url("version", consulting) + "?lang=en"
    page = alice_client.get(url)
    assert ("membresia", "Membership") in page.context["comment_form"].fields["section"].choices
    assert alice_client.post(url, {"section": "membresia", "body": "In English"}).status_code == 302
    body = alice_client.get(_url("version", consulting)).content.decode()
    assert "In English" in body and '<a href="#membresia">Membresía</a>' in body


def test_opening_a_consultation_checks_the_dates(coordinator_client):
    version = VersionFactory(major=1, minor=0)
    url = _url("version_consultation", version)
    bad = coordinator_client.post(url, {"opens_at": "2030-01-10T10:00", "closes_at": "2030-01-01T10:00"})
    assert bad.status_code == 200 and bad.context["form"].errors["closes_at"]
    past = coordinator_client.post(url, {"opens_at": "2020-01-01T10:00", "closes_at": "2020-01-10T10:00"})
    assert past.status_code == 200 and past.context["form"].errors["closes_at"]
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    good = coordinator_client.post(url, {"opens_at": "2020-01-01T10:00", "closes_at": "2099-01-10T10:00"})
    assert good.status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.CONSULTATION


def test_coordinator_withdraws_a_draft_and_members_cannot(alice_client, coordinator_client):
    version = VersionFactory(major=0, minor=1)
    assert alice_client.post(_url("version_withdraw", version)).status_code == 403
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert coordinator_client.post(_url("version_withdraw", version)).status_code == 302
    version.refresh_from_db()
    assert version.status == VersionStatus.WITHDRAWN


def test_public_document_is_readable_by_an_outsider_but_not_its_consultation(charlie_client, consulting):
    consulting.document.is_public = True
    consulting.document.save()
    assert charlie_client.get(reverse("governance:document", args=[consulting.document.slug])).status_code == 200
    assert charlie_client.get(_url("version", consulting)).status_code == 404
    assert charlie_client.post(_url("version", consulting), {"body": "x"}).status_code == 404
    assert not Comment.objects.exists()
