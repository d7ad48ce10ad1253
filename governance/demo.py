"""Demo governance: the ToR in three versions, the founding workshop, AGMs and quarterly meetings, office holders.

Built through the services (so the audit register tells the same story) and idempotent: every object is looked up by
a natural key first, and a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from members.models import Member, User

from .demo_texts import CONSULTATION_EDITS, DRAFT_EDITS, TOR_V1_EN, TOR_V1_ES, apply
from .models import (
    Acknowledgement,
    AttendanceStatus,
    CommentResolution,
    Decision,
    DecisionKind,
    DecisionOutcome,
    Document,
    DocumentKind,
    Mandate,
    Meeting,
    MeetingKind,
    Position,
    Version,
    VersionStatus,
)
from .services import (
    acknowledgement_create,
    attendance_record,
    comment_create,
    comment_resolve,
    decision_record,
    mandate_create,
    meeting_create,
    minutes_record,
    version_approve,
    version_create_draft,
    version_open_consultation,
)

GYE = ZoneInfo("America/Guayaquil")
COORDINATOR = "coordinator@ngn.example"
# Founders who have not yet confirmed v1.0, so the coordinators' list has something to show.
PENDING = {"kevin.muestra@ngn.example", "bryan.demo@ngn.example", "gabriela.muestra@ngn.example"}
# Founders absent from meetings (by email), so attendance is not uniform.
ABSENT = {"andres.ficticio@ngn.example", "paula.prueba@ngn.example"}

POSITIONS = [
    # code, es, en, months, consecutive limit, single seat, order
    ("chair", "Presidencia", "Chair", 12, 2, True, 10),
    ("vice-chair", "Vicepresidencia", "Vice-chair", 12, 2, True, 20),
    ("secretary", "Secretaría", "Secretary", 12, 2, True, 30),
    ("communications", "Responsable de comunicación", "Communications lead", 12, 2, True, 40),
    ("district-rep", "Representante distrital", "District representative", 12, 2, False, 50),
    ("executive-sponsor", "Patrocinador ejecutivo", "Executive sponsor", 24, None, True, 60),
    ("mentor", "Mentor", "Mentor", 12, None, False, 70),
]
# Who holds what today (emails from members/demo.py).
HOLDERS = [
    ("chair", "lucia.ficticia@ngn.example"),
    ("vice-chair", "diego.prueba@ngn.example"),
    ("secretary", "sofia.demo@ngn.example"),
    ("communications", "camila.ficticia@ngn.example"),
    ("district-rep", "valeria.muestra@ngn.example"),
    ("district-rep", "jorge.ejemplo@ngn.example"),
    ("executive-sponsor", "esteban.prueba@ngn.example"),
    ("mentor", "daniela.ejemplo@ngn.example"),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=GYE)


def _meeting(
    coordinator: User,
    *,
    title: str,
    kind: str,
    start: dt.datetime,
    end: dt.datetime,
    place: str,
    agenda: str,
    minutes: str = "",
) -> Meeting:
    meeting = Meeting.objects.filter(title=title).first()
    if meeting is not None:
        return meeting
    # Only those who were members by then are invited.
    invitees = Member.objects.active().filter(joined_on__lte=end.date())
    meeting = meeting_create(
        by=coordinator,
        kind=kind,
        title=title,
        starts_at=start,
        ends_at=end,
        place=place,
        agenda=agenda,
        invitees=invitees,
    )
    if end < timezone.now():
        statuses = {
            member.pk: AttendanceStatus.ABSENT if member.user.email in ABSENT else AttendanceStatus.ATTENDED
            for member in invitees.select_related("user")
        }
        attendance_record(meeting=meeting, statuses=statuses, by=coordinator)
        if minutes:
            minutes_record(meeting=meeting, minutes=minutes, publish=True, by=coordinator)
    return meeting


def _decision(coordinator: User, meeting: Meeting, kind: str, text: str) -> Decision:
    existing = meeting.decisions.filter(kind=kind).first()
    if existing is not None:
        return existing
    present = meeting.attendances.filter(status=AttendanceStatus.ATTENDED).count()
    decision = decision_record(
        meeting=meeting,
        kind=kind,
        text=text,
        votes_for=present - 1,
        votes_against=0,
        votes_abstain=1,
        outcome=DecisionOutcome.APPROVED,
        by=coordinator,
    )
    # The register keeps today's entry; the decision itself carries the day it was taken.
    Decision.objects.filter(pk=decision.pk).update(recorded_at=meeting.ends_at)
    return decision


def _version(
    document: Document, coordinator: User, major: int, minor: int, body_es: str, body_en: str, summary: str
) -> Version:
    version = document.versions.filter(major=major, minor=minor).first()
    if version is None:
        version = version_create_draft(
            document=document,
            major=major,
            minor=minor,
            body_es=body_es,
            body_en=body_en,
            change_summary=summary,
            by=coordinator,
        )
    return version


def _last_agm_day(today: dt.date) -> dt.date:
    this_year = dt.date(today.year, 3, 15)
    return this_year if this_year <= today else dt.date(today.year - 1, 3, 15)


@transaction.atomic
def load() -> None:
    coordinator = User.objects.get(email=COORDINATOR)
    members = {m.user.email: m for m in Member.objects.select_related("user")}
    today = timezone.localdate()

    document, _ = Document.objects.get_or_create(
        slug="terminos-de-referencia",
        defaults={
            "title_es": "Términos de referencia de la NGN",
            "title_en": "NGN Terms of Reference",
            "kind": DocumentKind.TERMS_OF_REFERENCE,
            "is_public": True,
        },
    )
    positions = {
        code: Position.objects.get_or_create(
            code=code,
            defaults={
                "name_es": es,
                "name_en": en,
                "term_months": months,
                "consecutive_term_limit": limit,
                "single_seat": single,
                "order": order,
            },
        )[0]
        for code, es, en, months, limit, single, order in POSITIONS
    }

    # The founding workshop produced the draft (v0.1).
    _meeting(
        coordinator,
        title="Taller fundacional de la NGN (OMA A-CIP y CBSA)",
        kind=MeetingKind.WORKSHOP,
        start=_at(dt.date(2022, 11, 28), 9),
        end=_at(dt.date(2022, 12, 2), 17),
        place="Guayaquil, Dirección General",
        agenda="1. El modelo NGN de la CBSA\n2. Integridad y Declaración de Arusha\n"
        "3. Borrador de términos de referencia\n4. Plan de acción 2023",
        minutes="El taller aprobó enviar el borrador de términos de referencia a la primera asamblea.",
    )
    draft = _version(
        document,
        coordinator,
        0,
        1,
        apply(TOR_V1_ES, DRAFT_EDITS),
        apply(TOR_V1_EN, DRAFT_EDITS),
        "Borrador del taller fundacional, diciembre de 2022.",
    )

    # The first AGM approved v1.0 (the draft was superseded by it, never approved itself).
    agm = _meeting(
        coordinator,
        title="Primera asamblea general anual 2023",
        kind=MeetingKind.AGM,
        start=_at(dt.date(2023, 3, 15), 9),
        end=_at(dt.date(2023, 3, 15), 13),
        place="Guayaquil, Dirección General",
        agenda="1. Informe del taller\n2. Aprobación de los términos de referencia v1.0\n3. Elecciones\n"
        "4. Plan de acción 2023",
        minutes="## Acta\n\nSe aprobó la versión 1.0 de los términos de referencia y se eligieron los cargos.",
    )
    v1 = _version(document, coordinator, 1, 0, TOR_V1_ES, TOR_V1_EN, "Cifras de elegibilidad y de quórum fijadas.")
    if draft.status == VersionStatus.DRAFT:
        draft.status = VersionStatus.WITHDRAWN  # replaced by v1.0 before any approval
        draft.save(update_fields=["status"])
    if v1.status == VersionStatus.DRAFT:
        decision = _decision(
            coordinator, agm, DecisionKind.TOR_APPROVAL, "Se aprueban los términos de referencia v1.0."
        )
        v1 = version_approve(version=v1, decision=decision, by=coordinator, effective_on=dt.date(2023, 3, 15))
        Version.objects.filter(pk=v1.pk).update(approved_at=agm.ends_at)
    for email, member in members.items():
        if email not in PENDING and member.status == "active" and v1.status == VersionStatus.APPROVED:
            if not Acknowledgement.objects.filter(member=member, version=v1).exists():
                acknowledgement_create(member=member, version=v1)

    # Quarterly meetings since, and the next one.
    day = dt.date(2023, 6, 14)
    while day <= today + dt.timedelta(days=92):
        quarter = (day.month - 1) // 3 + 1
        _meeting(
            coordinator,
            title=f"Reunión trimestral T{quarter} {day.year}",
            kind=MeetingKind.REGULAR,
            start=_at(day, 15),
            end=_at(day, 17),
            place="En línea y en la Dirección General",
            agenda="1. Avance del plan de acción\n2. Noticias de los distritos\n3. Varios",
            minutes="Se revisó el avance del plan y se acordaron las siguientes acciones.",
        )
        day = dt.date(day.year + (day.month + 3 > 12), (day.month + 2) % 12 + 1, 14)

    # The latest AGM elected today's office holders.
    agm_day = _last_agm_day(today)
    latest_agm = _meeting(
        coordinator,
        title=f"Asamblea general anual {agm_day.year}",
        kind=MeetingKind.AGM,
        start=_at(agm_day, 9),
        end=_at(agm_day, 13),
        place="Guayaquil, Dirección General",
        agenda="1. Informe de la presidencia\n2. Elecciones\n3. Plan de acción anual",
        minutes="## Acta\n\nSe eligieron los cargos para el período siguiente.",
    )
    election = _decision(coordinator, latest_agm, DecisionKind.ELECTION, "Se eligen los cargos de la red.")
    for code, email in HOLDERS:
        member = members[email]
        if not Mandate.objects.filter(position=positions[code], member=member, starts_on=agm_day).exists():
            mandate_create(
                member=member, position=positions[code], starts_on=agm_day, elected_by=election, by=coordinator
            )

    # v1.1 is open for consultation now, with a few comments.
    v11 = _version(
        document,
        coordinator,
        1,
        1,
        apply(TOR_V1_ES, CONSULTATION_EDITS),
        apply(TOR_V1_EN, CONSULTATION_EDITS),
        "Reuniones híbridas, informes semestrales y elegibilidad hasta 7 años de servicio.",
    )
    if v11.status == VersionStatus.DRAFT:
        now = timezone.now()
        v11 = version_open_consultation(
            version=v11, opens_at=now - dt.timedelta(days=7), closes_at=now + dt.timedelta(days=14), by=coordinator
        )
    if v11.consultation_is_open() and not v11.comments.exists():
        comment_create(
            version=v11,
            author=members["lucia.ficticia@ngn.example"].user,
            section="reuniones-y-asamblea-general-anual",
            body="Las reuniones híbridas ayudan mucho a los distritos lejanos. Apoyo el cambio.",
        )
        second = comment_create(
            version=v11,
            author=members["diego.prueba@ngn.example"].user,
            section="membresia-y-elegibilidad",
            body="¿Siete años no es demasiado? Propongo seis, para mantener el enfoque en la nueva generación.",
        )
        comment_create(
            version=v11,
            author=members["member@ngn.example"].user,
            body="El informe semestral al patrocinador es una buena idea; pido que sea público para los miembros.",
        )
        comment_resolve(
            comment=second,
            resolution=CommentResolution.NOTED,
            by=coordinator,
            reply="Gracias: lo llevaremos a la asamblea para votarlo por separado.",
        )
