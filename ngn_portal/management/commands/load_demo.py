from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from members import demo as members_demo

# In layer order: each app's demo may rely on what the ones before it created.
DEMO_LOADERS = [members_demo.load]


class Command(BaseCommand):
    help = "Load the demo network (Ecuador Customs' NGN). Idempotent: a second run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Re-run with --force to load demo data anyway."
            )
        for loader in DEMO_LOADERS:
            loader()
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
