from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ngn_portal.filters import BootstrapFilterSet

from .models import AuditEntry

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class AuditEntryFilter(BootstrapFilterSet):
    action = django_filters.CharFilter(
        label=_("Action"), lookup_expr="startswith", help_text=_("For example members.application")
    )
    actor = django_filters.CharFilter(label=_("Actor (email)"), field_name="actor__email", lookup_expr="iexact")
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="created_at",
        lookup_expr="date__gte",
        widget=DATE_INPUT,
    )
    until = django_filters.DateFilter(
        label=_("Until"),
        field_name="created_at",
        lookup_expr="date__lte",
        widget=DATE_INPUT,
    )

    class Meta:
        model = AuditEntry
        fields = ["action", "actor", "since", "until"]
