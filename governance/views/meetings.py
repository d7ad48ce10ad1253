"""Meetings: list, detail, create/edit, RSVP, attendance, minutes, decisions and the .ics download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ngn_portal.paginators import KnownCountPaginator

from ..calendar import meeting_ics
from ..forms import (
    AttendanceFilterForm,
    AttendanceForm,
    AttendanceSearchForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    RsvpForm,
)
from ..models import Attendance, AttendanceStatus, Decision, Meeting
from ..models.meetings import RECORDED_STATUSES
from ..permissions import can_manage, can_participate, can_read_minutes, can_record_attendance, can_record_minutes
from ..rendering import render_markdown
from ..selectors import MeetingFigures, cached_page_rows, meeting_attendances, meeting_figures
from ..services import (
    attendance_record,
    attendance_rsvp,
    decision_record,
    meeting_create,
    minutes_record,
    quorum_status,
)
from ..services.meetings import meeting_update
from ._access import require, submit

ATTENDANCE_PAGE_SIZE = 25


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    past = Paginator(Meeting.objects.past(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/meeting_list.html",
        {"upcoming": Meeting.objects.upcoming(), "page": past, "can_manage": can_manage(request.user)},
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    participant = can_participate(request.user)
    member = getattr(request.user, "member", None) if participant else None
    # Most meetings record no decision: asking in the same query saves reading them.
    meetings = Meeting.objects.annotate(has_decisions=Exists(Decision.objects.filter(meeting=OuterRef("pk"))))
    if member is not None:  # the member's own answer comes with the meeting (None when not invited)
        mine = Attendance.objects.filter(meeting=OuterRef("pk"), member=member).values("status")[:1]
        meetings = meetings.annotate(my_status=Subquery(mine))
    meeting = get_object_or_404(meetings, pk=pk)
    figures = meeting_figures(meeting)
    my_status = getattr(meeting, "my_status", None)
    decisions = list(meeting.decisions.select_related("approved_version__document")) if meeting.has_decisions else []
    return render(
        request,
        "governance/meeting_detail.html",
        {
            **(_attendance_list_context(request, meeting, figures) if participant else {}),
            "meeting": meeting,
            "agenda": render_markdown(meeting.agenda).html,
            "minutes": render_markdown(meeting.minutes).html if can_read_minutes(request.user, meeting) else None,
            "mine": AttendanceStatus(my_status).label if my_status else None,
            "can_rsvp": my_status is not None and not meeting.has_started(),
            "decisions": decisions,
            "quorum": figures.quorum,
            "can_manage": can_manage(request.user),
            "can_record": can_record_attendance(request.user),
        },
    )


def _attendance_list_context(request: HttpRequest, meeting: Meeting, figures: MeetingFigures) -> dict[str, Any]:
    """The invitations in figures (one per state, each a link to its list) and one page of the list itself.

    An AGM invites every active member: the list is paginated and searchable by name. Unsearched, its total
    comes from the figures, so the page runs no ``COUNT`` of its own.
    """
    filters = AttendanceFilterForm(request.GET)
    q, status = filters.value("q"), filters.value("status")
    rows = meeting_attendances(meeting, q=q, status=status).values_list(
        "member__user__full_name", "member__office__name", "status"
    )
    if q:
        page = Paginator(rows, ATTENDANCE_PAGE_SIZE).get_page(request.GET.get("page"))
        found = list(page.object_list)
    else:
        total = figures.counts[status] if status else figures.invited
        page = KnownCountPaginator(rows, ATTENDANCE_PAGE_SIZE, count=total).get_page(request.GET.get("page"))
        found = cached_page_rows(meeting, page, status=status)
    labels = dict(AttendanceStatus.choices)
    return {
        "attendance_total": figures.invited,
        "attendance_summary": [(value, label, figures.counts[value]) for value, label in labels.items()],
        "attendance_filters": filters,
        "attendance_filtered": bool(q or status),
        "page": page,
        "attendance_rows": [(name, office, labels[state]) for name, office, state in found],
    }


@login_required
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    require(can_manage(request.user))
    form = MeetingForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: meeting_create(by=request.user, **data),
        success=_("The meeting is scheduled and every active member is invited."),
        redirect_to=lambda meeting: reverse("governance:meeting", args=[meeting.pk]),
    )
    if done:
        return done
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": None})


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_manage(request.user))
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingForm(request.POST or None, instance=Meeting.objects.get(pk=pk))
    done = submit(
        request,
        form,
        lambda data: meeting_update(meeting=meeting, by=request.user, **data),
        success=_("The meeting is saved."),
        redirect_to=reverse("governance:meeting", args=[meeting.pk]),
    )
    if done:
        return done
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_POST
def meeting_rsvp(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    member = getattr(request.user, "member", None)
    if member is None or not can_participate(request.user):
        raise Http404
    form = RsvpForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Answer that you will come or that you cannot."))
        attendance_rsvp(meeting=meeting, member=member, status=form.cleaned_data["status"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Thank you for your answer."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record attendance one page (25 people) at a time; a search by name finds someone at the door.

    Saving a page records that page's choices only (a blank choice leaves a row as it is), then goes on to the
    next page, or back to the meeting after the last one.
    """
    require(can_record_attendance(request.user))
    meeting = get_object_or_404(Meeting, pk=pk)
    search = AttendanceSearchForm(request.GET)
    q = search.value("q")
    figures = meeting_figures(meeting)
    rows = meeting_attendances(meeting, q=q).select_related("member__user", "member__office")
    if q:
        paginator = Paginator(rows, ATTENDANCE_PAGE_SIZE)
    else:
        paginator = KnownCountPaginator(rows, ATTENDANCE_PAGE_SIZE, count=figures.invited)
    page = paginator.get_page(request.GET.get("page"))
    if request.method == "POST":
        # The rows that were posted, wherever they stand in the list now: nothing is lost if it moved meanwhile.
        posted = [name.removeprefix("member_") for name in request.POST if name.startswith("member_")]
        attendances = meeting_attendances(meeting).select_related("member__user", "member__office")
        attendances = attendances.filter(member_id__in=[int(i) for i in posted if i.isdigit()])
    else:
        attendances = page.object_list
    form = AttendanceForm(request.POST or None, attendances=attendances)
    done = submit(
        request,
        form,
        lambda data: attendance_record(meeting=meeting, statuses=form.statuses(), by=request.user),
        success=_("Attendance recorded."),
        redirect_to=_after_attendance(request, meeting, page),
    )
    if done:
        return done
    return render(
        request,
        "governance/meeting_attendance.html",
        {
            "form": form,
            "meeting": meeting,
            "search": search,
            "page": page,
            "total": figures.invited,
            "recorded": sum(figures.counts[status] for status in RECORDED_STATUSES),
        },
    )


