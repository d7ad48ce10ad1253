"""Demo data: the network's 2023 action plan, in our own words, and the 2024 plan it led to.

Runs after the members demo (its founders own the activities). Idempotent: once the 2023 plan
exists, a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from governance.models import Decision, DecisionKind
from members.models import Member, User

from .arusha import key_factors_ensure
from .models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    Indicator,
    IndicatorValue,
    KeyFactor,
    Objective,
    PlanStatus,
    ProgressUpdate,
)
from .services import plan_copy_for_next_period, plan_transition

D = dt.date
COORDINATOR = "coordinator@ngn.example"
MEMBER = "member@ngn.example"

# code, title_es, title_en, weight, key factor numbers, description
OBJECTIVES_2023 = [
    ("O1", "Consolidar la red", "Consolidate the network", 3, [1, 2, 9],
     "Dar a la red sus reglas y sus responsables: Términos de Referencia aprobados y roles elegidos."),
    ("O2", "Involucrar a futuros participantes", "Engage future participants", 3, [8, 9],
     "Que cada distrito conozca la red y que quien llegue encuentre acompañamiento."),
    ("O3", "Cultura de integridad", "Integrity culture", 2, [3, 7, 9],
     "Hablar de integridad con ejemplos del trabajo diario y medir cómo la percibimos."),
    ("O4", "Comunicación", "Communication", 1, [3, 9],
     "Contar lo que hace la red, dentro de la institución, de forma regular."),
]  # fmt: skip

# objective, code, title, owner email, contributors, start, due, weight, deliverables, final status,
# updates [(date, percent, status change, note)]
ACTIVITIES_2023 = [
    ("O1", "A1.1", "Aprobar los Términos de Referencia de la red", COORDINATOR, ["lucia.ficticia@ngn.example"],
     D(2023, 1, 9), D(2023, 3, 31), 3, "TdR aprobados y publicados en el portal.", ActivityStatus.DONE,
     [(D(2023, 2, 3), 40, "", "Borrador revisado con los fundadores."),
      (D(2023, 3, 24), 100, ActivityStatus.DONE, "Aprobados en la reunión de marzo.")]),
    ("O1", "A1.2", "Elegir los roles de la red", "lucia.ficticia@ngn.example", [COORDINATOR],
     D(2023, 3, 1), D(2023, 5, 31), 2, "Coordinación, secretaría, comunicación y representantes distritales.",
     ActivityStatus.DONE,
     [(D(2023, 4, 14), 50, "", "Candidaturas recibidas de ocho distritos."),
      (D(2023, 5, 26), 100, ActivityStatus.DONE, "Roles elegidos en asamblea.")]),
    ("O1", "A1.3", "Presentar la red al patrocinador ejecutivo", "diego.prueba@ngn.example", [],
     D(2023, 4, 1), D(2023, 6, 30), 1, "Presentación y acta de la reunión.", ActivityStatus.DONE,
     [(D(2023, 6, 20), 100, ActivityStatus.DONE, "Reunión realizada; el patrocinador pidió informes semestrales.")]),
    ("O2", "A2.1", "Sesiones informativas en cada distrito", MEMBER, ["kevin.muestra@ngn.example"],
     D(2023, 4, 1), D(2023, 11, 30), 3, "Una sesión por distrito, con lista de asistencia.", ActivityStatus.IN_PROGRESS,
     [(D(2023, 5, 19), 20, ActivityStatus.IN_PROGRESS, "Sesiones en Guayaquil Marítimo y Aeropuerto."),
      (D(2023, 8, 25), 50, "", "Quito, Manta y Esmeraldas completados."),
      (D(2023, 11, 17), 70, "", "Faltan Tulcán, Loja-Macará y Latacunga por agenda de los distritos.")]),
    ("O2", "A2.2", "Kit de bienvenida para nuevos miembros", MEMBER, ["camila.ficticia@ngn.example"],
     D(2023, 5, 2), D(2023, 8, 31), 2, "Guía de bienvenida y presentación de la red.", ActivityStatus.DONE,
     [(D(2023, 6, 16), 60, ActivityStatus.IN_PROGRESS, "Primera versión de la guía."),
      (D(2023, 8, 28), 100, ActivityStatus.DONE, "Kit publicado en la intranet.")]),
    ("O2", "A2.3", "Parejas de mentoría", "valeria.muestra@ngn.example", [MEMBER],
     D(2023, 6, 1), D(2023, 12, 15), 2, "Parejas formadas y primera reunión de cada una.", ActivityStatus.IN_PROGRESS,
     [(D(2023, 7, 14), 15, ActivityStatus.IN_PROGRESS, "Convocatoria a mentores."),
      (D(2023, 10, 6), 40, "", "Seis parejas formadas.")]),
    ("O2", "A2.4", "Encuesta de intereses de los miembros", MEMBER, [],
     D(2023, 3, 1), D(2023, 4, 30), 1, "Resultados de la encuesta.", ActivityStatus.CANCELLED,
     [(D(2023, 4, 10), 0, ActivityStatus.CANCELLED, "Se integra en la encuesta de percepción de integridad.")]),
    ("O3", "A3.1", "Talleres de integridad en los distritos", "sofia.demo@ngn.example", ["jorge.ejemplo@ngn.example"],
     D(2023, 3, 1), D(2023, 10, 31), 3, "Cuatro talleres con casos prácticos.", ActivityStatus.DONE,
     [(D(2023, 5, 5), 25, ActivityStatus.IN_PROGRESS, "Taller en Puerto Bolívar."),
      (D(2023, 7, 21), 60, "", "Talleres en Huaquillas y Machala."),
      (D(2023, 10, 27), 100, ActivityStatus.DONE, "Cuarto taller en Cuenca.")]),
    ("O3", "A3.2", "Participar en la encuesta de percepción de integridad", "jorge.ejemplo@ngn.example", [],
     D(2023, 9, 1), D(2023, 11, 30), 2, "Difusión de la encuesta y tasa de respuesta.", ActivityStatus.DONE,
     [(D(2023, 10, 13), 50, ActivityStatus.IN_PROGRESS, "Difusión en todos los distritos."),
      (D(2023, 11, 28), 100, ActivityStatus.DONE, "Encuesta cerrada con 58% de respuesta.")]),
    ("O3", "A3.3", "Guía de dilemas éticos para funcionarios jóvenes", "andres.ficticio@ngn.example", [],
     D(2023, 7, 1), D(2023, 12, 15), 1, "Guía con diez casos.", ActivityStatus.BLOCKED,
     [(D(2023, 9, 8), 30, ActivityStatus.IN_PROGRESS, "Seis casos redactados."),
      (D(2023, 11, 10), 30, ActivityStatus.BLOCKED, "Esperando la revisión del área jurídica.")]),
    ("O4", "A4.1", "Boletín trimestral de la red", "camila.ficticia@ngn.example", [],
     D(2023, 2, 1), D(2023, 12, 20), 2, "Cuatro boletines.", ActivityStatus.DONE,
     [(D(2023, 4, 7), 25, ActivityStatus.IN_PROGRESS, "Primer boletín."),
      (D(2023, 12, 15), 100, ActivityStatus.DONE, "Cuarto boletín enviado.")]),
    ("O4", "A4.2", "Espacio de la red en la intranet", MEMBER, [],
     D(2023, 4, 3), D(2023, 9, 29), 1, "Página con TdR, plan y contactos.", ActivityStatus.DONE,
     [(D(2023, 9, 22), 100, ActivityStatus.DONE, "Publicado.")]),
    ("O4", "A4.3", "Campaña interna «La integridad es futuro»", "paula.prueba@ngn.example", [],
     D(2023, 9, 1), D(2023, 12, 20), 1, "Piezas para pantallas y correo institucional.", ActivityStatus.IN_PROGRESS,
     [(D(2023, 10, 20), 60, ActivityStatus.IN_PROGRESS, "Piezas aprobadas por comunicación.")]),
    ("O4", "A4.4", "Reconocer las contribuciones destacadas", "daniela.ejemplo@ngn.example", [],
     D(2023, 10, 2), D(2023, 12, 20), 1, "Criterios y primera mención.", ActivityStatus.NOT_STARTED, []),
]  # fmt: skip

# Same shape as ACTIVITIES_2023.
NEW_ACTIVITIES_2024 = [
    ("O1", "A1.4", "Asamblea anual y revisión de los TdR", COORDINATOR, [], D(2024, 2, 1), D(2024, 3, 29), 2,
     "Acta de la asamblea y TdR revisados.", ActivityStatus.DONE,
     [(D(2024, 3, 22), 100, ActivityStatus.DONE, "Asamblea realizada con quórum.")]),
    ("O2", "A2.5", "Incorporar a la cohorte 2024", MEMBER, [], D(2024, 3, 1), D(2024, 6, 28), 2,
     "Nuevos miembros con kit de bienvenida y mentor.", ActivityStatus.IN_PROGRESS,
     [(D(2024, 4, 12), 30, ActivityStatus.IN_PROGRESS, "Doce solicitudes recibidas.")]),
    ("O3", "A3.4", "Segunda ronda de talleres de integridad", "sofia.demo@ngn.example", [], D(2024, 4, 1),
     D(2024, 10, 31), 2, "Talleres en los distritos que faltaron en 2023.", ActivityStatus.NOT_STARTED, []),
    ("O4", "A4.5", "Informe anual al patrocinador ejecutivo", COORDINATOR, [], D(2024, 11, 4), D(2024, 12, 20), 1,
     "Informe de avance del plan con sus gráficos.", ActivityStatus.NOT_STARTED, []),
]  # fmt: skip

# Updates posted in 2024 on activities carried over from 2023.
CARRIED_UPDATES_2024 = {"A2.1": [(D(2024, 2, 16), 85, "", "Sesión en Tulcán realizada.")]}

# objective or activity code, name, unit, baseline, target, frequency, values {period end: value}
INDICATORS_2023 = [
    ("O1", "Roles de la red cubiertos", "roles", 0, 6, "quarterly", {D(2023, 3, 31): 0, D(2023, 6, 30): 6}),
    ("O2", "Distritos con sesión informativa", "distritos", 0, 11, "quarterly",
     {D(2023, 6, 30): 3, D(2023, 9, 30): 6, D(2023, 12, 31): 8}),
    ("A2.3", "Parejas de mentoría activas", "parejas", 0, 10, "half_yearly", {D(2023, 12, 31): 6}),
    ("O3", "Participantes en talleres de integridad", "personas", 0, 120, "quarterly",
     {D(2023, 6, 30): 35, D(2023, 9, 30): 80, D(2023, 12, 31): 112}),
    ("A3.2", "Tasa de respuesta a la encuesta de percepción", "%", 0, 60, "yearly", {D(2023, 12, 31): 58}),
]  # fmt: skip


def _members() -> dict[str, Member]:
    return {m.user.email: m for m in Member.objects.select_related("user")}


def _create_activities(objectives: dict[str, Objective], rows: list, members: dict[str, Member]) -> dict:
    activities = {}
    for obj, code, title, owner, contributors, start, due, weight, deliverables, status, updates in rows:
        activity = Activity.objects.create(
            objective=objectives[obj],
            code=code,
            title=title,
            owner=members[owner],
            start_date=start,
            due_date=due,
            weight=weight,
            deliverables=deliverables,
            status=status,
        )
        activity.contributors.set([members[c] for c in contributors])
        _add_updates(activity, updates, members[owner].user)
        activities[code] = activity
    return activities


def _add_updates(activity: Activity, updates: list, author: User) -> None:
    for day, percent, status_change, note in updates:
        # Demo history is written directly: these updates happened on past dates.
        ProgressUpdate.objects.create(
            activity=activity, author=author, date=day, percent=percent, status_change=status_change, note=note
        )


@transaction.atomic
def load() -> None:
    if ActionPlan.objects.filter(title_es="Plan de acción 2023").exists():
        return
    members = _members()
    if COORDINATOR not in members:
        return  # the members demo has not run: nobody to own the activities
    coordinator = members[COORDINATOR].user
    key_factors_ensure(KeyFactor)  # a flushed database (tests) has lost the data migration's rows
    key_factors = {kf.number: kf for kf in KeyFactor.objects.all()}

    plan = ActionPlan.objects.create(
        title_es="Plan de acción 2023",
        title_en="Action plan 2023",
        period_start=D(2023, 1, 1),
        period_end=D(2023, 12, 31),
        status=PlanStatus.ACTIVE,
        # The governance demo records the meeting that approved the plan, when it has run.
        approved_by_decision=Decision.objects.filter(kind=DecisionKind.PLAN_APPROVAL).order_by("recorded_at").first(),
    )
    objectives = {}
    for code, title_es, title_en, weight, factors, description in OBJECTIVES_2023:
        objective = Objective.objects.create(
            plan=plan, code=code, title_es=title_es, title_en=title_en, weight=weight, description=description
        )
        objective.key_factors.set([key_factors[n] for n in factors])
        objectives[code] = objective
    activities = _create_activities(objectives, ACTIVITIES_2023, members)
    for parent, name, unit, baseline, target, frequency, values in INDICATORS_2023:
        on_objective = parent.startswith("O")
        indicator = Indicator.objects.create(
            objective=objectives[parent] if on_objective else None,
            activity=None if on_objective else activities[parent],
            name=name,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            frequency=frequency,
        )
        for period, value in values.items():
            IndicatorValue.objects.create(
                indicator=indicator, period=period, value=Decimal(value), recorded_by=coordinator
            )

    # The 2024 plan starts from 2023's: objectives copied, unfinished activities carried over.
    plan_2024 = plan_copy_for_next_period(
        plan=plan,
        by=coordinator,
        title_es="Plan de acción 2024",
        title_en="Action plan 2024",
        period_start=D(2024, 1, 1),
        period_end=D(2024, 12, 31),
        carry_over_unfinished=True,
    )
    plan_transition(plan=plan, to=PlanStatus.CLOSED, by=coordinator)
    objectives_2024 = {o.code: o for o in plan_2024.objectives.all()}
    _create_activities(objectives_2024, NEW_ACTIVITIES_2024, members)
    carried = Activity.objects.filter(objective__plan=plan_2024, code__in=CARRIED_UPDATES_2024).select_related("owner")
    for activity in carried:
        _add_updates(activity, CARRIED_UPDATES_2024[activity.code], activity.owner.user)
    plan_transition(plan=plan_2024, to=PlanStatus.APPROVED, by=coordinator)
    plan_transition(plan=plan_2024, to=PlanStatus.ACTIVE, by=coordinator)
