"""Values computed from a few models, kept in the shared cache until any save or delete of those models.

A ``VersionedCache`` owns one version token in the cache. Every key it builds carries the current token, and
every save or delete of a watched model replaces the token, so the next read recomputes: a write shows at once
in every process, without anyone having to know which keys it affected. The time limit only bounds what the
signals cannot see (queryset ``update()``, raw SQL).

    directory_figures = VersionedCache("members:directory", timeout=600)
    directory_figures.watch(Member, Office)
    total = directory_figures.get_or_set(("count", "member"), lambda: Member.objects.active().count())
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")


class VersionedCache:
    # Every cache made, so that a bulk load (which sends no signals) can drop them all: invalidate_all().
    instances: list[VersionedCache] = []

    def __init__(self, name: str, *, timeout: int = 600) -> None:
        self.name = name
        self.timeout = timeout
        self.version_key = f"{name}:version"
        VersionedCache.instances.append(self)

    @classmethod
    def invalidate_all(cls) -> None:
        for instance in cls.instances:
            instance.invalidate()

    def version(self) -> str:
        version = cache.get(self.version_key)
        if version is None:
            # add() rather than set(): two processes starting together agree on one token.
            cache.add(self.version_key, uuid.uuid4().hex, None)
            version = cache.get(self.version_key)
        return version

    def key(self, parts: Iterable[Hashable]) -> str:
        return ":".join([self.name, self.version(), *map(str, parts)])

    def get_or_set(self, parts: Iterable[Hashable], compute: Callable[[], T]) -> T:
        key = self.key(parts)
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, self.timeout)
        return value

    def invalidate(self, **signal_kwargs: Any) -> None:
        """Drop the token now, so the writer's own next read sees its change, and again after the commit.

        Signals fire inside the writer's transaction: another process reading between the first drop and the
        commit still sees the old rows and may cache them under the new token. The second drop, once the
        rows are visible to all, sends that copy away too. (Outside a transaction both happen at once.)
        """
        cache.delete(self.version_key)
        transaction.on_commit(lambda: cache.delete(self.version_key))

    def watch(self, *senders: type[models.Model], m2m: Iterable[type[models.Model]] = ()) -> None:
        """Replace the token on every save/delete of ``senders`` and every change of the ``m2m`` through models."""
        # weak=False: the receiver is this object's bound method, which would otherwise be collected.
        for sender in senders:
            uid = f"{self.name}:{sender._meta.label}"
            post_save.connect(self.invalidate, sender=sender, weak=False, dispatch_uid=f"{uid}:save")
            post_delete.connect(self.invalidate, sender=sender, weak=False, dispatch_uid=f"{uid}:delete")
        for through in m2m:
            uid = f"{self.name}:{through._meta.label}:m2m"
            m2m_changed.connect(self.invalidate, sender=through, weak=False, dispatch_uid=uid)
