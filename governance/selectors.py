"""Reads that span other apps' tables (members), kept in one place."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import Count, QuerySet

from members.models import Member, User

from .caching import acknowledgement_cache, meeting_cache
from .models import Attendance, AttendanceStatus, Meeting, Version
from .services.meetings import Quorum, quorum_needed


def members_pending_acknowledgement(version: Version) -> QuerySet[Member]:
    """Active members who have not confirmed ``version``, by office then name."""
    return (
        Member.objects.active()
        .exclude(acknowledgements__version=version)
        .select_related("user", "office")
        .order_by("office__name", "user__full_name", "pk")
    )


@dataclass(frozen=True)
class OfficePending:
    pk: int
    name: str
    member_ids: tuple[int, ...]  # by name


@dataclass(frozen=True)
class PendingAcknowledgements:
    """Who has not confirmed a version, per office (by office name), and how many have."""

    confirmed: int
    offices: tuple[OfficePending, ...]

    @property
    def pending(self) -> int:
        return sum(len(office.member_ids) for office in self.offices)

    def member_ids(self, *, office: int | None = None) -> list[int]:
        """Every pending member in the list's order (office, then name), or those of one ``office``."""
        return [pk for o in self.offices if office is None or o.pk == office for pk in o.member_ids]


def pending_acknowledgements(version: Version) -> PendingAcknowledgements:
    """``members_pending_acknowledgement(version)`` as ids per office, with the count of confirmations.

    From the cache until an acknowledgement, a member, an account or an office changes (governance/caching.py);
    otherwise two queries.
    """

    def compute() -> PendingAcknowledgements:
        offices: dict[int, tuple[str, list[int]]] = {}
        rows = members_pending_acknowledgement(version).values_list("pk", "office_id", "office__name")
        for pk, office_id, office_name in rows:
            offices.setdefault(office_id, (office_name, []))[1].append(pk)
        return PendingAcknowledgements(
            confirmed=version.acknowledgements.count(),
            offices=tuple(OfficePending(pk, name, tuple(ids)) for pk, (name, ids) in offices.items()),
        )

    return acknowledgement_cache.get_or_set(("pending", version.pk, version.content_sha256), compute)


@dataclass(frozen=True)
class MeetingFigures:
    counts: dict[str, int]  # invitations in each state, every state present (0 when none)
    needed: int  # the quorum: the policy applied to today's active members

    @property
    def invited(self) -> int:
        return sum(self.counts.values())

    @property
    def quorum(self) -> Quorum:
        return Quorum(needed=self.needed, present=self.counts[AttendanceStatus.ATTENDED])


def meeting_figures(meeting: Meeting) -> MeetingFigures:
    """The invitations of ``meeting`` counted by state, and the quorum it needs.

    From the cache until an invitation, a member, an account or the policy changes (governance/caching.py);
    otherwise three queries.
    """

    def compute() -> MeetingFigures:
        rows = meeting.attendances.order_by().values_list("status").annotate(n=Count("pk"))
        return MeetingFigures(counts=dict.fromkeys(AttendanceStatus.values, 0) | dict(rows), needed=quorum_needed())

    return meeting_cache.get_or_set(("figures", meeting.pk, meeting.created_at.timestamp()), compute)


def cached_page_rows(meeting: Meeting, page: Page, *, status: str) -> list[tuple[str, str, str]]:
    """The rows of one page of ``meeting``'s unsearched list of invitations (name, office, state), cached like the
    figures: every member who opens an AGM reads the same first page, a join over thousands of invitations."""
    key = ("rows", meeting.pk, meeting.created_at.timestamp(), status, page.number)
    return meeting_cache.get_or_set(key, lambda: list(page.object_list))


def meeting_attendances(meeting: Meeting, *, q: str = "", status: str = "") -> QuerySet[Attendance]:
    """The invitations of ``meeting`` by name, narrowed to a ``status`` and to names holding every word of ``q``.

    The name condition is a sub-select on users, which PostgreSQL answers from the trigram index on names
    (members/migrations/0008), so a search among thousands of invitations stays cheap.
    """
    attendances = Attendance.objects.filter(meeting=meeting)
    if status:
        attendances = attendances.filter(status=status)
    for word in q.split():
        attendances = attendances.filter(member__user__in=User.objects.filter(full_name__icontains=word).values("pk"))
    return attendances.order_by("member__user__full_name", "pk")
