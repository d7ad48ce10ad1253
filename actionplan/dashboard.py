from __future__ import annotations

from django.http import HttpRequest

from ngn_portal.dashboard import Panel


def panels(request: HttpRequest) -> list[Panel]:
    return [Panel(template="actionplan/_dashboard_activities.html", order=10)]
