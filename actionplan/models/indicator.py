from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from .plan import ActionPlan


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


MONTHS_PER_PERIOD = {Frequency.QUARTERLY: 3, Frequency.HALF_YEARLY: 6, Frequency.YEARLY: 12}


def _month_end(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def period_ends(start: dt.date, end: dt.date, frequency: str) -> list[dt.date]:
    """The last day of each measuring period from ``start`` to ``end`` (the last one cut at ``end``)."""
    step = MONTHS_PER_PERIOD[frequency]
    ends: list[dt.date] = []
    index = start.year * 12 + start.month - 1 + step - 1
    while True:
        year, month = divmod(index, 12)
        day = _month_end(year, month + 1)
        if day >= end:
            ends.append(end)
            return ends
        ends.append(day)
        index += step


class Indicator(models.Model):
    """What is measured for an objective or for an activity (exactly one of them)."""

    objective = models.ForeignKey(
        "actionplan.Objective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("objective"),
    )
    activity = models.ForeignKey(
        "actionplan.Activity",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("activity"),
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    direction = models.CharField(_("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    frequency = models.CharField(_("measured"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(objective__isnull=False) & Q(activity__isnull=True))
                | (Q(objective__isnull=True) & Q(activity__isnull=False)),
                name="actionplan_indicator_one_parent",
                violation_error_message=_("An indicator belongs to an objective or to an activity, not both."),
            ),
            models.CheckConstraint(condition=Q(direction__in=Direction.values), name="actionplan_indicator_direction"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.objective_id is None) == (self.activity_id is None):
            raise ValidationError(_("An indicator belongs to an objective or to an activity, not both."))

    @property
    def plan(self) -> ActionPlan:
        return self.activity.objective.plan if self.activity_id else self.objective.plan

    def periods(self) -> list[dt.date]:
        """The last day of each measuring period within the plan's period."""
        plan = self.plan
        return period_ends(plan.period_start, plan.period_end, self.frequency)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period = models.DateField(_("period ending"), help_text=_("The last day of the measured period."))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        "members.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(pgettext_lazy("indicator value", "recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period"],
                name="actionplan_indicator_value_unique_period",
                violation_error_message=_("This indicator already has a value for that period."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"
