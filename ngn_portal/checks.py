"""System checks of the deployment's shape."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register()
def shared_cache_with_a_server_database(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """A server database means several processes: the cached figures (version tokens) must be shared by all."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") or "redis" in backend.lower():
        return []
    return [
        Warning(
            "The cache is kept per process while the database is a server.",
            hint="Set REDIS_URL: with a cache per process, a write in one worker leaves the others showing "
            "cached figures (directory, plans, meetings) for up to 10 minutes.",
            id="ngn_portal.W001",
        )
    ]
