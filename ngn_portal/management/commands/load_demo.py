from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ngn_portal.plugins import optional_app_module

# In layer order: each app's ``<app>/demo.py`` may rely on what the ones before it created.
DEMO_APPS = ("audit", "engagement", "members", "governance", "actionplan")


def demo_loaders() -> list:
    modules = (optional_app_module(app, "demo") for app in DEMO_APPS)
    return [module.load for module in modules if module is not None]


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
