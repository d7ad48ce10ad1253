"""Who's who: the current holders of each position."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..models import Mandate, Position


@login_required
def whos_who(request: HttpRequest) -> HttpResponse:
    mandates = list(
        Mandate.objects.current().select_related("member__user", "member__office", "position", "elected_by__meeting")
    )
    by_position: dict[int, list[Mandate]] = {}
    for mandate in mandates:
        by_position.setdefault(mandate.position_id, []).append(mandate)
    positions = [(position, by_position.get(position.pk, [])) for position in Position.objects.all()]
    return render(request, "governance/whos_who.html", {"positions": positions})
