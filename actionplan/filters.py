from __future__ import annotations

from collections.abc import Iterable
from functools import partial

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, Office
from ngn_portal.filters import PlainSelect

from .caching import cached_plan_data
from .models import ActionPlan, Activity, ActivityStatus, KeyFactor, Objective
from .progress import PlanFigures


def _select() -> PlainSelect:
    return PlainSelect(attrs={"class": "form-select form-select-sm"})


class ActivityFilter(django_filters.FilterSet):
    objective = django_filters.ModelChoiceFilter(
        label=_("Objective"), queryset=Objective.objects.none(), empty_label=_("Any objective"), widget=_select()
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        queryset=Member.objects.active().select_related("user"),
        empty_label=_("Anyone"),
        widget=_select(),
    )
    office = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("actionplan", "Office"),
        field_name="owner__office",
        queryset=Office.objects.all(),
        empty_label=_("Any office"),
        widget=_select(),
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("actionplan", "Status"),
        choices=ActivityStatus.choices,
        empty_label=_("Any status"),
        widget=_select(),
    )
    key_factor = django_filters.ModelChoiceFilter(
        label=_("Arusha key factor"),
        field_name="objective__key_factors",
        queryset=KeyFactor.objects.all(),
        empty_label=_("Any key factor"),
        widget=_select(),
    )

    class Meta:
        model = Activity
        fields = ["objective", "owner", "office", "status", "key_factor"]

    def __init__(self, *args: object, plan: ActionPlan | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if plan is not None:
            # Only the plan's objectives and owners: with thousands of members, a choice of everyone is a
            # page of <option>s. The owners offered come from the cache.
            self.filters["objective"].queryset = plan.objectives.order_by("code")
            self.filters["owner"].queryset = plan_owners(plan)
            self._offer("owner", cached_plan_data(plan, "owners", partial(_owner_choices, plan)))

    def offer_from(self, figures: PlanFigures) -> None:
        """Offer the objectives and key factors the plan's figures hold already, rather than query them again."""
        self._offer("objective", ((o.objective.pk, str(o.objective)) for o in figures.objectives if o.objective))
        self._offer("key_factor", ((k.key_factor.pk, str(k.key_factor)) for k in figures.key_factors if k.key_factor))

    def _offer(self, name: str, choices: Iterable[tuple[int, str]]) -> None:
        # Only what the <select> shows: the field's queryset still checks the value chosen.
        field = self.form.fields[name]
        field.widget.choices = [("", field.empty_label), *choices]


def plan_owners(plan: ActionPlan) -> QuerySet[Member]:
    """The active members who own an activity of the plan."""
    owners = Activity.objects.filter(objective__plan=plan).values("owner")
    return Member.objects.active().filter(pk__in=owners).select_related("user")


def _owner_choices(plan: ActionPlan) -> list[tuple[int, str]]:
    return [(member.pk, str(member)) for member in plan_owners(plan).only("pk", "user__full_name", "user__email")]
