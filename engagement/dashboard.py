from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from ngn_portal.dashboard import Panel

from .models import OutgoingEmail
from .permissions import can_view_outbox


def panels(request: HttpRequest) -> list[Panel]:
    if not can_view_outbox(request.user):
        return []
    counts = OutgoingEmail.objects.counts(now=timezone.now())
    return [Panel(template="engagement/_dashboard_outbox.html", order=80, context=counts)]
