"""Exports: the activities as CSV, the sponsor's PDF report, and a member's calendar feed."""

from __future__ import annotations

import datetime as dt
import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from ..models import ActionPlan, Activity, CalendarToken
from ..progress import plan_figures
from ..resources import ActivityResource
from ..services import calendar_token_issue, calendar_token_revoke
from .access import plan_manager, plan_reader, today
from .plan import filtered_activities, overview_context


def _filename(plan: ActionPlan, suffix: str) -> str:
    return f"{slugify(plan.title_es) or 'plan'}-{timezone.localdate():%Y%m%d}.{suffix}"


@plan_manager
def activities_csv(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, pk=pk)
    _filter, activities, _figures = filtered_activities(request, plan)
    dataset = ActivityResource().export(queryset=activities)
    response = HttpResponse(dataset.csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "csv")}"'
    return response


@plan_manager
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress report for the executive sponsor: the overview's charts and tables, printed."""
    from weasyprint import HTML  # heavy import: only when a report is asked for

    plan = get_object_or_404(ActionPlan, pk=pk)
    context = overview_context(plan, plan_figures(plan, today=today()))
    context["generated_on"] = timezone.localdate()
    html = render_to_string("actionplan/report.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(plan, "pdf")}"'
    return response


@never_cache
@plan_reader
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """Show, issue or revoke the member's calendar feed URL (the secret is shown once, right after issuing)."""
    feed_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar_token_revoke(user=request.user)
            messages.success(request, _("Your calendar link was revoked: it no longer works."))
            return redirect("actionplan:calendar")
        token, secret = calendar_token_issue(user=request.user)
        feed_url = request.build_absolute_uri(
            reverse("actionplan:calendar_feed", kwargs={"key": token.key, "secret": secret})
        )
    has_token = CalendarToken.objects.filter(user=request.user).exists()
    return render(request, "actionplan/calendar.html", {"feed_url": feed_url, "has_token": has_token})


@require_GET
def calendar_feed(request: HttpRequest, key: uuid.UUID, secret: str) -> HttpResponse:
    """The iCalendar feed; the URL is the credential (calendar apps cannot sign in)."""
    token = CalendarToken.objects.select_related("user__member").filter(key=key).first()
    if token is None or not token.matches(secret) or not token.user.is_active:
        raise Http404
    member = getattr(token.user, "member", None)
    calendar = Calendar()
    calendar.add("prodid", "-//NGN Portal//Action plan//ES")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("NGN action plan: my due dates"))
    if member is not None:
        activities = Activity.objects.of_member(member).outside_closed_plans().open().select_related("objective__plan")
        stamp = timezone.now()
        for activity in activities:
            event = Event()
            event.add("uid", f"activity-{activity.pk}@ngn-portal")
            event.add("dtstamp", stamp)
            event.add("summary", _("Due: %(code)s %(title)s") % {"code": activity.code, "title": activity.title})
            event.add("dtstart", activity.due_date)
            event.add("dtend", activity.due_date + dt.timedelta(days=1))
            event.add("url", request.build_absolute_uri(reverse("actionplan:activity", args=[activity.pk])))
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
