"""Live reminder rules, one row per reminder kind, edited by coordinators in the admin."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .. import registry


def parse_lead_days(raw: str) -> tuple[int, ...]:
    """``"7, 1"`` -> ``(7, 1)``; raises ValidationError on anything else."""
    days: list[int] = []
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 366:
            raise ValidationError(
                _("Write whole numbers of days between 0 and 366, separated by commas (for example: 7, 1).")
            )
        days.append(int(part))
    return tuple(sorted(set(days), reverse=True))


class ReminderRule(models.Model):
    kind = models.CharField(_("kind"), max_length=100, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True, help_text=_("Off: this reminder is never sent."))
    lead_days = models.CharField(
        _("days before"),
        max_length=100,
        blank=True,
        help_text=_("Days before the date to send a reminder, separated by commas (for example: 7, 1)."),
    )
    repeat_every_days = models.PositiveSmallIntegerField(
        _("repeat every (days)"),
        null=True,
        blank=True,
        help_text=_("After the date, repeat every this many days while it is still due. Empty: no repeat."),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(repeat_every_days__isnull=True) | models.Q(repeat_every_days__gte=1),
                name="engagement_rule_repeat_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str:
        return str(registry.registry.get(self.kind).label) if self.kind in registry.registry else self.kind

    def clean(self) -> None:
        super().clean()
        try:
            self.lead_days = ", ".join(str(day) for day in parse_lead_days(self.lead_days))
        except ValidationError as exc:
            raise ValidationError({"lead_days": exc.messages}) from exc

    def as_rule(self) -> registry.ReminderRule:
        return registry.ReminderRule(
            lead_days=parse_lead_days(self.lead_days), repeat_every_days=self.repeat_every_days
        )

    @classmethod
    def from_default(cls, kind: registry.ReminderKind) -> ReminderRule:
        rule = kind.default_rule
        return cls(
            kind=kind.key,
            lead_days=", ".join(str(day) for day in rule.lead_days),
            repeat_every_days=rule.repeat_every_days,
        )
