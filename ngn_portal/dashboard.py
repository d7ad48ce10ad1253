"""The signed-in home page is assembled from panels that each app contributes.

An app opts in with a ``<app>/dashboard.py`` module exposing ``panels(request) -> list[Panel]``,
the way it registers with the admin. The portal knows no app's internals; each app owns its
panel's query (within its own query budget) and its template (``<app>/_dashboard_*.html``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from ngn_portal.plugins import optional_app_module

# Apps asked for panels, in the order their panels appear when orders tie.
DASHBOARD_APPS = ("governance", "actionplan", "members", "engagement", "audit")


@dataclass(frozen=True)
class Panel:
    template: str
    order: int = 100
    context: dict[str, Any] = field(default_factory=dict)
    # "wide" panels span the whole row (banners); others share it.
    wide: bool = False


def collect_panels(request: HttpRequest) -> list[Panel]:
    panels: list[Panel] = []
    for app in DASHBOARD_APPS:
        module = optional_app_module(app, "dashboard")
        if module is not None:
            panels.extend(module.panels(request))
    return sorted(panels, key=lambda panel: panel.order)
