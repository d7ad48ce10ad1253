"""Mailroom throughput: scan + render + insert + send N reminders through the real path, versus plain smtplib.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngn_engagement SECRET_KEY=x \\
        .venv/bin/python bench/mail_throughput.py --count 2000

It starts an aiosmtpd sink on localhost, registers a benchmark-only kind whose due() yields N addresses,
runs one scan (only that kind) and sends the rows in batches over one SMTP connection per batch, exactly
as the workers do. Then it sends N similar messages with a plain smtplib loop over one connection to the
same sink, and prints both rates and their ratio. The benchmark's rows are deleted at the end.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import smtplib
import socket
import sys
import time
import uuid
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class CountingHandler:
    def __init__(self, counter) -> None:
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):
        with self.counter.get_lock():
            self.counter.value += 1
        return "250 OK"


def run_sink(port: int, counter, ready, stop) -> None:
    """The SMTP sink, in its own process so that it does not share the benchmark's GIL."""
    from aiosmtpd.controller import Controller

    controller = Controller(CountingHandler(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def plain_smtplib(port: int, count: int, subject: str, text: str, html: str) -> float:
    """The same subject and bodies (text + HTML), built with the standard library and sent over one connection."""
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(count):
            message = EmailMessage()
            message["From"], message["To"], message["Subject"] = "bench@ngn.example", f"p{i}@bench.example", subject
            message.set_content(text)
            message.add_alternative(html, subtype="html")
            smtp.send_message(message)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()

    port = free_port()
    counter, ready, stop = multiprocessing.Value("i", 0), multiprocessing.Event(), multiprocessing.Event()
    sink = multiprocessing.Process(target=run_sink, args=(port, counter, ready, stop), daemon=True)
    sink.start()
    if not ready.wait(timeout=30):
        sink.kill()
        raise SystemExit("the SMTP sink did not start")
    os.environ.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="false", EMAIL_USE_SSL="false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngn_portal.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from engagement.models import OutgoingEmail
    from engagement.registry import Due, ReminderKind, register, unregister
    from engagement.services import email_send_batch, reminders_scan
    from engagement.services.outbox import chunked

    run = uuid.uuid4().hex[:8]
    kind = ReminderKind(
        key="bench.throughput",
        label="Benchmark",
        optional=False,
        template_prefix="engagement/email/security",
        due=lambda now, rule: [
            Due(
                recipient=None,
                related=None,
                occasion=f"{run}-{i}",
                to_email=f"p{i}@bench.example",
                language="es",
                context={"message": "Recordatorio de prueba: la actividad vence pronto."},
            )
            for i in range(args.count)
        ],
    )
    register(kind)
    try:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            scan = reminders_scan(queue=False, kinds=[kind.key])
        scanned = time.perf_counter()
        ids = scan.to_send
        for chunk in chunked(ids, settings.ENGAGEMENT_SEND_BATCH_SIZE):
            email_send_batch(outgoing_email_ids=chunk)
        done = time.perf_counter()
        delivered = counter.value
        sample = OutgoingEmail.objects.values_list("subject", "body_text", "body_html").get(pk=ids[0])
        plain_seconds = plain_smtplib(port, args.count, *sample)
    finally:
        unregister(kind.key)
        OutgoingEmail.objects.filter(kind=kind.key).delete()
        stop.set()
        sink.join(timeout=10)
        if sink.is_alive():
            sink.kill()

    scan_s, send_s = scanned - start, done - scanned
    ours, plain = delivered / (scan_s + send_s), args.count / plain_seconds
    print(f"database: {connection.vendor}; batch size {settings.ENGAGEMENT_SEND_BATCH_SIZE}")
    print(f"scan: {len(scan.inserted)} rows in {scan_s:.2f}s with {len(queries)} queries")
    print(f"send: {delivered} delivered in {send_s:.2f}s ({delivered / send_s:.0f} emails/s sending only)")
    print(f"mailroom end to end (scan + render + insert + send): {ours:.0f} emails/s")
    print(f"plain smtplib loop, one connection:                  {plain:.0f} emails/s")
    print(f"ratio: {ours / plain:.2f} end to end, {delivered / send_s / plain:.2f} sending only")


if __name__ == "__main__":
    main()
