from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Member


@login_required
def member_list(request: HttpRequest) -> HttpResponse:
    members = Member.objects.active().select_related("user", "office").order_by("user__full_name")
    page = Paginator(members, 25).get_page(request.GET.get("page"))
    return render(request, "members/member_list.html", {"page": page})
