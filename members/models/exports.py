"""A large directory export, built in the background while the coordinator watches its progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def _export_path(instance: DirectoryExport, filename: str) -> str:
    # A random name: the file is reachable only through the permission-checked download view.
    return f"exports/{uuid.uuid4().hex}.{instance.file_format}"


class DirectoryExport(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    file_format = models.CharField(_("format"), max_length=8)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to=_export_path, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("directory export")
        verbose_name_plural = _("directory exports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ExportStatus.values), name="directory_export_status_valid"),
            models.CheckConstraint(condition=Q(processed__lte=F("total")), name="directory_export_progress_bounded"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        return 100 if self.status == ExportStatus.DONE else int(100 * self.processed / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {ExportStatus.DONE, ExportStatus.FAILED}
