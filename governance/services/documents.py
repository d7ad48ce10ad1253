"""Writes on documents: drafting, consultation, approval, withdrawal, comments and acknowledgements."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.services import audit_record
from engagement.services.rendering import absolute_url
from members.models import Member, MemberStatus, User

from ..models import (
    Acknowledgement,
    Comment,
    CommentResolution,
    Decision,
    DecisionKind,
    DecisionOutcome,
    Document,
    Version,
    VersionStatus,
)
from ..rendering import headings
from ..selectors import members_pending_acknowledgement
from .notify import notify

EDITABLE_FIELDS = ("body_es", "body_en", "change_summary", "effective_on")


def _refuse_if_frozen(version: Version) -> None:
    if version.status in (VersionStatus.APPROVED, VersionStatus.SUPERSEDED):
        raise ValidationError(
            _("Version %(number)s is approved and can no longer be changed; draft a new version instead.")
            % {"number": version.number}
        )
    if version.status == VersionStatus.WITHDRAWN:
        raise ValidationError(_("Version %(number)s was withdrawn.") % {"number": version.number})


@transaction.atomic
def version_create_draft(
    *,
    document: Document,
    major: int,
    minor: int,
    body_es: str,
    body_en: str = "",
    change_summary: str = "",
    by: User,
) -> Version:
    latest = document.versions.filter(status__in=[VersionStatus.APPROVED, VersionStatus.SUPERSEDED]).numbered().last()
    if latest is not None and (major, minor) <= (latest.major, latest.minor):
        raise ValidationError(
            {
                "minor": _("The number must be higher than %(number)s, the last approved version.")
                % {"number": latest.number}
            }
        )
    version = Version(
        document=document,
        major=major,
        minor=minor,
        body_es=body_es,
        body_en=body_en,
        change_summary=change_summary,
        created_by=by,
    )
    version.full_clean()
    version.save()
    audit_record(action="governance.version.drafted", actor=by, target=version, data={"number": version.number})
    return version


@transaction.atomic
def version_update_draft(*, version: Version, by: User, **fields: Any) -> Version:
    version = Version.objects.select_for_update().get(pk=version.pk)
    _refuse_if_frozen(version)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(version, name, value)
    version.full_clean()
    version.save()
    audit_record(action="governance.version.edited", actor=by, target=version, data={"fields": sorted(fields)})
    return version


@transaction.atomic
def version_open_consultation(*, version: Version, opens_at: dt.datetime, closes_at: dt.datetime, by: User) -> Version:
    version = Version.objects.select_for_update().get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be opened for consultation."))
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The consultation must close after it opens.")})
    if closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The closing date must be in the future.")})
    version.status = VersionStatus.CONSULTATION
    version.consultation_opens_at = opens_at
    version.consultation_closes_at = closes_at
    version.full_clean()
    version.save()
    audit_record(
        action="governance.version.consultation_opened",
        actor=by,
        target=version,
        data={"opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()},
    )
    return version


def _check_approving_decision(decision: Decision) -> None:
    if decision.kind != DecisionKind.TOR_APPROVAL:
        raise ValidationError({"decision": _("The decision must be an approval of the Terms of Reference.")})
    if decision.outcome != DecisionOutcome.APPROVED:
        raise ValidationError({"decision": _("The decision did not approve the text (its outcome is rejected).")})
    if decision.present_count < decision.quorum_needed or decision.quorum_needed == 0:
        raise ValidationError({"decision": _("The decision was not taken at a meeting with quorum.")})
    if Version.objects.filter(approved_by=decision).exists():
        raise ValidationError({"decision": _("This decision has already approved another version.")})


@transaction.atomic
def version_approve(*, version: Version, decision: Decision, by: User, effective_on: dt.date | None = None) -> Version:
    """Approve ``version`` by ``decision``: freeze it, fingerprint it, supersede the previous one, ask for consent."""
    # Lock the document: two approvals of the same document must run one after the other.
    Document.objects.select_for_update().get(pk=version.document_id)
    version = Version.objects.select_related("document").select_for_update().get(pk=version.pk)
    if version.status not in (VersionStatus.DRAFT, VersionStatus.CONSULTATION):
        raise ValidationError(
            _("Version %(number)s cannot be approved: it is %(status)s.")
            % {"number": version.number, "status": version.get_status_display().lower()}
        )
    _check_approving_decision(decision)
    now = timezone.now()
    previous = version.document.versions.select_for_update().filter(status=VersionStatus.APPROVED).first()
    if previous is not None:
        # First step the old version down, so that the partial unique constraint never sees two approved rows.
        previous.status = VersionStatus.SUPERSEDED
        previous.save(update_fields=["status"])
    if version.consultation_closes_at and version.consultation_closes_at > now:
        version.consultation_closes_at = now
    version.status = VersionStatus.APPROVED
    version.approved_by = decision
    version.approved_at = now
    version.effective_on = effective_on or version.effective_on or timezone.localdate(now)
    version.content_sha256 = version.compute_sha256()
    version.full_clean()
    version.save()
    audit_record(
        action="governance.version.approved",
        actor=by,
        target=version,
        data={
            "document": version.document.slug,
            "number": version.number,
            "sha256": version.content_sha256,
            "decision": decision.pk,
            "superseded": previous.number if previous else None,
        },
    )
    if version.document.requires_acknowledgement:
        members = list(Member.objects.active().select_related("user"))
        version_path = reverse("governance:version", args=[version.document.slug, version.major, version.minor])
        for member in members:
            notify(
                kind="governance.tor_approved",
                recipient=member.user,
                related=version,
                occasion=f"approved-{version.number}",
                context={"number": version.number, "action_url": absolute_url(version_path) + "#acknowledge"},
            )
    return version


@transaction.atomic
def version_withdraw(*, version: Version, by: User) -> Version:
    version = Version.objects.select_for_update().get(pk=version.pk)
    _refuse_if_frozen(version)
    version.status = VersionStatus.WITHDRAWN
    version.save(update_fields=["status"])
    audit_record(action="governance.version.withdrawn", actor=by, target=version, data={"number": version.number})
    return version


@transaction.atomic
def comment_create(*, version: Version, author: User, body: str, section: str = "") -> Comment:
    if not version.consultation_is_open():
        if version.consultation_closes_at and version.consultation_closes_at <= timezone.now():
            raise ValidationError(
                _("The consultation closed on %(date)s; new comments are no longer accepted.")
                % {"date": date_format(timezone.localtime(version.consultation_closes_at), "DATETIME_FORMAT")}
            )
        raise ValidationError(_("This version is not open for consultation."))
    if section and section not in {h.anchor for h in headings(version.body_es)}:
        raise ValidationError({"section": _("Choose a section of this version, or the whole document.")})
    comment = Comment(version=version, author=author, body=body.strip(), section=section)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, resolution: str, reply: str, by: User) -> Comment:
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if resolution not in (CommentResolution.ACCEPTED, CommentResolution.DECLINED, CommentResolution.NOTED):
        raise ValidationError({"resolution": _("Choose accepted, declined or noted.")})
    if not reply.strip():
        raise ValidationError({"reply": _("Write a short reply to the member.")})
    comment.resolution = resolution
    comment.reply = reply.strip()
    comment.resolved_by = by
    comment.resolved_at = timezone.now()
    comment.full_clean()
    comment.save()
    audit_record(action="governance.comment.resolved", actor=by, target=comment, data={"resolution": resolution})
    return comment


@transaction.atomic
def acknowledgement_create(*, member: Member, version: Version) -> Acknowledgement:
    """Record that ``member`` has read ``version``, the current approved text. A second call changes nothing."""
    if version.status != VersionStatus.APPROVED:
        raise ValidationError(_("Only the current approved version can be confirmed."))
    if member.status != MemberStatus.ACTIVE:
        raise ValidationError(_("Only active members confirm the Terms of Reference."))
    existing = Acknowledgement.objects.filter(member=member, version=version).first()
    if existing is not None:
        return existing
    acknowledgement = Acknowledgement(member=member, version=version, content_sha256=version.content_sha256)
    acknowledgement.full_clean()
    acknowledgement.save()
    audit_record(
        action="governance.acknowledgement.recorded",
        actor=member.user,
        target=acknowledgement,
        data={"version": version.number, "sha256": version.content_sha256},
    )
    return acknowledgement


@transaction.atomic
def pending_acknowledgements_export(*, version: Version, by: User) -> list[Member]:
    """The members who have not confirmed ``version``, for a coordinator's export; the export itself is audited."""
    members = list(members_pending_acknowledgement(version))
    audit_record(
        action="governance.acknowledgements.exported",
        actor=by,
        target=version,
        data={"rows": len(members)},
    )
    return members
