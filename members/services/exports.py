"""Large directory exports run in the background; the coordinator watches the progress and downloads the file."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from audit.services import audit_record

from ..filters import directory_filter
from ..models import DirectoryExport, ExportStatus, User
from ..permissions import Viewer
from ..resources import EXPORT_FORMATS, DirectoryExportResource

logger = logging.getLogger(__name__)
CHUNK_SIZE = 500


def directory_export_start(*, by: User, file_format: str, filters: dict[str, Any]) -> DirectoryExport:
    """Queue an export of the directory as ``by`` sees it with ``filters``; it starts after commit."""
    from ..tasks import directory_export_run as run_task

    export = DirectoryExport.objects.create(requested_by=by, file_format=file_format, filters=filters)
    transaction.on_commit(lambda: run_task.delay(str(export.pk)))
    return export


def _directory(export: DirectoryExport):
    directory = directory_filter(export.filters, coordinator=Viewer(export.requested_by).coordinator)
    return directory.qs if directory.is_bound and directory.is_valid() else directory.queryset


def directory_export_run(*, export_id: str) -> DirectoryExport | None:
    """Build the file chunk by chunk, recording progress; None when another worker already has the job."""
    claimed = DirectoryExport.objects.filter(pk=export_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING
    )
    if not claimed:
        return None
    export = DirectoryExport.objects.select_related("requested_by").get(pk=export_id)
    try:
        members = _directory(export)
        ids = list(members.values_list("pk", flat=True))
        DirectoryExport.objects.filter(pk=export.pk).update(total=len(ids))
        resource = DirectoryExportResource()
        dataset = resource.export(queryset=members.none())
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk_ids = ids[start : start + CHUNK_SIZE]
            for row in resource.export(queryset=members.filter(pk__in=chunk_ids)):
                dataset.append(row)
            DirectoryExport.objects.filter(pk=export.pk).update(processed=start + len(chunk_ids))
        content = EXPORT_FORMATS[export.file_format]().export_data(dataset)
        with transaction.atomic():
            export.refresh_from_db()
            export.file.save(f"export.{export.file_format}", ContentFile(content), save=False)
            export.status = ExportStatus.DONE
            export.finished_at = timezone.now()
            export.save(update_fields=["file", "status", "finished_at"])
            audit_record(
                action="members.directory.exported",
                actor=export.requested_by,
                data={"format": export.file_format, "rows": len(ids), "filters": export.filters, "background": True},
            )
    except Exception as exc:
        # The job must always end in a final state, or the progress page would poll forever.
        logger.exception("Directory export %s failed", export_id)
        DirectoryExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED, error=f"{exc.__class__.__name__}: {exc}"[:2000], finished_at=timezone.now()
        )
        return None
    return export