def _after_attendance(request: HttpRequest, meeting: Meeting, page: Page) -> str:
    """The next page of the list (with the same search), or the meeting once the last page is saved."""
    if not page.has_next():
        return reverse("governance:meeting", args=[meeting.pk])
    params = request.GET.copy()
    params["page"] = str(page.next_page_number())
    return f"{request.path}?{params.urlencode()}"


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_record_minutes(request.user))
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MinutesForm(
        request.POST or None,
        initial={"minutes": meeting.minutes, "publish": meeting.minutes_published_at is not None},
    )
    done = submit(
        request,
        form,
        lambda data: minutes_record(meeting=meeting, minutes=data["minutes"], publish=data["publish"], by=request.user),
        success=_("The minutes are saved."),
        redirect_to=reverse("governance:meeting", args=[meeting.pk]),
    )
    if done:
        return done
    return render(request, "governance/meeting_minutes.html", {"form": form, "meeting": meeting})


@login_required
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    require(can_manage(request.user))
    meeting = get_object_or_404(Meeting, pk=pk)
    form = DecisionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: decision_record(meeting=meeting, by=request.user, **data),
        success=_("The decision is recorded."),
        redirect_to=reverse("governance:meeting", args=[meeting.pk]),
    )
    if done:
        return done
    return render(
        request, "governance/decision_form.html", {"form": form, "meeting": meeting, "quorum": quorum_status(meeting)}
    )


@login_required
def meeting_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, pk=pk)
    response = HttpResponse(meeting_ics(meeting, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ngn-meeting-{meeting.pk}.ics"'
    return response
