"""What the directory shows around its list (the total, the offices and cohorts to filter by), cached.

At 10,000 members the directory's own page of 25 rows costs under a millisecond, but the unfiltered total
(``COUNT`` over members joined to users) and the cohort choices (``SELECT DISTINCT cohort``) each read every
member on every request. They change only when a member, their account or an office is saved or deleted,
so they are kept together in one cache entry (one round trip to Redis) until then. Signing in records
``last_login`` without a save (members.services.accounts.record_last_login), so it keeps the cache.
"""

from __future__ import annotations

from typing import NamedTuple

from ngn_portal.versioned_cache import VersionedCache

directory_cache = VersionedCache("members:directory")


class DirectoryFacts(NamedTuple):
    total: int
    offices: list[tuple[int, str]]
    cohorts: list[str]


def directory_facts(*, coordinator: bool) -> DirectoryFacts:
    """The facts of the directory as coordinators (every membership) or members (active ones) see it."""
    return directory_cache.get_or_set(("facts", coordinator), lambda: _compute(coordinator))


def _compute(coordinator: bool) -> DirectoryFacts:
    from .models import Member, Office

    members = Member.objects.for_directory(coordinator=coordinator)
    cohorts = members.exclude(cohort="").order_by("cohort").values_list("cohort", flat=True).distinct()
    return DirectoryFacts(
        total=members.count(),
        offices=list(Office.objects.order_by("name").values_list("pk", "name")),
        cohorts=list(cohorts),
    )


def connect_signals() -> None:
    from .models import Member, Office, User

    directory_cache.watch(Member, Office, User)
