from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member


class ActivityStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")
    CANCELLED = "cancelled", _("Cancelled")


# The moves an activity may make; services.activity_transition enforces them. A cancelled
# activity is out of the plan for good (it leaves the roll-up), so nothing leads out of it.
ACTIVITY_TRANSITIONS: dict[str, frozenset[str]] = {
    ActivityStatus.NOT_STARTED: frozenset(
        {ActivityStatus.IN_PROGRESS, ActivityStatus.DONE, ActivityStatus.BLOCKED, ActivityStatus.CANCELLED}
    ),
    ActivityStatus.IN_PROGRESS: frozenset({ActivityStatus.DONE, ActivityStatus.BLOCKED, ActivityStatus.CANCELLED}),
    ActivityStatus.BLOCKED: frozenset({ActivityStatus.IN_PROGRESS, ActivityStatus.DONE, ActivityStatus.CANCELLED}),
    ActivityStatus.DONE: frozenset({ActivityStatus.IN_PROGRESS}),
    ActivityStatus.CANCELLED: frozenset(),
}
OPEN_STATUSES = (ActivityStatus.NOT_STARTED, ActivityStatus.IN_PROGRESS, ActivityStatus.BLOCKED)


class ActivityQuerySet(models.QuerySet["Activity"]):
    def with_progress(self) -> ActivityQuerySet:
        """Annotate the latest update's percent: one subquery, never a query per row."""
        latest = ProgressUpdate.objects.filter(activity=OuterRef("pk")).order_by("-date", "-created_at", "-pk")
        return self.annotate(latest_percent=Subquery(latest.values("percent")[:1]))

    def outside_closed_plans(self) -> ActivityQuerySet:
        """A closed plan is history: its leftovers no longer ask anything of anyone."""
        return self.exclude(objective__plan__status="closed")

    def open(self) -> ActivityQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, on: dt.date) -> ActivityQuerySet:
        return self.open().filter(due_date__lt=on)

    def due_between(self, *, start: dt.date, end: dt.date) -> ActivityQuerySet:
        return self.open().filter(due_date__gte=start, due_date__lte=end)

    def of_member(self, member: Member) -> ActivityQuerySet:
        """Activities the member owns or contributes to.

        A sub-select rather than a join on contributors: no duplicate rows, so no DISTINCT over every column.
        """
        contributed = self.model.contributors.through.objects.filter(member=member).values("activity_id")
        return self.filter(Q(owner=member) | Q(pk__in=contributed))

    def for_display(self) -> ActivityQuerySet:
        return self.select_related("objective__plan", "owner__user", "owner__office")


class Activity(models.Model):
    objective = models.ForeignKey(
        "actionplan.Objective", on_delete=models.CASCADE, related_name="activities", verbose_name=_("objective")
    )
    code = models.CharField(_("code"), max_length=12, help_text=_("For example A2.3."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True)
    owner = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="owned_activities", verbose_name=_("owner")
    )
    contributors = models.ManyToManyField(
        Member, blank=True, related_name="contributed_activities", verbose_name=_("contributors")
    )
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.NOT_STARTED
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("How much this activity counts in its objective's progress.")
    )
    carried_over_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_over_to",
        verbose_name=_("carried over from"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[contributors])
    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["objective__code", "code"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "code"], name="actionplan_activity_code_unique"),
            models.CheckConstraint(
                condition=Q(due_date__gte=models.F("start_date")),
                name="actionplan_activity_due_after_start",
                violation_error_message=_("The due date cannot be before the start date."),
            ),
            models.CheckConstraint(condition=Q(weight__gt=0), name="actionplan_activity_weight_positive"),
            models.CheckConstraint(
                condition=Q(status__in=ActivityStatus.values), name="actionplan_activity_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        # Said beside the field; the CheckConstraint stays the last line of defence.
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError({"due_date": _("The due date cannot be before the start date.")})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def evidence_upload_to(instance: ProgressUpdate, filename: str) -> str:
    """A random stored name: the uploader's name never reaches the file system."""
    suffix = PurePath(filename).suffix.lower()[:6]
    return f"actionplan/evidence/{uuid.uuid4().hex}{suffix}"


class ProgressUpdate(models.Model):
    """A dated report on an activity. Posted once and never edited (see ``save``)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates", verbose_name=_("activity"))
    author = models.ForeignKey(
        "members.User", on_delete=models.PROTECT, related_name="progress_updates", verbose_name=_("author")
    )
    date = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(
        _("percent complete"),
        validators=[
            MinValueValidator(0, message=_("The percent must be between 0 and 100.")),
            MaxValueValidator(100, message=_("The percent must be between 0 and 100.")),
        ],
    )
    status_change = models.CharField(
        _("status change"), max_length=12, choices=ActivityStatus.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True, max_length=500)
    evidence_file = models.FileField(_("evidence file"), upload_to=evidence_upload_to, blank=True, max_length=200)
    evidence_name = models.CharField(_("evidence file name"), max_length=200, blank=True)
    evidence_content_type = models.CharField(_("evidence content type"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [models.Index(fields=["activity", "-date", "-created_at"], name="actionplan_update_latest")]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="actionplan_update_percent_range",
                violation_error_message=_("The percent must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(status_change="") | Q(status_change__in=ActivityStatus.values),
                name="actionplan_update_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} {self.date} {self.percent}%"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValidationError(_("A progress update is never edited after it is posted."))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def evidence_is_image(self) -> bool:
        return self.evidence_content_type.startswith("image/")
