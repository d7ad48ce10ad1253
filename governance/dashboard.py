from __future__ import annotations

from django.http import HttpRequest

from ngn_portal.dashboard import Panel


def panels(request: HttpRequest) -> list[Panel]:
    return [
        Panel(template="governance/_dashboard_tor.html", order=20),
        Panel(template="governance/_dashboard_meetings.html", order=30),
    ]
