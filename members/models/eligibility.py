"""Who may belong to the network: "at most N years old" and/or "at most M years in the service".

Coordinators set the rules in the admin. They only ever produce warnings and lists: nobody is refused or moved
automatically because of them.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SINGLETON_ID = 1
# The network's usual rules for young officials (also written by the data migration 0004).
DEFAULT_MAX_AGE_YEARS = 35
DEFAULT_MAX_SERVICE_YEARS = 10


def years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day ``years`` earlier (28 February for a 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def completed_years(since: dt.date, on: dt.date) -> int:
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


class EligibilityPolicy(models.Model):
    """The single row of eligibility rules (created by a data migration, edited in the admin)."""

    max_age_years = models.PositiveSmallIntegerField(
        _("maximum age (years)"),
        null=True,
        blank=True,
        default=DEFAULT_MAX_AGE_YEARS,
        help_text=_("Leave empty for no age limit."),
    )
    max_service_years = models.PositiveSmallIntegerField(
        _("maximum years in the customs service"),
        null=True,
        blank=True,
        default=DEFAULT_MAX_SERVICE_YEARS,
        help_text=_("Leave empty for no limit."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("eligibility rules")
        verbose_name_plural = _("eligibility rules")
        constraints = [models.CheckConstraint(condition=models.Q(id=SINGLETON_ID), name="eligibility_policy_singleton")]

    def __str__(self) -> str:
        return str(_("Eligibility rules"))

    @classmethod
    def current(cls) -> EligibilityPolicy:
        # The row comes from a data migration; it is recreated with the defaults if someone removed it.
        return cls.objects.get_or_create(id=SINGLETON_ID)[0]

    def problems(self, *, date_of_birth: dt.date | None, service_started_on: dt.date | None, on: dt.date) -> list[str]:
        """Human-readable reasons why a person is outside the rules on ``on`` (empty when inside)."""
        found: list[str] = []
        if self.max_age_years is not None and date_of_birth is not None:
            age = completed_years(date_of_birth, on)
            if age > self.max_age_years:
                found.append(
                    gettext("%(age)s years old; the rules allow at most %(limit)s.")
                    % {"age": age, "limit": self.max_age_years}
                )
        if self.max_service_years is not None and service_started_on is not None:
            service = completed_years(service_started_on, on)
            if service > self.max_service_years:
                found.append(
                    gettext("%(years)s years in the service; the rules allow at most %(limit)s.")
                    % {"years": service, "limit": self.max_service_years}
                )
        return found

    def outside_rules_q(self, *, on: dt.date, birth_field: str, service_field: str) -> models.Q | None:
        """A filter for rows outside the rules on ``on``; None when no rule is set."""
        conditions: list[models.Q] = []
        # Older than N means the (N+1)th birthday has passed.
        if self.max_age_years is not None:
            conditions.append(models.Q(**{f"{birth_field}__lte": years_before(on, self.max_age_years + 1)}))
        if self.max_service_years is not None:
            conditions.append(models.Q(**{f"{service_field}__lte": years_before(on, self.max_service_years + 1)}))
        if not conditions:
            return None
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        return combined
