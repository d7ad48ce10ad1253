from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from audit.models import AuditEntry
from engagement.models import OutgoingEmail
from governance.models import Acknowledgement, CommentResolution, DecisionKind, Version, VersionStatus
from governance.services import (
    acknowledgement_create,
    comment_create,
    comment_resolve,
    version_approve,
    version_create_draft,
    version_open_consultation,
    version_update_draft,
    version_withdraw,
)
from tests.factories import MemberFactory

from .factories import DocumentFactory, VersionFactory, approved_version, approving_decision

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages are asserted in English here; the Spanish ones are checked through the pages.
    with translation.override("en"):
        yield


def test_draft_then_consultation_then_approval_freezes_and_fingerprints(coordinator, alice):
    document = DocumentFactory()
    draft = version_create_draft(document=document, major=1, minor=0, body_es="## Uno\n\nTexto", by=coordinator)
    assert draft.status == VersionStatus.DRAFT and draft.number == "1.0"
    now = timezone.now()
    version_open_consultation(version=draft, opens_at=now, closes_at=now + dt.timedelta(days=7), by=coordinator)
    decision = approving_decision(by=coordinator)
    version = version_approve(version=draft, decision=decision, by=coordinator)
    assert version.status == VersionStatus.APPROVED
    assert version.content_sha256 == version.compute_sha256() and len(version.content_sha256) == 64
    assert version.approved_by == decision and version.effective_on == timezone.localdate()
    assert AuditEntry.objects.filter(action="governance.version.approved", target_id=str(version.pk)).exists()
    # every active member is asked to confirm, once
    asked = set(OutgoingEmail.objects.filter(kind="governance.tor_approved").values_list("recipient__email", flat=True))
    assert {"alice@ngn.example", "coord@ngn.example"} <= asked


def test_approval_supersedes_the_previous_version(coordinator):
    first = approved_version(by=coordinator, major=1, minor=0)
    second = approved_version(by=coordinator, major=1, minor=1)
    first.refresh_from_db()
    assert first.status == VersionStatus.SUPERSEDED and second.status == VersionStatus.APPROVED
    assert Version.objects.filter(document=first.document, status=VersionStatus.APPROVED).count() == 1


def test_the_database_allows_one_approved_version_per_document(coordinator):
    current = approved_version(by=coordinator, major=1, minor=0)
    other = VersionFactory(document=current.document, major=2, minor=0)
    other.status, other.content_sha256 = VersionStatus.APPROVED, "0" * 64
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()


def test_the_number_is_unique_per_document_and_must_grow(coordinator):
    current = approved_version(by=coordinator, major=1, minor=0)
    with pytest.raises(ValidationError) as excinfo:
        version_create_draft(document=current.document, major=1, minor=0, body_es="x", by=coordinator)
    assert "minor" in excinfo.value.error_dict
    version_create_draft(document=current.document, major=1, minor=1, body_es="x", by=coordinator)
    with pytest.raises(ValidationError):
        version_create_draft(document=current.document, major=1, minor=1, body_es="y", by=coordinator)


def test_an_approved_version_refuses_edits_and_withdrawal(coordinator):
    version = approved_version(by=coordinator, major=1, minor=0)
    before = (version.body_es, version.content_sha256)
    with pytest.raises(ValidationError, match="no longer be changed"):
        version_update_draft(version=version, by=coordinator, body_es="otro texto")
    with pytest.raises(ValidationError):
        version_withdraw(version=version, by=coordinator)
    version.refresh_from_db()
    assert (version.body_es, version.content_sha256) == before and version.status == VersionStatus.APPROVED


@pytest.mark.parametrize(
    ("kind", "message"),
    [(DecisionKind.ELECTION, "approval of the Terms of Reference"), (DecisionKind.OTHER, "approval of the Terms")],
)
def test_approval_needs_a_tor_approval_decision(coordinator, kind, message):
    version = VersionFactory(major=1, minor=0)
    decision = approving_decision(by=coordinator, kind=kind)
    with pytest.raises(ValidationError, match=message):
        version_approve(version=version, decision=decision, by=coordinator)
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT and version.content_sha256 == ""


