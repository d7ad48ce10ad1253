"""The directory of members, its exports, and the coordinators' list of members past the eligibility rules."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ngn_portal.paginators import KnownCountPaginator

from ..filters import directory_filter
from ..models import DirectoryExport, EligibilityPolicy, ExportStatus, Member
from ..permissions import Viewer, can_manage_memberships
from ..resources import EXPORT_FORMATS, available_export_formats
from ..services import members_export
from ..services.exports import directory_export_start

PAGE_SIZE = 25


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    viewer = Viewer(request.user)
    directory = directory_filter(request.GET, coordinator=viewer.coordinator)
    members = directory.qs if directory.is_bound and directory.is_valid() else directory.queryset
    if directory.narrows():
        paginator = Paginator(members, PAGE_SIZE)
    else:
        # The whole directory's total is the same for every viewer of a kind until members change.
        paginator = KnownCountPaginator(members, PAGE_SIZE, count=directory.facts.total)
    page = paginator.get_page(request.GET.get("page"))
    rows = [(member, viewer.personal_fields(member)) for member in page.object_list]
    return render(
        request,
        "members/member_list.html",
        {
            "page": page,
            "rows": rows,
            "filter": directory,
            "viewer": viewer,
            "export_formats": available_export_formats() if viewer.coordinator else [],
        },
    )


@login_required
@require_POST
def member_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    if file_format not in available_export_formats():
        raise Http404
    viewer = Viewer(request.user)
    # The filters travel in the query string, so the export is exactly the list on screen.
    directory = directory_filter(request.GET, coordinator=viewer.coordinator)
    if directory.is_bound and not directory.is_valid():
        raise Http404
    members = directory.qs if directory.is_bound else directory.queryset
    if members.count() > settings.MEMBERS_EXPORT_INLINE_LIMIT:
        # A large export runs in the background; the coordinator watches its progress instead of a spinner.
        export = directory_export_start(by=request.user, file_format=file_format, filters=request.GET.dict())
        return redirect("members:export_status", export_id=export.pk)
    export_format = EXPORT_FORMATS[file_format]()
    dataset = members_export(members=members, by=request.user, file_format=file_format, filters=request.GET.dict())
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(export_format.export_data(dataset), content_type=export_format.get_content_type())
    response["Content-Disposition"] = f'attachment; filename="ngn-members-{stamp}.{file_format}"'
    return response


@login_required
def alumni_candidates(request: HttpRequest) -> HttpResponse:
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    policy = EligibilityPolicy.current()
    today = timezone.localdate()
    members = (
        Member.objects.past_eligibility(policy=policy, on=today)
        .select_related("user", "office")
        .order_by("user__full_name", "pk")
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        (
            member,
            policy.problems(date_of_birth=member.date_of_birth, service_started_on=member.service_started_on, on=today),
        )
        for member in page.object_list
    ]
    return render(request, "members/alumni_candidates.html", {"page": page, "rows": rows, "policy": policy})


def _own_export(request: HttpRequest, export_id) -> DirectoryExport:
    # Only the coordinator who asked may watch or download it; anyone else learns nothing (404).
    if not can_manage_memberships(request.user):
        raise PermissionDenied
    return get_object_or_404(DirectoryExport, pk=export_id, requested_by=request.user)


@login_required
def export_status(request: HttpRequest, export_id) -> HttpResponse:
    export = _own_export(request, export_id)
    template = "members/_export_progress.html" if request.htmx else "members/export_status.html"
    return render(request, template, {"export": export})


@login_required
def export_download(request: HttpRequest, export_id) -> FileResponse:
    export = _own_export(request, export_id)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    stamp = timezone.localtime(export.finished_at).date().isoformat()
    response = FileResponse(
        export.file.open("rb"), as_attachment=True, filename=f"ngn-members-{stamp}.{export.file_format}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
