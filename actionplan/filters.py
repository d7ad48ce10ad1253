from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, Office

from .models import ActionPlan, Activity, ActivityStatus, KeyFactor


class ActivityFilter(django_filters.FilterSet):
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=Member.objects.active().select_related("user"), empty_label=_("Anyone")
    )
    office = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("actionplan", "Office"),
        field_name="owner__office",
        queryset=Office.objects.all(),
        empty_label=_("Any office"),
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("actionplan", "Status"), choices=ActivityStatus.choices, empty_label=_("Any status")
    )
    key_factor = django_filters.ModelChoiceFilter(
        label=_("Arusha key factor"),
        field_name="objective__key_factors",
        queryset=KeyFactor.objects.all(),
        empty_label=_("Any key factor"),
    )

    class Meta:
        model = Activity
        fields = ["owner", "office", "status", "key_factor"]

    def __init__(self, *args: object, plan: ActionPlan | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if plan is not None:
            # Only the plan's owners: with thousands of members, a choice of everyone is a page of <option>s.
            owners = Activity.objects.filter(objective__plan=plan).values("owner")
            self.filters["owner"].queryset = Member.objects.active().filter(pk__in=owners).select_related("user")
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"
