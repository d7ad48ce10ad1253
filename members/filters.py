"""Search, filters and sorting for the directory and the coordinators' review queue (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ngn_portal.filters import BootstrapFilterSet

from .caching import directory_facts
from .models import ApplicationStatus, Member, MembershipApplication, MemberStatus, Office
from .search import fold


def _search(queryset: QuerySet, fields: tuple[str, ...], value: str) -> QuerySet:
    # Each word must match somewhere, so "quito analista" finds analysts in Quito.
    for word in _words(value):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


def _words(value: str) -> list[str]:
    return value.split()[:8]


class DirectoryFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=100)
    # Choices from the directory's cache rather than a query per page: offices change a few times a year.
    office = django_filters.ChoiceFilter(label=_("Office"), choices=[])
    cohort = django_filters.ChoiceFilter(label=_("Cohort"), choices=[])
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MemberStatus.choices)
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("user__full_name", "name"), ("office__name", "office"), ("joined_on", "joined")),
        field_labels={"user__full_name": _("Name"), "office__name": _("Office"), "joined_on": _("Joined")},
    )

    class Meta:
        model = Member
        fields = ["q", "office", "cohort", "status"]

    def __init__(self, *args: Any, coordinator: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.facts = directory_facts(coordinator=coordinator)
        self.filters["office"].extra["choices"] = self.facts.offices
        self.filters["cohort"].extra["choices"] = [(cohort, cohort) for cohort in self.facts.cohorts]
        if not coordinator:
            # Members see active members only; the status of others is for coordinators.
            del self.filters["status"]

    def narrows(self) -> bool:
        """Whether valid filters leave out some of the directory (sorting alone does not)."""
        if not (self.is_bound and self.is_valid()):
            return False
        return any(value not in (None, "", []) for name, value in self.form.cleaned_data.items() if name != "sort")

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Each word in the name, the office (name or city), the position or the skills, accents aside.

        One trigram index on the folded search text serves every word (members/search.py).
        """
        for word in _words(fold(value)):
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class ApplicationFilter(BootstrapFilterSet):
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
