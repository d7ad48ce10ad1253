"""Access helpers shared by every view of the section."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from ..permissions import can_manage_plan, can_view_plan

View = Callable[..., HttpResponse]


def _requires(check: Callable[..., bool]) -> Callable[[View], View]:
    """Anonymous visitors go to the login page; signed-in people failing ``check`` get 403."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


plan_reader = _requires(can_view_plan)  # members and coordinators
plan_manager = _requires(can_manage_plan)  # coordinators


def today() -> dt.date:
    return timezone.localdate()