def test_one_decision_approves_one_version(coordinator):
    decision = approving_decision(by=coordinator)
    version_approve(version=VersionFactory(major=1, minor=0), decision=decision, by=coordinator)
    with pytest.raises(ValidationError, match="already approved"):
        version_approve(version=VersionFactory(major=1, minor=1), decision=decision, by=coordinator)


def test_withdrawn_draft(coordinator):
    version = version_withdraw(version=VersionFactory(major=0, minor=1), by=coordinator)
    assert version.status == VersionStatus.WITHDRAWN


def _consulting(coordinator, *, closes_in=dt.timedelta(days=3)):
    version = VersionFactory(major=1, minor=1)
    now = timezone.now()
    return version_open_consultation(
        version=version, opens_at=now - dt.timedelta(days=1), closes_at=now + closes_in, by=coordinator
    )


def test_members_comment_on_a_section_while_open_and_coordinators_resolve(coordinator, alice):
    version = _consulting(coordinator)
    comment = comment_create(version=version, author=alice, body="Propongo un cambio.", section="membresia")
    assert comment.resolution == CommentResolution.OPEN
    whole = comment_create(version=version, author=alice, body="En general, bien.")
    assert whole.section == ""
    comment_resolve(comment=comment, resolution=CommentResolution.ACCEPTED, reply="Gracias", by=coordinator)
    comment.refresh_from_db()
    assert comment.resolution == CommentResolution.ACCEPTED and comment.resolved_by == coordinator


def test_unknown_section_is_refused(coordinator, alice):
    with pytest.raises(ValidationError) as excinfo:
        comment_create(version=_consulting(coordinator), author=alice, body="x", section="no-existe")
    assert "section" in excinfo.value.error_dict


def test_comments_after_the_window_closes_are_refused(coordinator, alice, time_machine):
    version = _consulting(coordinator, closes_in=dt.timedelta(hours=1))
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="closed on"):
        comment_create(version=version, author=alice, body="Tarde")
    assert not version.comments.exists()


def test_resolution_needs_a_reply(coordinator, alice):
    comment = comment_create(version=_consulting(coordinator), author=alice, body="x")
    with pytest.raises(ValidationError) as excinfo:
        comment_resolve(comment=comment, resolution=CommentResolution.NOTED, reply="  ", by=coordinator)
    assert "reply" in excinfo.value.error_dict
    comment.refresh_from_db()
    assert comment.resolution == CommentResolution.OPEN


def test_acknowledgement_keeps_version_and_hash_once(coordinator, alice):
    version = approved_version(by=coordinator, major=1, minor=0)
    first = acknowledgement_create(member=alice.member, version=version)
    again = acknowledgement_create(member=alice.member, version=version)
    assert first.pk == again.pk and first.content_sha256 == version.content_sha256
    assert AuditEntry.objects.filter(action="governance.acknowledgement.recorded").count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(member=alice.member, version=version, content_sha256="x")


def test_only_the_current_approved_version_can_be_confirmed(coordinator, alice):
    old = approved_version(by=coordinator, major=1, minor=0)
    approved_version(by=coordinator, major=1, minor=1)
    old.refresh_from_db()
    with pytest.raises(ValidationError):
        acknowledgement_create(member=alice.member, version=old)


def test_paused_members_do_not_confirm(coordinator):
    alumnus = MemberFactory(status="paused")
    version = approved_version(by=coordinator, major=1, minor=0)
    with pytest.raises(ValidationError):
        acknowledgement_create(member=alumnus, version=version)


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member", "coordinator"])
def test_the_list_of_readable_versions_agrees_with_the_single_version_rule(who, request):
    from django.contrib.auth.models import AnonymousUser

    from governance.models import Version, VersionStatus
    from governance.permissions import can_view_version, viewable_versions

    from .factories import DocumentFactory, VersionFactory

    user = (
        AnonymousUser()
        if who == "anonymous"
        else request.getfixturevalue({"outsider": "charlie", "member": "alice", "coordinator": "coordinator"}[who])
    )
    for document in (DocumentFactory(slug="publico", is_public=True), DocumentFactory(slug="interno")):
        for status in VersionStatus.values:
            Version.objects.filter(pk=VersionFactory(document=document).pk).update(
                status=status, content_sha256="0" * 64
            )
    everything = Version.objects.select_related("document")
    expected = {version.pk for version in everything if can_view_version(user, version)}
    assert set(viewable_versions(user, everything).values_list("pk", flat=True)) == expected
