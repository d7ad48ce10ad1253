"""The life of a membership: the member's own profile, status changes by coordinators, and exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

import tablib
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..models import Member, MemberStatus, User
from ..models.member import ENDED_STATUSES
from ..resources import DirectoryExportResource

# What a member may change on their own profile.
PROFILE_FIELDS = (
    "position_title",
    "service_started_on",
    "date_of_birth",
    "phone",
    "bio",
    "skills",
    "email_visibility",
    "phone_visibility",
    "date_of_birth_visibility",
)


@transaction.atomic
def member_profile_update(
    *,
    member: Member,
    by: User,
    data: dict[str, Any],
    photo: ContentFile | None = None,
    remove_photo: bool = False,
) -> Member:
    """Save a member's own profile. ``photo`` is already validated and re-encoded (members.photos)."""
    for name in PROFILE_FIELDS:
        if name in data:
            setattr(member, name, data[name])
    old_photo = member.photo.name if member.photo else ""
    storage = member.photo.storage
    new_photo = ""
    if photo is not None:
        member.photo.save(photo.name, photo, save=False)
        new_photo = member.photo.name
    elif remove_photo:
        member.photo = ""
    try:
        member.full_clean()
        member.save()
    except BaseException:
        # The new file was written before validation; a refused update must not leave it behind.
        if new_photo:
            storage.delete(new_photo)
        raise
    if old_photo and old_photo != (member.photo.name if member.photo else ""):
        # Delete the replaced file only once the new state is committed.
        transaction.on_commit(lambda: storage.delete(old_photo))
    return member


def _transition(
    *, member: Member, to: str, allowed_from: set[str], by: User, reason: str, on: dt.date | None
) -> Member:
    member = Member.objects.select_for_update().select_related("user").get(pk=member.pk)
    if member.status not in allowed_from:
        raise ValidationError(
            _("A membership that is %(status)s cannot change this way.") % {"status": member.get_status_display()}
        )
    reason = reason.strip()
    if to != MemberStatus.ACTIVE and not reason:
        raise ValidationError({"reason": _("Give the reason for this change.")})
    previous = member.status
    member.status = to
    member.status_reason = reason
    member.left_on = (on or timezone.localdate()) if to in ENDED_STATUSES else None
    member.full_clean()
    member.save()
    audit_record(
        action=f"members.member.{to}",
        actor=by,
        target=member,
        data={"from": previous, "to": to, "reason": reason, "left_on": member.left_on},
    )
    return member


@transaction.atomic
def member_pause(*, member: Member, by: User, reason: str) -> Member:
    return _transition(
        member=member, to=MemberStatus.PAUSED, allowed_from={MemberStatus.ACTIVE}, by=by, reason=reason, on=None
    )


@transaction.atomic
def member_end(*, member: Member, by: User, status: str, reason: str, on: dt.date | None = None) -> Member:
    """Make a member alumni, or record that they left; both keep the date and the reason."""
    if status not in ENDED_STATUSES:
        raise ValidationError(_("A membership ends as alumni or as left."))
    return _transition(
        member=member,
        to=status,
        allowed_from={MemberStatus.ACTIVE, MemberStatus.PAUSED},
        by=by,
        reason=reason,
        on=on,
    )


@transaction.atomic
def member_reactivate(*, member: Member, by: User, reason: str = "") -> Member:
    return _transition(
        member=member,
        to=MemberStatus.ACTIVE,
        allowed_from={MemberStatus.PAUSED, MemberStatus.ALUMNI, MemberStatus.LEFT},
        by=by,
        reason=reason,
        on=None,
    )


def member_status_set(*, member: Member, by: User, status: str, reason: str, on: dt.date | None = None) -> Member:
    """The coordinator's one status form: pause, reactivate, or end (alumni or left) the membership."""
    if status == MemberStatus.PAUSED:
        return member_pause(member=member, by=by, reason=reason)
    if status == MemberStatus.ACTIVE:
        return member_reactivate(member=member, by=by, reason=reason)
    return member_end(member=member, by=by, status=status, reason=reason, on=on)


@transaction.atomic
def members_export(*, members: QuerySet[Member], by: User, file_format: str, filters: dict[str, Any]) -> tablib.Dataset:
    """The directory as a table for coordinators; every export is written to the audit register."""
    dataset = DirectoryExportResource().export(queryset=members)
    audit_record(
        action="members.directory.exported",
        actor=by,
        target=None,
        data={"format": file_format, "rows": len(dataset), "filters": filters},
    )
    return dataset
