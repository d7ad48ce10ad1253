"""Each person's email preferences: which optional kinds, and immediate mail or a digest."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DeliveryMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Each reminder as it comes")
    DAILY = "daily", _("One daily digest")
    WEEKLY = "weekly", _("One weekly digest")


class DeliveryPreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="email_delivery",
        verbose_name=_("user"),
    )
    mode = models.CharField(_("delivery"), max_length=10, choices=DeliveryMode.choices, default=DeliveryMode.IMMEDIATE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("email delivery preference")
        verbose_name_plural = _("email delivery preferences")
        constraints = [
            models.CheckConstraint(condition=models.Q(mode__in=DeliveryMode.values), name="engagement_mode_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_mode_display()}"


class KindPreference(models.Model):
    """A person's choice for one optional kind. No row means "on"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=100)
    enabled = models.BooleanField(_("enabled"), default=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="engagement_one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {'on' if self.enabled else 'off'}"
