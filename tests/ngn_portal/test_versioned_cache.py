"""ngn_portal.versioned_cache and the Redis cache backend that keeps one client per pool."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.cache import cache

from members.models import Office
from ngn_portal.versioned_cache import VersionedCache

pytestmark = pytest.mark.django_db


def test_a_value_is_computed_once_until_a_watched_model_changes() -> None:
    figures = VersionedCache("test:offices")
    figures.watch(Office)
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return Office.objects.count()

    assert figures.get_or_set(("n",), count) == figures.get_or_set(("n",), count)
    assert len(calls) == 1
    office = Office.objects.create(code="vc", name="Oficina versionada", city="Quito")
    assert figures.get_or_set(("n",), count) == Office.objects.count()
    assert len(calls) == 2
    office.delete()
    figures.get_or_set(("n",), count)
    assert len(calls) == 3


def test_keys_differ_by_part_and_by_version() -> None:
    figures = VersionedCache("test:keys")
    first = figures.key(("a", 1))
    assert first != figures.key(("a", 2))
    figures.invalidate()
    assert figures.key(("a", 1)) != first


@pytest.mark.skipif(
    "redis" not in settings.CACHES["default"]["BACKEND"].lower(), reason="needs the Redis cache (REDIS_URL)"
)
def test_the_redis_cache_reuses_one_client() -> None:
    cache.set("ngn:test:client", 1)
    assert cache.get("ngn:test:client") == 1
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client()


def test_a_value_cached_by_a_reader_before_the_writers_commit_is_dropped_at_the_commit(
    django_capture_on_commit_callbacks,
) -> None:
    figures = VersionedCache("test:race")
    figures.watch(Office)
    with django_capture_on_commit_callbacks(execute=True):
        Office.objects.create(code="rc", name="Oficina", city="Quito")  # the writer's save: token dropped
        # A reader in another process, before the commit, sees the old rows and caches them under the new token.
        figures.get_or_set(("n",), lambda: "before the commit")
    assert figures.get_or_set(("n",), lambda: "after the commit") == "after the commit"


def test_a_server_database_with_a_cache_per_process_is_reported() -> None:
    from django.test import override_settings

    from ngn_portal.checks import shared_cache_with_a_server_database

    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    postgres = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}
    with override_settings(CACHES=locmem, DATABASES=postgres):
        assert [w.id for w in shared_cache_with_a_server_database()] == ["ngn_portal.W001"]
    redis = {"default": {"BACKEND": "ngn_portal.cache.SharedClientRedisCache", "LOCATION": "redis://x"}}
    with override_settings(CACHES=redis, DATABASES=postgres):
        assert shared_cache_with_a_server_database() == []
