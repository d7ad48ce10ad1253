"""The outbox: one row per intended email. The database, never the broker, records what was sent."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    RETRY = "retry", _("Waiting to retry")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Suppressed")


# The digest gathers a person's held reminders; registered by engagement/reminders.py.
DIGEST_KIND = "engagement.digest"

# Rows a worker may claim (when their next attempt time has come).
CLAIMABLE = (EmailStatus.QUEUED, EmailStatus.RETRY)
# A digest in one of these statuses will never deliver the items linked to it.
DEAD_DIGEST = (EmailStatus.FAILED, EmailStatus.SUPPRESSED)


class OutgoingEmailQuerySet(models.QuerySet["OutgoingEmail"]):
    def claimable(self, *, now: datetime) -> OutgoingEmailQuerySet:
        # Rows held for a digest have no next attempt time, so they are never claimed on their own.
        return self.filter(status__in=CLAIMABLE, next_attempt_at__lte=now)

    def stuck(self, *, now: datetime, after: timedelta) -> OutgoingEmailQuerySet:
        return self.filter(status=EmailStatus.SENDING, claimed_at__lt=now - after)

    def held_for_digest(self) -> OutgoingEmailQuerySet:
        # Items of a digest that failed or was suppressed were never delivered: the next digest gathers them.
        return self.filter(status=EmailStatus.QUEUED, hold_for_digest=True).filter(
            Q(digest__isnull=True) | Q(digest__status__in=DEAD_DIGEST)
        )

    def expired(self, *, now: datetime, keep_days: int) -> OutgoingEmailQuerySet:
        return self.filter(status=EmailStatus.SENT, sent_at__lt=now - timedelta(days=keep_days))

    def counts(self, *, now: datetime) -> dict[str, int]:
        """Sent in the last 7 days, failed, waiting: one query of three counts, each served by an index.

        A single aggregate with FILTERs would read the whole outbox (100,000 rows and more) on every
        coordinator's dashboard; scalar sub-selects let each count use the status indexes.
        """
        parts = {
            "sent_7d": self.filter(status=EmailStatus.SENT, sent_at__gte=now - timedelta(days=7)),
            "failed": self.filter(status=EmailStatus.FAILED),
            "waiting": self.filter(status__in=[*CLAIMABLE, EmailStatus.SENDING]),
        }
        selects: list[str] = []
        params: list[object] = []
        for queryset in parts.values():
            sql, part_params = queryset.order_by().values("pk").query.sql_with_params()
            # The ORM compiled the SQL; every value travels as a parameter.
            selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS part)")  # noqa: S608
            params.extend(part_params)
        with connections[self.db].cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(selects), params)
            row = cursor.fetchone()
        return dict(zip(parts, row, strict=True))


class OutgoingEmail(models.Model):
    kind = models.CharField(_("kind"), max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outgoing_emails",
        verbose_name=_("recipient"),
    )
    to_email = models.CharField(_("address"), max_length=254, blank=True)
    # kind:object:recipient:occasion. Unique, so a second scan (or a second call) inserts nothing.
    dedupe_key = models.CharField(_("dedupe key"), max_length=500, unique=True)
    occasion = models.CharField(_("occasion"), max_length=200, blank=True)
    # Named in unsubscribe links: it identifies the email without exposing the numeric id.
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body_text = models.TextField(_("text body"), blank=True)
    body_html = models.TextField(_("HTML body"), blank=True)
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)

    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("related type")
    )
    object_id = models.CharField(_("related id"), max_length=64, blank=True)
    related = GenericForeignKey("content_type", "object_id")

    status = models.CharField(_("status"), max_length=12, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # Which worker's claim holds the row: lets a batch claim find exactly its own rows.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True)

    # Optional reminders for people who chose a digest wait here until the digest gathers them.
    hold_for_digest = models.BooleanField(_("held for digest"), default=False)
    digest = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="items", verbose_name=_("digest")
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribe link used at"), null=True, blank=True)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EmailStatus.values), name="engagement_email_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=EmailStatus.SENT) | Q(sent_at__isnull=False),
                name="engagement_email_sent_has_time",
            ),
        ]
        indexes = [
            # Claim and "send what is due": status + next attempt.
            models.Index(fields=["status", "next_attempt_at"], name="engagement_email_due_idx"),
            # Sweeper: rows in flight for too long.
            models.Index(
                fields=["claimed_at"], name="engagement_email_inflight_idx", condition=Q(status=EmailStatus.SENDING)
            ),
            # Retention and the dashboard's "sent in the last 7 days".
            models.Index(fields=["status", "sent_at"], name="engagement_email_sent_idx"),
            # Admin filters.
            models.Index(fields=["kind", "status"], name="engagement_email_kind_idx"),
            models.Index(fields=["to_email"], name="engagement_email_to_idx"),
            models.Index(fields=["content_type", "object_id"], name="engagement_email_related_idx"),
            models.Index(fields=["claim_token"], name="engagement_email_claim_idx"),
            # The admin's default order (newest first) and its date filter, at 100,000 rows.
            models.Index(fields=["-created_at", "-id"], name="engagement_email_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to_email or '-'} ({self.get_status_display()})"

    @property
    def is_digest(self) -> bool:
        return self.kind == DIGEST_KIND
