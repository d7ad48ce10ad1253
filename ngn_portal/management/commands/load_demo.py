from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

# In layer order: each app's ``<app>/demo.py`` may rely on what the ones before it created.
DEMO_APPS = ("audit", "engagement", "members", "governance", "actionplan")


def demo_loaders() -> list:
    loaders = []
    for app in DEMO_APPS:
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        loaders.append(module.load)
    return loaders


class Command(BaseCommand):
    help = "Load the demo network (Ecuador Customs' NGN). Idempotent: a second run changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args: Any, force: bool, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Re-run with --force to load demo data anyway."
            )
        for loader in demo_loaders():
            loader()
        self.stdout.write(self.style.SUCCESS("Demo network loaded."))
