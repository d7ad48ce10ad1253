"""Joining: the public application form, the coordinators' review queue, and the invitation to set a password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from ..filters import ApplicationFilter
from ..forms import ApplicationForm, DecisionForm, InvitationPasswordForm
from ..invitations import invitation_user
from ..models import ApplicationStatus, EligibilityPolicy, MembershipApplication, User
from ..permissions import can_review_applications
from ..ratelimit import address_attempt_allowed, email_attempt_allowed
from ..services import (
    application_approve,
    application_reject,
    application_submit,
    application_withdraw,
    invitation_accept,
)

PAGE_SIZE = 25


def apply(request: HttpRequest) -> HttpResponse:
    """Public. Whatever happens to a well-formed application, the visitor sees the same thank-you page."""
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if not address_attempt_allowed(request):
            form.is_valid()  # show field errors too, if any
            return _too_many(request, form)
        if form.is_valid():
            # A bot that fills in the hidden field gets the thank-you page, and nothing is saved.
            if not form.is_bot:
                if not email_attempt_allowed(form.cleaned_data["email"]):
                    return _too_many(request, form)
                application_submit(data=form.cleaned_data, language=translation.get_language() or "es")
            return redirect("members:apply_thanks")
    return render(request, "members/apply.html", {"form": form})


def _too_many(request: HttpRequest, form: ApplicationForm) -> HttpResponse:
    form.add_error(None, _("Too many applications were sent from here. Please try again later."))
    return render(request, "members/apply.html", {"form": form}, status=429)


def apply_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "members/apply_thanks.html")


def _require_reviewer(request: HttpRequest) -> None:
    if not can_review_applications(request.user):
        raise PermissionDenied


@login_required
def application_list(request: HttpRequest) -> HttpResponse:
    _require_reviewer(request)
    applications = MembershipApplication.objects.select_related("office", "decided_by").order_by("-submitted_at", "-pk")
    data = request.GET.copy()
    # The queue opens on what awaits a decision; "status=" (any) shows every application.
    data.setdefault("status", ApplicationStatus.SUBMITTED)
    queue = ApplicationFilter(data, queryset=applications)
    page = Paginator(queue.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    policy = EligibilityPolicy.current()
    rows = [(application, application.eligibility_problems(policy)) for application in page.object_list]
    return render(request, "members/application_list.html", {"page": page, "rows": rows, "filter": queue})


@login_required
def application_review(request: HttpRequest, application_id: int) -> HttpResponse:
    _require_reviewer(request)
    application = get_object_or_404(
        MembershipApplication.objects.select_related("office", "decided_by", "member"), pk=application_id
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and application.is_open and form.is_valid():
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        try:
            if decision == DecisionForm.APPROVE:
                application_approve(application=application, by=request.user, reason=reason)
                messages.success(request, _("The application was approved and the invitation sent."))
            elif decision == DecisionForm.REJECT:
                application_reject(application=application, by=request.user, reason=reason)
                messages.success(request, _("The application was rejected and the applicant told."))
            else:
                application_withdraw(application=application, by=request.user, reason=reason)
                messages.success(request, _("The application was marked as withdrawn."))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("members:applications")
    context = {
        "application": application,
        "form": form,
        "problems": application.eligibility_problems(),
        "account_exists": application.is_open and User.objects.filter(email__iexact=application.email).exists(),
    }
    return render(request, "members/application_review.html", context, status=400 if form.errors else 200)


@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Set a first password from the emailed link (signed, 7 days, single use)."""
    user = invitation_user(token)
    if user is None:
        return render(request, "members/invitation_invalid.html", status=400)
    form = InvitationPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_accept(user=user, token=token, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            if getattr(exc, "code", None) == "invitation_used":  # another request used the link first
                return render(request, "members/invitation_invalid.html", status=400)
            form.add_error("password1", exc)
        else:
            messages.success(request, _("Your password is set. Sign in to continue."))
            return redirect("account_login")
    return render(request, "members/invitation.html", {"form": form, "invited": user})
