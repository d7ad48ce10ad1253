"""Pagination for admin lists that reach 100,000 rows (the outbox, the audit register, members).

``COUNT(*)`` over a big table reads every row on PostgreSQL; the admin asks for it on every page load.
Above ``threshold`` rows the planner's estimate is good enough for "page 3 of about 4,000": the list says
"about" by itself in the page numbers, and nobody makes a decision on the exact count of an email log.
Below it (and on SQLite) the exact count is taken, so small lists stay exact.
"""

from __future__ import annotations

import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet


def estimated_rows(queryset: QuerySet) -> int | None:
    """The planner's row estimate for ``queryset`` on PostgreSQL (one EXPLAIN, no rows read), else None."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):  # psycopg may hand the JSON back undecoded
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    threshold = 10_000

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            estimate = estimated_rows(self.object_list)
            if estimate is not None and estimate >= self.threshold:
                return estimate
        return super().count


class KnownCountPaginator(Paginator):
    """A paginator told its total by the caller (say, from a cache), so it never runs ``COUNT(*)`` itself."""

    def __init__(self, object_list: QuerySet, per_page: int, *, count: int, **kwargs: object) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
