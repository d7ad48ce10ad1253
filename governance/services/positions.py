"""Terms of office: a mandate is validated against overlap, the consecutive-term limit and its dates."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import audit_record
from members.models import Member, User

from ..models import Decision, Mandate, Position

# Two terms count as consecutive when the second starts within this many days of the first's end:
# an AGM that slips by a few weeks does not break a run of terms.
CONSECUTIVE_GAP_DAYS = 31


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _consecutive_terms_before(mandate: Mandate) -> int:
    """How many of the member's terms in this position run back-to-back up to this one's start."""
    earlier = list(
        Mandate.objects.filter(member=mandate.member, position=mandate.position, starts_on__lt=mandate.starts_on)
        .exclude(pk=mandate.pk)
        .order_by("-starts_on")
        .values_list("starts_on", "ends_on")
    )
    count, boundary = 0, mandate.starts_on
    for starts_on, ends_on in earlier:
        if (boundary - ends_on).days > CONSECUTIVE_GAP_DAYS:
            break
        count, boundary = count + 1, starts_on
    return count


def mandate_validate(mandate: Mandate) -> None:
    """Raise ValidationError (by field) if the mandate breaks a rule of its position."""
    if mandate.ends_on <= mandate.starts_on:
        raise ValidationError({"ends_on": _("The end of the term must come after its start.")})
    position = mandate.position
    overlapping = Mandate.objects.filter(
        position=position, starts_on__lt=mandate.ends_on, ends_on__gt=mandate.starts_on
    ).exclude(pk=mandate.pk)
    if overlapping.filter(member=mandate.member).exists():
        raise ValidationError({"starts_on": _("This member already holds this position in those dates.")})
    if position.single_seat:
        clash = overlapping.select_related("member__user").first()
        if clash is not None:
            raise ValidationError(
                {
                    "starts_on": _("%(position)s has a single seat, held by %(name)s until %(end)s.")
                    % {"position": position.name, "name": clash.member.user.full_name, "end": clash.ends_on}
                }
            )
    limit = position.consecutive_term_limit
    if limit is not None and _consecutive_terms_before(mandate) >= limit:
        raise ValidationError(
            {
                "member": _("This would exceed the limit of %(limit)s consecutive terms for %(position)s.")
                % {"limit": limit, "position": position.name}
            }
        )


@transaction.atomic
def mandate_create(
    *,
    member: Member,
    position: Position,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    elected_by: Decision | None = None,
    by: User | None,
) -> Mandate:
    # Lock the position: two mandates for the same seat are validated one after the other.
    position = Position.objects.select_for_update().get(pk=position.pk)
    mandate = Mandate(
        member=member,
        position=position,
        starts_on=starts_on,
        ends_on=ends_on or add_months(starts_on, position.term_months),
        elected_by=elected_by,
    )
    mandate_validate(mandate)
    mandate.full_clean()
    mandate.save()
    audit_record(
        action="governance.mandate.started",
        actor=by,
        target=mandate,
        data={"position": position.code, "member": member.pk, "from": str(starts_on), "to": str(mandate.ends_on)},
    )
    return mandate


MANDATE_FIELDS = ("member", "position", "starts_on", "ends_on", "elected_by")


def _mandate_values(mandate: Mandate) -> dict[str, str]:
    """What the register records of a change: the ids of related rows, the dates as ISO text."""
    return {name: str(getattr(mandate, Mandate._meta.get_field(name).attname)) for name in MANDATE_FIELDS}


@transaction.atomic
def mandate_update(*, mandate: Mandate, changes: dict[str, Any], by: User | None) -> Mandate:
    """Correct a mandate (its holder, seat, dates or electing decision), under the same rules, on the record."""
    unknown = set(changes) - set(MANDATE_FIELDS)
    if unknown:
        raise ValueError(f"Not a mandate field: {sorted(unknown)}")
    # Lock the seat or seats involved, as mandate_create does: the rules are checked one writer at a time.
    positions = {mandate.position_id, getattr(changes.get("position"), "pk", mandate.position_id)}
    list(Position.objects.select_for_update().filter(pk__in=positions))
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    before = _mandate_values(mandate)
    for name, value in changes.items():
        setattr(mandate, name, value)
    mandate_validate(mandate)
    mandate.full_clean()
    mandate.save()
    after = _mandate_values(mandate)
    changed = {name: [before[name], after[name]] for name in MANDATE_FIELDS if before[name] != after[name]}
    if changed:
        audit_record(action="governance.mandate.changed", actor=by, target=mandate, data=changed)
    return mandate
