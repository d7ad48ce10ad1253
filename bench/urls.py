"""The portal's URLs plus the benchmark's floor view: used only by bench/pages.py (never by the portal)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from members.models import Member
from ngn_portal.urls import urlpatterns as portal_urlpatterns


@login_required
def floor(request: HttpRequest) -> HttpResponse:
    """The least a signed-in page can cost: the same middleware, one query, the base template."""
    return render(request, "base.html", {"floor_rows": Member.objects.filter(user=request.user).exists()})


urlpatterns = [path("__bench__/floor/", floor, name="bench_floor"), *portal_urlpatterns]
