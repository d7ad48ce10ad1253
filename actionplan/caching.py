"""Caches of the plan's figures and pages, dropped on every write that feeds them.

Computing a plan's figures reads every activity with its latest update; at a few hundred activities that is
most of the overview's time, while the figures change only when someone posts an update or edits the plan.
Drawing them as HTML (charts, a page of the timeline or of the list) is most of what remains, so the pages'
HTML is kept as well, and so are an activity with what its page shows, a member's open activities (the home
panel) and the owners the filters offer.

One version token covers all of it: any save or delete of a plan, objective, activity, progress update, key
factor, indicator, indicator value, member, account or office (or a change of an objective's key factors or of an
activity's contributors) replaces it, so the next read recomputes. What moves with the day (expected
progress, RAG) has the day in its key; a plan's keys hold its creation time (a recreated database reusing
primary keys never meets old entries). The time limit only bounds what the signals cannot see: rows
written in bulk without signals (``seed_scale``, which drops every token when it ends).

Each process also keeps the last entries it read: unpickling hundreds of activities costs about half of
computing them. That copy is found only through the current version token, read from the shared cache on
every call, so a write in any process still shows at once everywhere. Callers must not modify what they get.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ngn_portal.versioned_cache import VersionedCache

from .progress import PlanFigures, plan_figures

TIMEOUT = 600
plan_cache = VersionedCache("actionplan", timeout=TIMEOUT)
MAX_CACHED_PAGE = 40  # of 25 activities: 1,000 in one plan

T = TypeVar("T")


class _LocalCopies:
    """The last ``size`` entries this process read, the oldest dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str) -> Any:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value
        while len(self.entries) > self.size:
            try:
                self.entries.popitem(last=False)
            except KeyError:  # another thread emptied it first
                break


_figures = _LocalCopies(4)  # hundreds of activities each
_html = _LocalCopies(64)  # tens of kilobytes each
_activities = _LocalCopies(32)
_small = _LocalCopies(64)  # choices, a member's few open activities


def _cached(key: str, compute: Callable[[], T], local: _LocalCopies) -> T:
    key = plan_cache.key((key,))
    value = local.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, TIMEOUT)
        local.put(key, value)
    return value


def _plan_key(plan: Any, today: dt.date | None = None) -> str:
    return f"{plan.pk}:{plan.created_at.timestamp()}:{today.isoformat() if today else ''}"


def cached_plan_data(plan: Any, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, something small about ``plan`` that does not change with the day (a list of choices)."""
    return _cached(f"{name}:{_plan_key(plan)}", compute, _small)


def cached_plan_figures(plan: Any, *, today: dt.date) -> PlanFigures:
    """``plan_figures(plan, today=today)``, from the cache when nothing has changed since."""
    return _cached(f"figures:{_plan_key(plan, today)}", lambda: plan_figures(plan, today=today), _figures)


def cached_member_data(member: Any, name: str, today: dt.date, compute: Callable[[], T]) -> T:
    """``compute()``, something small about ``member`` and the plan that may change with the day."""
    return _cached(f"member:{member.pk}:{member.user_id}:{name}:{today.isoformat()}", compute, _small)


def cached_activity(pk: int, compute: Callable[[], T]) -> T:
    """``compute()``: activity ``pk`` with what its page shows, from the cache when nothing has changed since."""
    return _cached(f"activity:{pk}", compute, _activities)


def cached_plan_html(
    request: HttpRequest,
    plan: Any,
    *,
    today: dt.date,
    render: Callable[[], str],
    filters: Collection[str] = (),
) -> SafeString:
    """``render()``: HTML about ``plan`` that its data, the day, the language and the address decide alone.

    The address (path, page, blank ``filters``) and the language are part of the key; nothing ``render``
    draws may depend on who asks (no role, no CSRF token, no nonce). Only the plain pages are kept, so that
    the number of entries stays bounded whatever addresses people type: a filtered page (whose figures are
    computed afresh anyway), an odd parameter or a page past ``MAX_CACHED_PAGE`` is rendered every time.
    """
    page = _plain_page(request, filters)
    if page is None:
        return mark_safe(render())  # noqa: S308
    # Path, page and language only: "?page=01" or blank filters are the same page, not another entry.
    address = repr((request.path, page, get_language()))
    digest = hashlib.sha256(address.encode()).hexdigest()
    return mark_safe(_cached(f"html:{_plan_key(plan, today)}:{digest}", lambda: str(render()), _html))  # noqa: S308


def _plain_page(request: HttpRequest, filters: Collection[str]) -> int | None:
    """The page number of an unfiltered address (blank ``filters`` allowed), or None for any other address."""
    page = 1
    for name, values in request.GET.lists():
        if len(values) != 1:
            return None
        if name == "page":
            value = values[0]
            # Written the one way a page link writes it: no "01", no other digits than 0-9.
            if not (value.isascii() and value.isdigit() and value == str(int(value))):
                return None
            page = int(value)
            if not 1 <= page <= MAX_CACHED_PAGE:
                return None
        elif name not in filters or values[0]:
            return None
    return page


def connect_signals() -> None:
    from members.models import Member, Office, User

    from .models import ActionPlan, Activity, Indicator, IndicatorValue, KeyFactor, Objective, ProgressUpdate

    plan_cache.watch(
        ActionPlan,
        Objective,
        Activity,
        ProgressUpdate,
        KeyFactor,
        Indicator,
        IndicatorValue,
        Member,
        User,  # an owner's or author's name is in the pages
        Office,
        m2m=(Objective.key_factors.through, Activity.contributors.through),
    )
