"""Meetings, who attends them, the quorum rule and the decisions taken there."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MeetingKind(models.TextChoices):
    AGM = "agm", _("Annual general meeting")
    REGULAR = "regular", _("Regular meeting")
    WORKING_GROUP = "working_group", _("Working group")
    WORKSHOP = "workshop", _("Workshop")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, *, now=None) -> MeetingQuerySet:
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, *, now=None) -> MeetingQuerySet:
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class Meeting(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices, default=MeetingKind.REGULAR)
    title = models.CharField(_("title"), max_length=200)
    # Stored in UTC, shown in America/Guayaquil (TIME_ZONE).
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda (Markdown)"), blank=True)
    minutes = models.TextField(_("minutes (Markdown)"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(condition=Q(kind__in=MeetingKind.values), name="meeting_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def has_started(self) -> bool:
        """Invitees answer before it starts; the secretary records who came from then on."""
        return self.starts_at <= timezone.now()


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    ATTENDED = "attended", _("Attended")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


# What a member may answer before the meeting; the rest is recorded by the secretary.
RSVP_STATUSES = (AttendanceStatus.CONFIRMED, AttendanceStatus.DECLINED)
RECORDED_STATUSES = (AttendanceStatus.ATTENDED, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(
        _("attendance"), max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["member__user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member_and_meeting"),
            models.CheckConstraint(condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.meeting}"


class QuorumPolicy(models.Model):
    """The single quorum rule, edited in the admin: a share of active members and a minimum head count."""

    share_percent = models.PositiveSmallIntegerField(
        _("share of active members (%)"), default=25, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    minimum_count = models.PositiveSmallIntegerField(_("minimum head count"), default=5)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quorum policy")
        verbose_name_plural = _("quorum policy")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="quorum_policy_singleton"),
            models.CheckConstraint(condition=Q(share_percent__lte=100), name="quorum_share_at_most_100"),
        ]

    def __str__(self) -> str:
        return str(
            _("Quorum: %(share)s%% of active members, at least %(count)s")
            % {
                "share": self.share_percent,
                "count": self.minimum_count,
            }
        )

    @classmethod
    def load(cls) -> QuorumPolicy:
        return cls.objects.get_or_create(pk=1)[0]

    def needed(self, active_members: int) -> int:
        return max(self.minimum_count, math.ceil(active_members * self.share_percent / 100))


class DecisionKind(models.TextChoices):
    TOR_APPROVAL = "tor_approval", _("Approval of the Terms of Reference")
    ELECTION = "election", _("Election")
    PLAN_APPROVAL = "plan_approval", _("Approval of the action plan")
    OTHER = "other", _("Other")


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.OTHER)
    text = models.TextField(_("text of the decision"))
    votes_for = models.PositiveIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    outcome = models.CharField(_("outcome"), max_length=10, choices=DecisionOutcome.choices)
    # The quorum as it stood when the decision was recorded, kept for the record.
    present_count = models.PositiveIntegerField(_("members present"), default=0, editable=False)
    quorum_needed = models.PositiveIntegerField(_("quorum needed"), default=0, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DecisionKind.values), name="decision_kind_valid"),
            models.CheckConstraint(condition=Q(outcome__in=DecisionOutcome.values), name="decision_outcome_valid"),
            models.CheckConstraint(
                condition=Q(present_count__gte=models.F("quorum_needed")), name="decision_taken_with_quorum"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.meeting}"

    @property
    def votes_cast(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain
