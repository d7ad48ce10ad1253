"""An activity's page with its update form, coordinators' editing, evidence, and "my activities"."""

from __future__ import annotations

import copy
import datetime as dt
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from members.models import Member

from ..caching import cached_activity, cached_member_data
from ..forms import ActivityForm, IndicatorValueForm, ProgressUpdateForm, add_service_errors
from ..models import Activity, Indicator, Objective, ProgressUpdate
from ..permissions import can_cancel_activity, can_manage_plan, can_record_indicator, can_update_activity
from ..progress import annotate_figures, figures_for
from ..services import activity_save, indicator_value_record, progress_update_post
from .access import plan_manager, plan_reader, today


def _activity(pk: int) -> Activity:
    """The activity with everything its page shows: owner, contributors, indicators with values, updates."""
    contributors = Prefetch("contributors", queryset=Member.objects.select_related("user"))
    updates = Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author"))
    queryset = (
        Activity.objects.with_progress().for_display().prefetch_related(contributors, updates, "indicators__values")
    )
    return get_object_or_404(queryset, pk=pk)


@plan_reader
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        activity = _activity(pk)  # what is checked before a write is read afresh
    else:
        # A copy: the figures of the day are attached to it, never to what other requests read.
        activity = copy.copy(cached_activity(pk, partial(_activity, pk)))
    may_update = can_update_activity(request.user, activity)
    form = None
    if may_update:
        form = ProgressUpdateForm(
            request.POST or None,
            request.FILES or None,
            activity=activity,
            may_cancel=can_cancel_activity(request.user),
            initial={"percent": activity.latest_percent or 0},  # type: ignore[attr-defined]
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                progress_update_post(
                    activity=activity,
                    by=request.user,
                    percent=data["percent"],
                    status=data["status"] or None,
                    note=data["note"],
                    evidence_link=data["evidence_link"],
                    evidence_file=data["evidence_file"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Your update was posted."))
                return redirect("actionplan:activity", pk=activity.pk)
    figures_for(activity, today())
    return render(
        request,
        "actionplan/activity_detail.html",
        {
            "activity": activity,
            "plan": activity.objective.plan,
            "form": form,
            "cancelled": activity.status == "cancelled",
            "updates": activity.updates.all(),
            "can_manage": can_manage_plan(request.user),
            "can_record": may_update,
        },
        status=400 if request.method == "POST" else 200,
    )


def _activity_form(request: HttpRequest, *, activity: Activity, objective: Objective) -> HttpResponse:
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            saved = activity_save(
                activity=form.save(commit=False), by=request.user, contributors=form.cleaned_data["contributors"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("actionplan:activity", pk=saved.pk)
    return render(
        request,
        "actionplan/activity_form.html",
        {"form": form, "activity": activity, "objective": objective, "plan": objective.plan},
        status=400 if request.method == "POST" else 200,
    )


@plan_manager
def activity_create(request: HttpRequest, objective_pk: int) -> HttpResponse:
    objective = get_object_or_404(Objective.objects.select_related("plan"), pk=objective_pk)
    return _activity_form(request, activity=Activity(objective=objective), objective=objective)


@plan_manager
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("objective__plan"), pk=pk)
    return _activity_form(request, activity=activity, objective=activity.objective)


@plan_reader
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Evidence goes only to signed-in readers, never from /media/, with headers that stop sniffing."""
    update = get_object_or_404(ProgressUpdate, pk=pk)
    if not update.evidence_file:
        raise Http404
    inline = update.evidence_is_image
    response = FileResponse(
        update.evidence_file.open("rb"),
        as_attachment=not inline,
        filename=update.evidence_name or update.evidence_file.name.rsplit("/", 1)[-1],
        content_type=update.evidence_content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


def _member_activities(member: Member, day: dt.date) -> list[Activity]:
    queryset = Activity.objects.of_member(member).outside_closed_plans().with_progress().for_display()
    return annotate_figures(queryset.order_by("due_date"), day)


@plan_reader
def my_activities(request: HttpRequest) -> HttpResponse:
    member = getattr(request.user, "member", None)
    activities = []
    if member is not None:
        day = today()
        activities = cached_member_data(member, "activities", day, partial(_member_activities, member, day))
    return render(request, "actionplan/my_activities.html", {"activities": activities, "member": member})


@plan_reader
def indicator_value_add(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.select_related("objective__plan", "activity__objective__plan").prefetch_related(
            "values", "activity__contributors"
        ),
        pk=pk,
    )
    if not can_record_indicator(request.user, indicator):
        raise PermissionDenied
    back = (
        reverse("actionplan:activity", args=[indicator.activity_id])
        if indicator.activity_id
        else reverse("actionplan:objective", args=[indicator.objective_id])
    )
    form = IndicatorValueForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_value_record(indicator=indicator, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The value was recorded."))
            return redirect(back)
    return render(
        request,
        "actionplan/indicator_value_form.html",
        {"indicator": indicator, "form": form, "back": back, "plan": indicator.plan},
        status=400 if request.method == "POST" else 200,
    )
