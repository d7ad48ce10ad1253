"""Pages about a whole plan: overview, timeline, activity list, objective, copy and transitions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import charts
from ..caching import cached_plan_figures, cached_plan_html
from ..filters import ActivityFilter
from ..forms import PlanCopyForm, add_service_errors
from ..models import ActionPlan, Activity, Objective
from ..models.plan import PLAN_TRANSITIONS, PlanStatus
from ..permissions import can_manage_plan
from ..progress import ObjectiveRollup, PlanFigures, annotate_figures, plan_figures
from ..services import plan_copy_for_next_period, shift_year
from ..services import plan_transition as plan_transition_service
from .access import plan_manager, plan_reader, today

LIST_LIMIT = 25
PAGE_SIZE = 25


def overview_context(plan: ActionPlan, figures: PlanFigures) -> dict:
    """What the overview page and the PDF report both show."""
    objective_rows = [
        (str(o.objective), o.progress, o.expected, None, _("%(count)s activities") % {"count": len(o.activities)})
        for o in figures.objectives
    ]
    key_factor_rows = [
        (
            str(k.key_factor),
            k.progress,
            k.expected,
            None,
            ", ".join(o.code for o in k.objectives) or _("not covered"),
        )
        for k in figures.key_factors
    ]
    late, due_soon = figures.late, figures.due_soon
    return {
        "plan": plan,
        "figures": figures,
        # A long list helps nobody on an overview or in the sponsor's report; the activity list has them all.
        "late": late[:LIST_LIMIT],
        "late_more": max(0, len(late) - LIST_LIMIT),
        "due_soon": due_soon[:LIST_LIMIT],
        "due_soon_more": max(0, len(due_soon) - LIST_LIMIT),
        "objective_chart": charts.progress_bars(objective_rows),
        "key_factor_chart": charts.progress_bars(key_factor_rows),
        "rag_chart": charts.rag_segments(figures.rag_counts),
    }


@plan_reader
def index(request: HttpRequest) -> HttpResponse:
    """The section's landing page: the current plan's overview, or the (empty) list of plans."""
    plan = ActionPlan.objects.select_related("approved_by_decision__meeting").current()
    if plan is None:
        return plan_list(request)
    return _overview(request, plan)


@plan_reader
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "actionplan/plan_list.html", {"plans": ActionPlan.objects.all()})


@plan_reader
def plan_overview(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("approved_by_decision__meeting"), pk=pk)
    return _overview(request, plan)


def _overview(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    day = today()

    def render_figures() -> str:
        context = overview_context(plan, cached_plan_figures(plan, today=day))
        return render_to_string("actionplan/_overview_figures.html", context, request=request)

    return render(
        request,
        "actionplan/plan_overview.html",
        {
            "plan": plan,
            "figures_html": cached_plan_html(request, plan, today=day, render=render_figures),
            "plans": ActionPlan.objects.only("pk", "title_es", "title_en", "status", "period_start"),
            "can_manage": can_manage_plan(request.user),
            "transitions": [PlanStatus(s) for s in PlanStatus if s in PLAN_TRANSITIONS[plan.status]],
        },
    )


def filtered_activities(request: HttpRequest, plan: ActionPlan) -> tuple[ActivityFilter, list[Activity], PlanFigures]:
    base = Activity.objects.filter(objective__plan=plan).with_progress().for_display()
    activity_filter = ActivityFilter(request.GET or None, queryset=base, plan=plan)
    if not any(request.GET.get(name) for name in activity_filter.filters):
        # Unfiltered: the plan's cached figures already hold every activity, in this order.
        figures = cached_plan_figures(plan, today=today())
        activities = figures.activities
    else:
        activities = list(activity_filter.qs.order_by("objective__code", "code"))
        figures = plan_figures(plan, today=today(), activities=activities)
    activity_filter.offer_from(figures)
    return activity_filter, activities, figures


def _activity_page(request: HttpRequest, plan: ActionPlan) -> dict:
    """The filters, what matches and the requested page of it (``PAGE_SIZE`` activities, in plan order)."""
    activity_filter, activities, figures = filtered_activities(request, plan)
    return {
        "plan": plan,
        "filter": activity_filter,
        "figures": figures,
        "page": Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page")),
    }


@plan_reader
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The activities as bars on a time axis, a page at a time, grouped by objective (filter one to drill down)."""
    plan = get_object_or_404(ActionPlan, pk=pk)

    def render_page() -> str:
        context = _activity_page(request, plan)
        context["chart"] = charts.timeline(context["figures"], context["page"].object_list)
        return render_to_string("actionplan/_timeline_page.html", context, request=request)

    body = cached_plan_html(request, plan, today=today(), render=render_page, filters=ActivityFilter.base_filters)
    return render(request, "actionplan/plan_timeline.html", {"plan": plan, "body": body})


@plan_reader
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, pk=pk)

    def render_page() -> str:
        return render_to_string("actionplan/_activity_page.html", _activity_page(request, plan), request=request)

    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "actionplan/activity_list.html",
        {
            "plan": plan,
            "body": cached_plan_html(
                request, plan, today=today(), render=render_page, filters=ActivityFilter.base_filters
            ),
            "query": query.urlencode(),
            "can_manage": can_manage_plan(request.user),
        },
    )


@plan_reader
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objective = get_object_or_404(Objective.objects.select_related("plan").prefetch_related("key_factors"), pk=pk)
    activities = annotate_figures(objective.activities.with_progress().for_display().order_by("code"), today())
    rollup = ObjectiveRollup(objective=objective, activities=activities)
    indicators = objective.indicators.prefetch_related("values")
    return render(
        request,
        "actionplan/objective_detail.html",
        {
            "objective": objective,
            "plan": objective.plan,
            "activities": activities,
            "rollup": rollup,
            "indicators": indicators,
            "can_manage": can_manage_plan(request.user),
        },
    )


@require_POST
@plan_manager
def plan_transition(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, pk=pk)
    try:
        plan_transition_service(plan=plan, to=request.POST.get("to", ""), by=request.user)
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [_("That change is not possible.")])))
    else:
        messages.success(request, _("The plan's status was changed."))
    return redirect("actionplan:plan", pk=plan.pk)


@plan_manager
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(ActionPlan, pk=pk)
    if request.method == "POST":
        form = PlanCopyForm(request.POST)
        if form.is_valid():
            try:
                new_plan = plan_copy_for_next_period(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The new plan was created as a draft."))
                return redirect("actionplan:plan", pk=new_plan.pk)
    else:
        form = PlanCopyForm(
            initial={
                "title_es": plan.title_es,
                "title_en": plan.title_en,
                "period_start": shift_year(plan.period_start, 1),
                "period_end": shift_year(plan.period_end, 1),
                "carry_over_unfinished": True,
            }
        )
    return render(request, "actionplan/plan_copy.html", {"plan": plan, "form": form})
