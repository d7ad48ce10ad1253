"""Meetings: list, detail, create/edit, RSVP, attendance, minutes, decisions and the .ics download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..calendar import meeting_ics
from ..forms import AttendanceForm, DecisionForm, MeetingForm, MinutesForm, RsvpForm
from ..models import Attendance, Meeting
from ..permissions import can_manage, can_participate, can_record_attendance, can_record_minutes
from ..rendering import render_markdown
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
    meeting = get_object_or_404(Meeting, pk=pk)
    participant = can_participate(request.user)
    attendances = list(meeting.attendances.select_related("member__user", "member__office")) if participant else []
    mine = next((a for a in attendances if a.member.user_id == request.user.pk), None)
    minutes_visible = bool(meeting.minutes) and (
        meeting.minutes_published_at is not None or can_record_minutes(request.user)
    )
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": render_markdown(meeting.agenda).html,
            "minutes": render_markdown(meeting.minutes).html if minutes_visible else None,
            "attendances": attendances,
            "mine": mine,
            "can_rsvp": mine is not None and meeting.starts_at > timezone.now(),
            "decisions": list(meeting.decisions.select_related("approved_version__document")),
            "quorum": quorum_status(meeting),
            "can_manage": can_manage(request.user),
            "can_record": can_record_attendance(request.user),
        },
    )


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
    require(can_record_attendance(request.user))
    meeting = get_object_or_404(Meeting, pk=pk)
    attendances = Attendance.objects.filter(meeting=meeting).select_related("member__user", "member__office")
    form = AttendanceForm(request.POST or None, attendances=attendances)
    done = submit(
        request,
        form,
        lambda data: attendance_record(meeting=meeting, statuses=form.statuses(), by=request.user),
        success=_("Attendance recorded."),
        redirect_to=reverse("governance:meeting", args=[meeting.pk]),
    )
    if done:
        return done
    return render(request, "governance/meeting_attendance.html", {"form": form, "meeting": meeting})


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
