"""The whole path with real parts: PostgreSQL, Redis, two Celery worker processes and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from engagement import tasks
from engagement.models import EmailStatus, OutgoingEmail
from engagement.registry import Due
from engagement.services import reminders_scan
from ngn_portal.celery import app as celery_app

from .smtp import SmtpServer

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
TIMEOUT = 60


def _start_worker(name: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [
            str(CELERY),
            "-A",
            "ngn_portal",
            "worker",
            "--pool=solo",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        _out, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate(timeout=5)
    return (err or b"").decode(errors="replace")[-3000:]


@pytest.fixture
def eager_off():
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_real_workers_deliver_exactly_one_message_per_recipient_and_occasion(
    reminder_kind, due_list, people, eager_off
):
    if not settings.REDIS_URL or not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.fail("The integration test needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL).")
    users = people(6)
    due_list.items = [
        Due(recipient=u, related=u, occasion=occ, context={"message": "m"})
        for u in users
        for occ in ("lead-7", "lead-1")
    ]
    db = connection.settings_dict
    with SmtpServer() as smtp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "ngn_portal.settings",
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_USE_SSL": "false",
            "SECRET_KEY": "integration-test-only",
            "LOG_LEVEL": "WARNING",
        }
        if db.get("PASSWORD"):
            env["PGPASSWORD"] = db["PASSWORD"]
        workers = [_start_worker(name, env) for name in ("w1", "w2")]
        logs: list[str] = []
        try:
            first, second = reminders_scan(), reminders_scan()  # the second finds every dedupe key taken
            assert (len(first.inserted), len(second.inserted)) == (12, 0)
            for pk in first.to_send:  # duplicate queue messages too: the claim lets only one through
                tasks.email_send.delay(pk)
            deadline = time.monotonic() + TIMEOUT
            while len(smtp.handler.messages) < 12 and time.monotonic() < deadline:
                assert all(w.poll() is None for w in workers), "a worker died"
                time.sleep(0.2)
            time.sleep(1.5)  # room for any duplicate to arrive
        finally:
            logs = [_stop(worker) for worker in workers]
        received = sorted((msg["To"], msg["Subject"]) for msg in smtp.handler.messages)
    assert len(received) == 12, logs
    per_recipient = {}
    for to, _subject in received:
        per_recipient[to] = per_recipient.get(to, 0) + 1
    assert per_recipient == {u.email: 2 for u in users}
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
