"""Factories for governance tests. Rule-bound objects (approved versions, decisions) come from the services."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from governance.models import (
    AttendanceStatus,
    Decision,
    DecisionKind,
    DecisionOutcome,
    Document,
    DocumentKind,
    Meeting,
    MeetingKind,
    Position,
    QuorumPolicy,
    Version,
)
from governance.services import attendance_record, decision_record, version_approve
from members.models import Member

TOR_BODY_ES = """# Términos de referencia

## Propósito y misión

La red promueve la integridad.

## Membresía

Pueden ser miembros los servidores jóvenes.
"""
TOR_BODY_EN = """# Terms of reference

## Purpose and mission

The network promotes integrity.

## Membership

Young officials may be members.
"""


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        django_get_or_create = ("slug",)

    slug = "terms-of-reference"
    title_es = "Términos de referencia"
    title_en = "Terms of Reference"
    kind = DocumentKind.TERMS_OF_REFERENCE
    is_public = False


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Version

    document = factory.SubFactory(DocumentFactory)
    major = 1
    minor = factory.Sequence(lambda n: n)
    body_es = TOR_BODY_ES
    body_en = TOR_BODY_EN
    change_summary = "Primera versión"


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    kind = MeetingKind.AGM
    title = factory.Sequence(lambda n: f"Asamblea de prueba {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=2))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "Guayaquil"
    agenda = "1. Apertura\n2. Aprobación de los términos de referencia"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("code",)

    code = "chair"
    name_es = "Presidencia"
    name_en = "Chair"
    term_months = 12
    consecutive_term_limit = 2
    single_seat = True


def quorate_meeting(*, by, attendees: list[Member] | None = None, **kwargs) -> Meeting:
    """A meeting that started already, with everyone given (default: all active members) marked attended."""
    QuorumPolicy.objects.update_or_create(pk=1, defaults={"share_percent": 25, "minimum_count": 1})
    meeting = MeetingFactory(**kwargs)
    members = attendees if attendees is not None else list(Member.objects.active())
    attendance_record(meeting=meeting, statuses={m.pk: AttendanceStatus.ATTENDED for m in members}, by=by)
    return meeting


def approving_decision(*, by, meeting: Meeting | None = None, kind: str = DecisionKind.TOR_APPROVAL) -> Decision:
    meeting = meeting or quorate_meeting(by=by)
    present = meeting.attendances.filter(status=AttendanceStatus.ATTENDED).count()
    return decision_record(
        meeting=meeting,
        kind=kind,
        text="Se aprueban los términos de referencia.",
        votes_for=present,
        votes_against=0,
        votes_abstain=0,
        outcome=DecisionOutcome.APPROVED,
        by=by,
    )


def approved_version(*, by, **kwargs) -> Version:
    version = VersionFactory(**kwargs)
    return version_approve(version=version, decision=approving_decision(by=by), by=by)
