"""Applications to join the network, sent from the public page and decided by coordinators."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .eligibility import EligibilityPolicy
from .member import Member
from .users import Language, Office, User

MOTIVATION_MAX_LENGTH = 5000


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ApplicationQuerySet(models.QuerySet["MembershipApplication"]):
    def awaiting_review(self) -> ApplicationQuerySet:
        return self.filter(status=ApplicationStatus.SUBMITTED)


class MembershipApplication(models.Model):
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email address"))
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="applications", verbose_name=_("office"))
    position_title = models.CharField(_("position title"), max_length=150)
    service_started_on = models.DateField(_("entered the customs service on"))
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    motivation = models.TextField(_("why do you want to join?"), max_length=MOTIVATION_MAX_LENGTH)
    supervisor_name = models.CharField(_("supervisor's name"), max_length=150, blank=True)
    supervisor_email = models.EmailField(_("supervisor's email"), blank=True)
    consent = models.BooleanField(_("consent to the processing of my data"), default=False)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.SPANISH)
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_applications",
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    member = models.OneToOneField(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("member created"),
    )

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(condition=models.Q(consent=True), name="application_consent_given"),
            models.CheckConstraint(
                condition=models.Q(status=ApplicationStatus.SUBMITTED) | models.Q(decided_at__isnull=False),
                name="application_decision_has_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ApplicationStatus.REJECTED) | ~models.Q(decision_reason=""),
                name="application_rejection_has_reason",
            ),
            # One open application per address: a second one is silently absorbed by the service.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status=ApplicationStatus.SUBMITTED),
                name="application_one_open_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def is_open(self) -> bool:
        return self.status == ApplicationStatus.SUBMITTED

    def eligibility_problems(self, policy: EligibilityPolicy | None = None) -> list[str]:
        """Why the applicant is outside the rules today (empty when inside)."""
        policy = policy or EligibilityPolicy.current()
        return policy.problems(
            date_of_birth=self.date_of_birth, service_started_on=self.service_started_on, on=timezone.localdate()
        )
