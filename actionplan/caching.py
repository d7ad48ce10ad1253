"""A cache of each plan's figures (the roll-up and key-factor coverage), dropped on every write that feeds them.

Computing a plan's figures reads every activity with its latest update; at a few hundred activities that is
most of the overview's time, while the figures change only when someone posts an update or edits the plan.
One version token covers every plan: any save or delete of a plan, objective, activity, progress update,
key factor, member or office (or a change of an objective's key factors) replaces it, so the next read
recomputes. The key also holds the day (expected progress moves with it) and the plan's creation time
(a recreated database reusing primary keys never meets old entries). The time limit only bounds what the
signals cannot see, such as an owner renaming their account.

Each process also keeps the last few figures it read: unpickling hundreds of activities costs about half of
computing them. That copy is found only through the current version token, read from the shared cache on
every call, so a write in any process still shows at once everywhere. Callers must not modify the figures.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import OrderedDict
from typing import Any

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .progress import PlanFigures, plan_figures

VERSION_KEY = "actionplan:figures:version"
TIMEOUT = 600
LOCAL_SIZE = 4
_local: OrderedDict[str, PlanFigures] = OrderedDict()


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def cached_plan_figures(plan: Any, *, today: dt.date) -> PlanFigures:
    """``plan_figures(plan, today=today)``, from the cache when nothing has changed since."""
    key = f"actionplan:figures:{_version()}:{plan.pk}:{plan.created_at.timestamp()}:{today.isoformat()}"
    figures = _local.get(key)
    if figures is None:
        figures = cache.get(key)
        if figures is None:
            figures = plan_figures(plan, today=today)
            cache.set(key, figures, TIMEOUT)
        _local[key] = figures
        while len(_local) > LOCAL_SIZE:
            _local.popitem(last=False)
    return figures


def invalidate(**kwargs: Any) -> None:
    cache.delete(VERSION_KEY)


def connect_signals() -> None:
    from members.models import Member, Office

    from .models import ActionPlan, Activity, KeyFactor, Objective, ProgressUpdate

    for model in (ActionPlan, Objective, Activity, ProgressUpdate, KeyFactor, Member, Office):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"actionplan-figures-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"actionplan-figures-delete-{model.__name__}")
    m2m_changed.connect(invalidate, sender=Objective.key_factors.through, dispatch_uid="actionplan-figures-kf")
