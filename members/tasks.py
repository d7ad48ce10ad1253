"""Thin Celery wrappers over members' services: ids in, no logic."""

from __future__ import annotations

from celery import shared_task

from .services.exports import directory_export_run as directory_export_run_service


@shared_task(acks_late=True)
def directory_export_run(export_id: str) -> None:
    directory_export_run_service(export_id=export_id)
