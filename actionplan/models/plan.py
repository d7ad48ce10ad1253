from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.models.documents import localized

from .base import BilingualTitleMixin


class PlanStatus(models.TextChoices):
    # A context: the words agree with "el plan" in Spanish, whatever other apps make of them.
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    APPROVED = "approved", pgettext_lazy("plan status", "Approved")
    ACTIVE = "active", pgettext_lazy("plan status", "Active")
    CLOSED = "closed", pgettext_lazy("plan status", "Closed")


# The only moves a plan may make; services.plan_transition enforces them.
PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.APPROVED}),
    PlanStatus.APPROVED: frozenset({PlanStatus.ACTIVE, PlanStatus.DRAFT}),
    PlanStatus.ACTIVE: frozenset({PlanStatus.CLOSED}),
    PlanStatus.CLOSED: frozenset(),
}


class ActionPlanQuerySet(models.QuerySet["ActionPlan"]):
    def current(self) -> ActionPlan | None:
        """The plan the section opens on: the active one, else the newest approved, else the newest."""
        order = models.Case(
            models.When(status=PlanStatus.ACTIVE, then=0),
            models.When(status=PlanStatus.APPROVED, then=1),
            default=2,
        )
        return self.alias(rank=order).order_by("rank", "-period_start").first()


class ActionPlan(BilingualTitleMixin, models.Model):
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_by_decision = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_plans",
        limit_choices_to={"kind": "plan_approval"},
        verbose_name=_("approved by decision"),
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies", verbose_name=_("copied from")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="actionplan_plan_period_ordered",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(condition=models.Q(status__in=PlanStatus.values), name="actionplan_plan_status"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class KeyFactor(models.Model):
    """One of the ten key factors of the WCO Revised Arusha Declaration (loaded by a data migration)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Arusha key factor")
        verbose_name_plural = _("Arusha key factors")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localized(self, "name")


class Objective(BilingualTitleMixin, models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("plan"))
    code = models.CharField(_("code"), max_length=10, help_text=_("For example O2."))
    title_es = models.CharField(_("title (Spanish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    key_factors = models.ManyToManyField(
        KeyFactor, blank=True, related_name="objectives", verbose_name=_("Arusha key factors")
    )

    history = HistoricalRecords(m2m_fields=[key_factors])

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["plan", "code"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="actionplan_objective_code_unique"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="actionplan_objective_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"
