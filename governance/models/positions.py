"""Positions of the network (chair, secretary, ...) and the mandates that fill them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .documents import localized

SECRETARY = "secretary"


class Position(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    term_months = models.PositiveSmallIntegerField(_("term length (months)"), default=12)
    consecutive_term_limit = models.PositiveSmallIntegerField(
        _("consecutive term limit"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    single_seat = models.BooleanField(_("single seat"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["order", "code"]
        constraints = [models.CheckConstraint(condition=Q(term_months__gt=0), name="position_term_positive")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class MandateQuerySet(models.QuerySet["Mandate"]):
    def current(self, *, on: dt.date | None = None) -> MandateQuerySet:
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on, ends_on__gt=on)

    def ending_between(self, start: dt.date, end: dt.date) -> MandateQuerySet:
        return self.filter(ends_on__gte=start, ends_on__lte=end)


class Mandate(models.Model):
    """A member holds a position from ``starts_on`` (inclusive) to ``ends_on`` (exclusive)."""

    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="mandates", verbose_name=_("member")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="mandates", verbose_name=_("position")
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    elected_by = models.ForeignKey(
        "governance.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mandates",
        verbose_name=_("electing decision"),
    )

    objects = MandateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["position__order", "-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="mandate_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.position} · {self.member}"
