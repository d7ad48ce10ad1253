from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from ngn_portal.paginators import EstimatedCountPaginator

from .filters import AuditEntryFilter
from .models import AuditEntry
from .permissions import can_browse_audit
from .services import audit_record

PAGE_SIZE = 25  # as every list of the portal
LIST_FIELDS = (
    "sequence",
    "created_at",
    "action",
    "target_id",
    "entry_hash",
    "actor__email",
    "actor__full_name",
    "target_type__app_label",
    "target_type__model",
)


def _filtered(request: HttpRequest) -> AuditEntryFilter:
    if not can_browse_audit(request.user):
        raise PermissionDenied
    queryset = AuditEntry.objects.select_related("actor", "target_type").order_by("-sequence")
    return AuditEntryFilter(request.GET or None, queryset=queryset)


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    entries = _filtered(request)
    # What the table shows: not the entries' data and previous hashes, nor the actors' whole accounts.
    shown = entries.qs.only(*LIST_FIELDS)
    page = EstimatedCountPaginator(shown, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/entry_list.html", {"filter": entries, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
def entry_export(request: HttpRequest) -> StreamingHttpResponse:
    entries = _filtered(request)
    # Exporting the register is itself an act worth recording.
    audit_record(action="audit.register.exported", actor=request.user, data={"filters": request.GET.dict()})
    writer = csv.writer(_Echo())
    header = ["sequence", "time", "actor", "action", "object type", "object id", "data", "hash", "previous hash"]

    def rows():
        yield writer.writerow(header)
        for entry in entries.qs.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    entry.sequence,
                    entry.created_at.isoformat(),
                    entry.actor.email if entry.actor else "",
                    entry.action,
                    entry.target_label,
                    entry.target_id,
                    entry.data,
                    entry.entry_hash,
                    entry.prev_hash,
                ]
            )

    filename = f"audit-register-{timezone.localdate().isoformat()}.csv"
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
