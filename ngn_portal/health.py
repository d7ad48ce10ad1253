"""Checks behind ``/health/``: each answers "ok" or a short reason, never raises."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_cache() -> str:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        value = cache.get(key)
        cache.delete(key)
    except Exception as exc:  # noqa: BLE001 - any cache backend error means "unhealthy", and is reported
        return f"error: {exc.__class__.__name__}"
    return "ok" if value == "1" else "error: value not stored"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok"  # the embedded default runs tasks in-process: there is no broker to reach
    from ngn_portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001 - kombu raises many transport-specific errors
        return f"error: {exc.__class__.__name__}"
    return "ok"


def run_health_checks() -> dict[str, str]:
    return {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
