"""One reminder scan, then send what is due, here and now (operators; the embedded default has no worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from engagement import services


class Command(BaseCommand):
    help = "Run one reminder scan and send every due email synchronously."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--kind", action="append", dest="kinds", help="Scan only this kind (repeatable).")

    def handle(self, *args: Any, **options: Any) -> None:
        scan = services.reminders_scan(queue=False, kinds=options["kinds"])
        report = services.emails_send_due()
        self.stdout.write(
            f"scan: {scan.due} due, {len(scan.inserted)} new rows"
            f"{' (kinds failed: ' + ', '.join(scan.kinds_failed) + ')' if scan.kinds_failed else ''}; "
            f"sent {report.sent}, retry {report.retry}, failed {report.failed}"
        )
