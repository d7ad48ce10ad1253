"""Governance emails, registered with the engagement mailroom.

Sent by a service: "a new version of the ToR was approved, please confirm it".
Found by the reminder scan (each ``due`` runs a fixed number of queries):
- ToR acknowledgement pending: 3 days after approval, then weekly, until the member confirms;
- consultation closing: 2 days before it closes, to active members;
- meeting tomorrow: to those invited or confirmed;
- minutes not published: 7 days after the meeting, to the secretary;
- term of office ending: 60 and 14 days before, to the holder and the coordinators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.registry import Due, EmailKind, ReminderKind, ReminderRule, register
from engagement.services.rendering import absolute_url
from members.models import Member
from members.services.mail import coordinators as active_coordinators

from .models import Attendance, AttendanceStatus, Mandate, Meeting, Version, VersionStatus
from .models.documents import DocumentKind
from .models.positions import SECRETARY
from .selectors import members_pending_acknowledgement

ACKNOWLEDGEMENT_AFTER_DAYS = 3
MINUTES_AFTER_DAYS = 7
# Things whose reference date is further back than this are not chased any more.
LOOKBACK_DAYS = 120


def occasion_for(reference: dt.date, today: dt.date, rule: ReminderRule) -> str | None:
    """The one occasion due on ``today``, or None.

    Before the reference date: the nearest lead day already reached ("lead-14" replaces "lead-60"), so a late
    first scan sends one email, not a burst. After it: one occasion per repeat period.
    """
    days_until = (reference - today).days
    if days_until < 0 and rule.repeat_every_days:
        periods = -days_until // rule.repeat_every_days
        if periods:
            return f"{reference.isoformat()}:repeat-{periods}"
    if days_until < 0 and 0 not in rule.lead_days:
        return None
    reached = [lead for lead in rule.lead_days if lead >= max(days_until, 0)]
    return f"{reference.isoformat()}:lead-{min(reached)}" if reached else None


def _version_url(version: Version) -> str:
    return absolute_url(reverse("governance:version", args=[version.document.slug, version.major, version.minor]))


def _meeting_url(meeting: Meeting) -> str:
    return absolute_url(reverse("governance:meeting", args=[meeting.pk]))


def acknowledgements_pending(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    versions = Version.objects.select_related("document").filter(
        status=VersionStatus.APPROVED, document__kind=DocumentKind.TERMS_OF_REFERENCE, approved_at__isnull=False
    )
    for version in versions:
        reference = timezone.localdate(version.approved_at) + dt.timedelta(days=ACKNOWLEDGEMENT_AFTER_DAYS)
        occasion = occasion_for(reference, today, rule)
        if occasion is None:
            continue
        context = {"number": version.number, "action_url": _version_url(version) + "#acknowledge"}
        for member in members_pending_acknowledgement(version):
            yield Due(recipient=member.user, related=version, occasion=occasion, context=context)


def consultations_closing(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    horizon = now + dt.timedelta(days=max(rule.lead_days or (0,)) + 1)
    versions = list(
        Version.objects.select_related("document").filter(
            status=VersionStatus.CONSULTATION, consultation_closes_at__gt=now, consultation_closes_at__lte=horizon
        )
    )
    if not versions:
        return
    members = list(Member.objects.active().select_related("user"))
    for version in versions:
        closes = timezone.localtime(version.consultation_closes_at)
        occasion = occasion_for(closes.date(), today, rule)
        if occasion is None:
            continue
        context = {"number": version.number, "closes_at": closes.isoformat(), "action_url": _version_url(version)}
        for member in members:
            yield Due(recipient=member.user, related=version, occasion=occasion, context=context)


def meetings_tomorrow(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    horizon = now + dt.timedelta(days=max(rule.lead_days or (1,)) + 1)
    attendances = (
        Attendance.objects.filter(
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=horizon,
            status__in=[AttendanceStatus.INVITED, AttendanceStatus.CONFIRMED],
            member__in=Member.objects.active(),
        )
        .select_related("meeting", "member__user")
        .order_by("meeting__starts_at")
    )
    for attendance in attendances:
        meeting = attendance.meeting
        starts = timezone.localtime(meeting.starts_at)
        occasion = occasion_for(starts.date(), today, rule)
        if occasion is None or starts.date() == today:
            continue
        context = {
            "title": meeting.title,
            "starts_at": starts.isoformat(),
            "place": meeting.place,
            "online_url": meeting.online_url,
            "action_url": _meeting_url(meeting),
        }
        yield Due(recipient=attendance.member.user, related=meeting, occasion=occasion, context=context)


def minutes_not_published(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    meetings = list(
        Meeting.objects.filter(
            minutes_published_at__isnull=True,
            ends_at__lt=now,
            ends_at__gte=now - dt.timedelta(days=LOOKBACK_DAYS),
        )
    )
    if not meetings:
        return
    secretaries = [
        m.member.user
        for m in Mandate.objects.current(on=today).filter(position__code=SECRETARY).select_related("member__user")
    ]
    for meeting in meetings:
        reference = timezone.localdate(meeting.ends_at) + dt.timedelta(days=MINUTES_AFTER_DAYS)
        occasion = occasion_for(reference, today, rule)
        if occasion is None:
            continue
        context = {
            "title": meeting.title,
            "action_url": absolute_url(reverse("governance:meeting_minutes", args=[meeting.pk])),
        }
        for secretary in secretaries:
            yield Due(recipient=secretary, related=meeting, occasion=occasion, context=context)


def terms_ending(now: dt.datetime, rule: ReminderRule) -> Iterator[Due]:
    today = timezone.localdate(now)
    mandates = list(
        Mandate.objects.filter(ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=max(rule.lead_days or (0,))))
        .select_related("member__user", "position")
        .order_by("ends_on")
    )
    if not mandates:
        return
    coordinators = active_coordinators()
    for mandate in mandates:
        occasion = occasion_for(mandate.ends_on, today, rule)
        if occasion is None:
            continue
        context = {
            "position": mandate.position.name_es,
            "position_en": mandate.position.name_en or mandate.position.name_es,
            "holder": mandate.member.user.full_name,
            "ends_on": mandate.ends_on.isoformat(),
            "action_url": absolute_url(reverse("governance:whos_who")),
        }
        recipients = {mandate.member.user.pk: mandate.member.user} | {c.pk: c for c in coordinators}
        for recipient in recipients.values():
            yield Due(recipient=recipient, related=mandate, occasion=occasion, context=context)


register(
    EmailKind(
        key="governance.tor_approved",
        label=_("New Terms of Reference approved"),
        optional=False,
        template_prefix="governance/email/tor_approved",
    )
)
register(
    ReminderKind(
        key="governance.tor_acknowledgement_pending",
        label=_("Terms of Reference not yet confirmed"),
        optional=False,
        template_prefix="governance/email/tor_acknowledgement_pending",
        default_rule=ReminderRule(lead_days=(0,), repeat_every_days=7),
        due=acknowledgements_pending,
    )
)
register(
    ReminderKind(
        key="governance.consultation_closing",
        label=_("Consultation closing"),
        template_prefix="governance/email/consultation_closing",
        default_rule=ReminderRule(lead_days=(2,)),
        due=consultations_closing,
    )
)
register(
    ReminderKind(
        key="governance.meeting_tomorrow",
        label=_("Meeting tomorrow"),
        template_prefix="governance/email/meeting_tomorrow",
        default_rule=ReminderRule(lead_days=(1,)),
        due=meetings_tomorrow,
    )
)
register(
    ReminderKind(
        key="governance.minutes_not_published",
        label=_("Minutes not yet published"),
        template_prefix="governance/email/minutes_not_published",
        default_rule=ReminderRule(lead_days=(0,)),
        due=minutes_not_published,
    )
)
register(
    ReminderKind(
        key="governance.term_ending",
        label=_("Term of office ending"),
        template_prefix="governance/email/term_ending",
        default_rule=ReminderRule(lead_days=(60, 14)),
        due=terms_ending,
    )
)
