"""Search, filters and sorting for the directory and the coordinators' review queue (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import ApplicationStatus, Member, MembershipApplication, MemberStatus, Office, User


def _search(queryset: QuerySet, fields: tuple[str, ...], value: str) -> QuerySet:
    # Each word must match somewhere, so "quito analista" finds analysts in Quito.
    for word in value.split()[:8]:
        condition = Q()
        for field in fields:
            if field == "user__full_name":
                # A sub-select on users alone: PostgreSQL serves it from the trigram index on UPPER(full_name)
                # (migration 0008), which it cannot do for one branch of an OR across joined tables.
                condition |= Q(user__in=User.objects.filter(full_name__icontains=word).values("pk"))
            else:
                condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class DirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    office = django_filters.ModelChoiceFilter(label=_("Office"), queryset=Office.objects.order_by("name"))
    cohort = django_filters.ChoiceFilter(label=_("Cohort"), choices=[])
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MemberStatus.choices)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("user__full_name", "name"), ("office__name", "office"), ("joined_on", "joined")),
        field_labels={"user__full_name": _("Name"), "office__name": _("Office"), "joined_on": _("Joined")},
    )

    SEARCH_FIELDS = ("user__full_name", "office__name", "office__city", "position_title", "skills")

    class Meta:
        model = Member
        fields = ["q", "office", "cohort", "status"]

    def __init__(self, *args: Any, coordinator: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cohorts = self.queryset.exclude(cohort="").order_by("cohort").values_list("cohort", flat=True).distinct()
        self.filters["cohort"].extra["choices"] = [(cohort, cohort) for cohort in cohorts]
        if not coordinator:
            # Members see active members only; the status of others is for coordinators.
            del self.filters["status"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search(queryset, self.SEARCH_FIELDS, value)


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices)
    office = django_filters.ModelChoiceFilter(label=_("Office"), queryset=Office.objects.order_by("name"))

    class Meta:
        model = MembershipApplication
        fields = ["q", "status", "office"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search(queryset, ("full_name", "email", "position_title"), value)


def directory_filter(params: Any, *, coordinator: bool) -> DirectoryFilter:
    """The directory as the viewer may see it, filtered by ``params`` (a query dict; empty means unfiltered)."""
    members = Member.objects.for_directory(coordinator=coordinator).order_by("user__full_name", "pk")
    return DirectoryFilter(params or None, queryset=members, coordinator=coordinator)
