"""Factories for the action plan's tests."""

from __future__ import annotations

import datetime as dt

import factory

from actionplan.models import ActionPlan, Activity, Indicator, Objective, PlanStatus, ProgressUpdate
from tests.factories import MemberFactory, UserFactory


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    title_es = factory.Sequence(lambda n: f"Plan de prueba {n}")
    title_en = factory.Sequence(lambda n: f"Test plan {n}")
    period_start = dt.date(2023, 1, 1)
    period_end = dt.date(2023, 12, 31)
    status = PlanStatus.ACTIVE


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    plan = factory.SubFactory(ActionPlanFactory)
    code = factory.Sequence(lambda n: f"O{n}")
    title_es = factory.Sequence(lambda n: f"Objetivo {n}")
    title_en = factory.Sequence(lambda n: f"Objective {n}")
    weight = 1


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    objective = factory.SubFactory(ObjectiveFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    title = factory.Sequence(lambda n: f"Actividad {n}")
    owner = factory.SubFactory(MemberFactory)
    start_date = dt.date(2023, 2, 1)
    due_date = dt.date(2023, 11, 30)
    weight = 1

    @factory.post_generation
    def contributors(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.contributors.set(extracted)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    activity = factory.SubFactory(ActivityFactory)
    author = factory.SubFactory(UserFactory)
    date = dt.date(2023, 3, 1)
    percent = 20
    note = "Avance de prueba"


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    objective = factory.SubFactory(ObjectiveFactory)
    name = factory.Sequence(lambda n: f"Indicador {n}")
    unit = "sesiones"
    baseline = 0
    target = 10
