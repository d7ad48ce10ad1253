from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ngn_portal.backups import BACKUP_DIR, BackupError, backup_create


class Command(BaseCommand):
    help = "Write a timestamped pg_dump -Fc of the database under var/backups/, with a row-count manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--directory", type=Path, default=BACKUP_DIR, help="Where to write (default var/backups).")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            path = backup_create(directory=directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
