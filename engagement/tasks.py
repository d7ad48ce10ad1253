"""Celery tasks: thin wrappers over the services, ids in. Every send task acknowledges late."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def email_send(outgoing_email_id: int) -> None:
    services.email_send(outgoing_email_id=outgoing_email_id)


@shared_task(acks_late=True, ignore_result=True)
def email_send_batch(outgoing_email_ids: list[int]) -> None:
    services.email_send_batch(outgoing_email_ids=outgoing_email_ids)


@shared_task(acks_late=True, ignore_result=True)
def reminders_scan() -> None:
    services.reminders_scan()


@shared_task(acks_late=True, ignore_result=True)
def outbox_sweep() -> None:
    services.outbox_sweep()


@shared_task(acks_late=True, ignore_result=True)
def digests_send() -> None:
    services.digests_send()


@shared_task(acks_late=True, ignore_result=True)
def outbox_purge() -> None:
    services.outbox_purge()
