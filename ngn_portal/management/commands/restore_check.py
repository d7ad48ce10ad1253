from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ngn_portal.backups import BackupError, restore_check


class Command(BaseCommand):
    help = "Restore the newest backup into a scratch database and compare row counts table by table."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backup", type=Path, help="A specific .dump file (default: the newest).")

    def handle(self, *args: Any, backup: Path | None, **options: Any) -> None:
        try:
            report = restore_check(backup=backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not report.ok:
            lines = [f"  {table}: expected {want}, restored {got}" for table, (want, got) in report.mismatches.items()]
            raise CommandError("Restore check FAILED for {}:\n{}".format(report.backup.name, "\n".join(lines)))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore check passed: {report.backup.name}, {report.tables} tables with equal row counts."
            )
        )
