"""Helpers shared by every governance view: access checks that return the object or raise (healthchecks style),
and the POST half of a form page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language

from ..forms import add_service_errors
from ..models import Version
from ..permissions import can_view_version


class SignInRequired(Exception):
    """Raised for anonymous visitors asking for something that is not public."""


def language_param(request: HttpRequest) -> str:
    language = request.GET.get("lang") or (get_language() or "es")[:2]
    return "en" if language == "en" else "es"


def get_version(request: HttpRequest, slug: str, major: int, minor: int) -> Version:
    version = get_object_or_404(
        Version.objects.select_related("document", "approved_by__meeting"),
        document__slug=slug,
        major=major,
        minor=minor,
    )
    check_can_view(request, version)
    return version


def check_can_view(request: HttpRequest, version: Version) -> None:
    if can_view_version(request.user, version):
        return
    if not request.user.is_authenticated:
        raise SignInRequired
    raise Http404  # no hint that an unpublished version exists


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def sign_in_redirect(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


def sign_in_when_needed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages that may be public: anonymous visitors asking for more are sent to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SignInRequired:
            return sign_in_redirect(request)

    return wrapper


def submit(
    request: HttpRequest,
    form: Form,
    action: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    redirect_to: str | Callable[[Any], str],
) -> HttpResponse | None:
    """The POST half of every form page: validate, call the service, show its refusal beside the fields.

    Returns the redirect after success, or None so the caller renders the form (with its errors) again.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, success)
    return redirect(redirect_to(result) if callable(redirect_to) else redirect_to)
