"""Pages: each person's email preferences, and the login-free unsubscribe link with its undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import PreferencesForm
from .registry import registry
from .tokens import UnsubscribeClaim, undo_token


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.preferences_update(
                user=user, enabled_kinds=form.cleaned_data["kinds"], mode=form.cleaned_data["mode"]
            )
            messages.success(request, _("Your email preferences were saved."))
            return redirect("engagement:preferences")
    else:
        form = PreferencesForm(initial=services.preferences_initial(user=user))
    mandatory = [kind for kind in registry.kinds() if not kind.optional]
    return render(request, "engagement/preferences.html", {"form": form, "mandatory": mandatory})


def _problem(request: HttpRequest, reason: str) -> HttpResponse:
    # Forged, expired or used: a friendly page, nothing changed, and the way to the preferences page.
    return render(request, "engagement/unsubscribe_problem.html", {"reason": reason}, status=400)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no session and no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link scanners fetch every URL); POST unsubscribes, once."""
    try:
        if request.method == "GET":
            email = services.unsubscribe_check(token=token)
            kind = registry.get(email.kind)
            return render(request, "engagement/unsubscribe_confirm.html", {"kind": kind, "token": token})
        email = services.email_unsubscribe(token=token)
    except services.UnsubscribeError as exc:
        return _problem(request, exc.reason)
    undo = undo_token(
        UnsubscribeClaim(email_public_id=str(email.public_id), user_id=email.recipient_id, kind=email.kind)
    )
    return render(request, "engagement/unsubscribe_done.html", {"kind": registry.get(email.kind), "undo": undo})


@require_http_methods(["POST"])
def resubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = services.email_resubscribe(token=token)
    except services.UnsubscribeError as exc:
        return _problem(request, exc.reason)
    return render(request, "engagement/resubscribed.html", {"kind": registry.get(email.kind)})
