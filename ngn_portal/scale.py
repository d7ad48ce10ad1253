"""A large, deterministic dataset for benchmarks and load tests (``manage.py seed_scale``).

Everything is written with ``bulk_create`` in batches: no services, no signals, no emails, no history rows.
That is deliberate: the point is the size of the tables the pages read, built in minutes. The audit chain is
the one exception to "no rules": its entries are hashed in order with audit's own ``compute_hash`` so that
``verify_audit`` still passes.

The same arguments give the same rows, relative to the day of the run (``today``).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from actionplan.models import ActionPlan, Activity, KeyFactor, Objective, PlanStatus, ProgressUpdate
from audit.models import AuditEntry
from audit.services import audit_bulk_append
from engagement.models import EmailStatus, OutgoingEmail
from governance.models.documents import Acknowledgement, Document, DocumentKind, Version, VersionStatus
from governance.models.meetings import Attendance, AttendanceStatus, Meeting, MeetingKind
from members.models import Member, MemberStatus, Office, User
from members.search import search_text_for
from ngn_portal.versioned_cache import VersionedCache

# Every seeded account lives under this domain: it is how a second run is recognised.
EMAIL_DOMAIN = "scale.ngn.example"
COORDINATOR_EMAIL = f"coordinator@{EMAIL_DOMAIN}"
DEFAULT_PASSWORD = "ngn-scale-password"  # noqa: S105 - a benchmark dataset's published password
BATCH = 2000

# Invented people, visibly so (the surnames say it).
FIRST_NAMES = (
    "Ana Andrés Camila Carlos Daniela Diego Elena Esteban Fernanda Gabriel Isabel Javier Karla Luis "
    "María Mateo Natalia Pablo Paula Ricardo Sofía Tomás Valeria Xavier Ximena Zoe"
).split()
SURNAMES = "Demo Ejemplo Ficticio Prueba Muestra Simulado Inventado Ensayo Modelo Supuesto".split()
POSITIONS = ("Analista", "Especialista", "Técnico aduanero", "Inspector", "Asistente", "Jefe de sección")
SKILLS = ("riesgo", "valoración", "clasificación", "datos", "inglés", "capacitación", "OEA", "tránsito")
OFFICES = (
    ("scale-gye", "Distrito Guayaquil (escala)", "Guayaquil"),
    ("scale-uio", "Distrito Quito (escala)", "Quito"),
    ("scale-man", "Distrito Manta (escala)", "Manta"),
    ("scale-esm", "Distrito Esmeraldas (escala)", "Esmeraldas"),
    ("scale-pbo", "Distrito Puerto Bolívar (escala)", "Machala"),
    ("scale-hua", "Distrito Huaquillas (escala)", "Huaquillas"),
    ("scale-tul", "Distrito Tulcán (escala)", "Tulcán"),
    ("scale-lat", "Distrito Latacunga (escala)", "Latacunga"),
    ("scale-cue", "Distrito Cuenca (escala)", "Cuenca"),
    ("scale-loj", "Distrito Loja (escala)", "Loja"),
    ("scale-gps", "Distrito Galápagos (escala)", "Puerto Ayora"),
    ("scale-hq", "Dirección General (escala)", "Guayaquil"),
)
AUDIT_ACTIONS = (
    "members.member.updated",
    "members.application.approved",
    "actionplan.update.posted",
    "actionplan.activity.updated",
    "governance.version.acknowledged",
    "governance.meeting.attendance_recorded",
)
EMAIL_KINDS = (
    "actionplan.activity_due_soon",
    "governance.meeting_tomorrow",
    "governance.tor_acknowledgement_pending",
    "members.application_submitted",
    "engagement.digest",
)


@dataclass
class ScaleSizes:
    members: int = 10_000
    activities: int = 2_000
    updates_per_activity: int = 3
    meetings: int = 60
    attendees_per_meeting: int = 150
    outbox: int = 100_000
    audit: int = 100_000


@dataclass
class SeedReport:
    counts: dict[str, int] = field(default_factory=dict)


class AlreadySeeded(Exception):
    """The database already holds a scale dataset."""


def already_seeded() -> bool:
    return User.objects.filter(email=COORDINATOR_EMAIL).exists()


def _batches(rows: Iterator[Any] | list[Any], size: int = BATCH) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _bulk(model: type, rows: Iterator[Any] | list[Any]) -> int:
    created = 0
    for batch in _batches(rows):
        model.objects.bulk_create(batch)
        created += len(batch)
    return created


class _Seeder:
    def __init__(self, *, sizes: ScaleSizes, seed: int, today: dt.date, password: str) -> None:
        self.sizes = sizes
        self.rng = random.Random(seed)  # noqa: S311 - reproducible invented data, not secrets
        self.today = today
        # One hash for every account: hashing 10,000 passwords one by one would take most of the run.
        self.password_hash = make_password(password, salt=f"scale{seed}")
        self.report = SeedReport()
        # Noon of the given day, not "now": the same arguments and day give the same rows. In UTC, as the
        # database hands times back: the audit hash covers created_at.isoformat().
        self.now = timezone.make_aware(dt.datetime.combine(today, dt.time(12))).astimezone(dt.UTC)

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _moment(self, days_back: int) -> dt.datetime:
        return self.now - dt.timedelta(days=days_back, seconds=self.rng.randrange(86_400))

    # People -------------------------------------------------------------------------------------------------
    def offices(self) -> list[Office]:
        for code, name, city in OFFICES:
            Office.objects.get_or_create(code=code, defaults={"name": name, "city": city})
        return list(Office.objects.order_by("pk"))

    def people(self) -> list[Member]:
        offices = self.offices()
        count = self.sizes.members
        users = [
            User(
                email=f"member{index:05d}@{EMAIL_DOMAIN}",
                full_name=(f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)} {self.rng.choice(SURNAMES)}"),
                password=self.password_hash,
                preferred_language="en" if index % 5 == 0 else "es",
                date_joined=self._moment(self.rng.randrange(1, 2000)),
            )
            for index in range(count)
        ]
        coordinator = User(
            email=COORDINATOR_EMAIL,
            full_name="Coordinación Escala Demo",
            password=self.password_hash,
            # Superuser: the benchmark reads the admin's big lists with this account.
            is_staff=True,
            is_superuser=True,
            date_joined=self.now,
        )
        _bulk(User, [*users, coordinator])
        coordinator = User.objects.get(email=COORDINATOR_EMAIL)
        coordinator.groups.add(Group.objects.get_or_create(name="coordinators")[0])
        names = dict(
            User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").order_by("email").values_list("pk", "full_name")
        )
        user_ids = list(names)
        self.report.counts["users"] = len(user_ids)
        # Verified addresses: sign-in requires one (ACCOUNT_EMAIL_VERIFICATION), and the load test signs in.
        self.report.counts["email_addresses"] = _bulk(
            EmailAddress,
            (
                EmailAddress(user_id=user_id, email=email, verified=True, primary=True)
                for user_id, email in User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("pk", "email")
            ),
        )

        def member_rows() -> Iterator[Member]:
            for user_id in user_ids:
                roll = self.rng.random()
                status = MemberStatus.ACTIVE if roll < 0.85 else (MemberStatus.PAUSED if roll < 0.9 else "alumni")
                joined = self.today - dt.timedelta(days=self.rng.randrange(30, 3000))
                member = Member(
                    user_id=user_id,
                    office=self.rng.choice(offices),
                    position_title=self.rng.choice(POSITIONS),
                    service_started_on=joined - dt.timedelta(days=self.rng.randrange(100, 3000)),
                    date_of_birth=self.today - dt.timedelta(days=self.rng.randrange(22 * 365, 40 * 365)),
                    bio="Perfil ficticio generado para pruebas de escala.",
                    skills=", ".join(self.rng.sample(SKILLS, 3)),
                    joined_on=joined,
                    cohort=f"Cohorte {joined.year}",
                    status=status,
                    left_on=None if status != "alumni" else self.today - dt.timedelta(days=self.rng.randrange(1, 300)),
                )
                # bulk_create skips Member.save(), which writes the directory's search text.
                member.search_text = search_text_for(
                    full_name=names[user_id],
                    office=member.office,
                    position_title=member.position_title,
                    skills=member.skills,
                )
                yield member

        self.report.counts["members"] = _bulk(Member, member_rows())
        return list(Member.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk").only("pk"))

    # Action plan --------------------------------------------------------------------------------------------
    def plans(self, members: list[Member]) -> None:
        plan_count = max(1, round(self.sizes.activities / 500))
        per_plan = max(1, self.sizes.activities // plan_count)
        objectives_per_plan = min(10, per_plan)
        factors = list(KeyFactor.objects.order_by("number"))
        activity_rows: list[Activity] = []
        for index in range(plan_count):
            year = self.today.year - (plan_count - 1 - index)
            current = index == plan_count - 1
            plan = ActionPlan.objects.create(
                title_es=f"Plan de acción {year} (escala)",
                title_en=f"Action plan {year} (scale)",
                period_start=dt.date(year, 1, 1),
                period_end=dt.date(year, 12, 31),
                status=PlanStatus.ACTIVE if current else PlanStatus.CLOSED,
            )
            objectives = Objective.objects.bulk_create(
                Objective(plan=plan, code=f"O{number + 1}", title_es=f"Objetivo {number + 1}", weight=1 + number % 3)
                for number in range(objectives_per_plan)
            )
            for objective in objectives:
                if factors:
                    objective.key_factors.set(self.rng.sample(factors, min(2, len(factors))))
            for number in range(per_plan):
                objective = objectives[number % objectives_per_plan]
                start = plan.period_start + dt.timedelta(days=self.rng.randrange(0, 300))
                due = min(start + dt.timedelta(days=self.rng.randrange(14, 120)), plan.period_end)
                if current:
                    status = self.rng.choice(["not_started", "in_progress", "in_progress", "done", "blocked"])
                else:
                    status = self.rng.choice(["done", "done", "cancelled"])
                activity_rows.append(
                    Activity(
                        objective=objective,
                        code=f"A{objective.code[1:]}.{number // objectives_per_plan + 1}",
                        title=f"Actividad de escala {number + 1} del {year}",
                        description="Actividad ficticia para medir el portal con muchos datos.",
                        owner_id=self.rng.choice(members).pk,
                        start_date=start,
                        due_date=due,
                        status=status,
                        weight=1 + self.rng.randrange(3),
                    )
                )
        self.report.counts["activities"] = _bulk(Activity, activity_rows)
        activities = list(Activity.objects.filter(title__contains="de escala").values_list("pk", "start_date"))
        through = Activity.contributors.through
        self.report.counts["contributors"] = _bulk(
            through,
            (
                through(activity_id=pk, member_id=member.pk)
                for pk, _start in activities
                for member in self.rng.sample(members, 2)
            ),
        )
        member_users = dict(Member.objects.filter(pk__in=[m.pk for m in members]).values_list("pk", "user_id"))
        owners = dict(Activity.objects.filter(pk__in=[pk for pk, _ in activities]).values_list("pk", "owner_id"))

        def updates() -> Iterator[ProgressUpdate]:
            for pk, start in activities:
                for step in range(self.sizes.updates_per_activity):
                    yield ProgressUpdate(
                        activity_id=pk,
                        author_id=member_users[owners[pk]],
                        date=min(start + dt.timedelta(days=7 * (step + 1)), self.today),
                        percent=min(100, 20 * (step + 1) + self.rng.randrange(10)),
                        note="Avance registrado por el generador de escala.",
                    )

        self.report.counts["progress_updates"] = _bulk(ProgressUpdate, updates())

    # Governance ---------------------------------------------------------------------------------------------
    def governance(self, members: list[Member]) -> None:
        meetings = Meeting.objects.bulk_create(
            Meeting(
                kind=MeetingKind.AGM if number % 12 == 0 else MeetingKind.REGULAR,
                title=f"Reunión de escala {number + 1}",
                starts_at=(start := self.now + dt.timedelta(days=30 * (number - self.sizes.meetings + 3))),
                ends_at=start + dt.timedelta(hours=2),
                place="Sala virtual",
                agenda="1. Bienvenida\n2. Avance del plan\n3. Varios",
            )
            for number in range(self.sizes.meetings)
        )
        attendees = min(self.sizes.attendees_per_meeting, len(members))
        statuses = [AttendanceStatus.ATTENDED, AttendanceStatus.ATTENDED, AttendanceStatus.EXCUSED, "absent"]
        # The next meeting is an AGM to which, as meeting_create does, every active member is invited.
        agm = next(meeting for meeting in meetings if meeting.ends_at >= self.now)
        Meeting.objects.filter(pk=agm.pk).update(kind=MeetingKind.AGM, title=f"Asamblea general de escala {agm.pk}")
        everyone = list(
            Member.objects.active().filter(user__email__endswith=f"@{EMAIL_DOMAIN}").values_list("pk", flat=True)
        )

        def invited(meeting: Meeting) -> list[int]:
            if meeting.pk == agm.pk:
                return everyone
            return [member.pk for member in self.rng.sample(members, attendees)]

        self.report.counts["attendances"] = _bulk(
            Attendance,
            (
                Attendance(
                    meeting=meeting,
                    member_id=member_id,
                    status=self.rng.choice(statuses) if meeting.ends_at < self.now else AttendanceStatus.INVITED,
                )
                for meeting in meetings
                for member_id in invited(meeting)
            ),
        )
        self.report.counts["meetings"] = len(meetings)
        document = Document.objects.create(
            slug="scale-tor",
            title_es="Términos de referencia (escala)",
            title_en="Terms of Reference (scale)",
            kind=DocumentKind.TERMS_OF_REFERENCE,
            is_public=True,
        )
        sections = "\n\n".join(
            f"## Artículo {n}\n\n" + "Texto ficticio del artículo para medir el render. " * 12 for n in range(1, 31)
        )
        approved = Version(document=document, major=1, minor=0, status=VersionStatus.APPROVED, body_es=sections)
        approved.content_sha256 = approved.compute_sha256()
        approved.approved_at = self.now - dt.timedelta(days=200)
        approved.save()
        draft = Version(
            document=document,
            major=1,
            minor=1,
            status=VersionStatus.CONSULTATION,
            body_es=sections.replace("Artículo 7", "Artículo 7 (reformado)"),
            consultation_opens_at=self.now - dt.timedelta(days=5),
            consultation_closes_at=self.now + dt.timedelta(days=25),
        )
        draft.save()
        self.report.counts["acknowledgements"] = _bulk(
            Acknowledgement,
            (
                Acknowledgement(member_id=member.pk, version=approved, content_sha256=approved.content_sha256)
                for member in members
                if self.rng.random() < 0.5
            ),
        )

    # Mailroom -----------------------------------------------------------------------------------------------
    def outbox(self, members: list[Member]) -> None:
        member_type = ContentType.objects.get_for_model(Member)
        user_ids = list(
            User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("pk", "email").order_by("pk")
        )

        def rows() -> Iterator[OutgoingEmail]:
            for index in range(self.sizes.outbox):
                user_id, email = self.rng.choice(user_ids)
                roll = self.rng.random()
                created = self._moment(self.rng.randrange(0, 720))
                status = EmailStatus.SENT if roll < 0.9 else (EmailStatus.FAILED if roll < 0.95 else "suppressed")
                kind = self.rng.choice(EMAIL_KINDS)
                yield OutgoingEmail(
                    kind=kind,
                    recipient_id=user_id,
                    to_email=email,
                    dedupe_key=f"scale:{index}",
                    occasion=f"scale-{index}",
                    public_id=self._uuid(),
                    language="es",
                    subject=f"Aviso de escala {index}",
                    body_text="Correo ficticio del generador de escala.",
                    content_type=member_type,
                    object_id=str(self.rng.choice(members).pk),
                    status=status,
                    attempts=1,
                    created_at=created,
                    sent_at=created + dt.timedelta(seconds=30) if status == EmailStatus.SENT else None,
                    last_error="550 mailbox unavailable" if status == EmailStatus.FAILED else "",
                )

        self.report.counts["outbox"] = _bulk(OutgoingEmail, rows())

    # Audit register -----------------------------------------------------------------------------------------
    def audit(self, members: list[Member]) -> None:
        member_type = ContentType.objects.get_for_model(Member)
        actor_ids = list(User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").values_list("pk", flat=True)[:500])
        total = self.sizes.audit
        start = self.now - dt.timedelta(days=730)
        step = dt.timedelta(days=730) / max(total, 1)

        def rows() -> Iterator[AuditEntry]:
            for index in range(total):
                yield AuditEntry(
                    created_at=start + step * index,
                    actor_id=self.rng.choice(actor_ids),
                    action=self.rng.choice(AUDIT_ACTIONS),
                    target_type=member_type,
                    target_id=str(self.rng.choice(members).pk),
                    data={"scale": True, "n": index},
                )

        # Appended after whatever is already there, under audit's chain lock, hashed in order.
        self.report.counts["audit_entries"] = audit_bulk_append(rows())


def seed(
    *,
    sizes: ScaleSizes,
    seed: int = 42,
    today: dt.date | None = None,
    password: str = DEFAULT_PASSWORD,
    on_step: Any = None,
) -> SeedReport:
    """Build the dataset in one transaction; raise AlreadySeeded on a second run."""
    if already_seeded():
        raise AlreadySeeded(f"This database already holds a scale dataset ({COORDINATOR_EMAIL} exists).")
    seeder = _Seeder(sizes=sizes, seed=seed, today=today or timezone.localdate(), password=password)
    with transaction.atomic():
        members = seeder.people()
        for step in (seeder.plans, seeder.governance, seeder.outbox, seeder.audit):
            if on_step:
                on_step(step.__name__)
            step(members)
    # bulk_create sends no signals, so nothing told the cached figures (directory, plans, meetings) that they
    # changed. Their tokens go; the rest of the cache (rate limits, Celery's queue on the same Redis) stays.
    VersionedCache.invalidate_all()
    if connection.vendor == "postgresql":
        # Fresh statistics: the planner (and the admin's estimated counts) would otherwise see empty tables.
        # VACUUM also sets the visibility map, as autovacuum would have on a live database long ago: without
        # it every index-only count reads the table too (the dashboard's outbox counts, 6 ms instead of 0.7).
        # It cannot run inside a transaction (a test's), where ANALYZE alone has to do.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return seeder.report
