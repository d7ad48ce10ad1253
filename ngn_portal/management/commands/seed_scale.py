"""``manage.py seed_scale --members 10000``: the large dataset for benchmarks and the load test."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ngn_portal.scale import DEFAULT_PASSWORD, AlreadySeeded, ScaleSizes, seed


class Command(BaseCommand):
    help = "Build a large deterministic dataset in bulk (benchmarks and load tests only; never production)."

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ScaleSizes()
        parser.add_argument("--members", type=int, default=defaults.members)
        parser.add_argument("--activities", type=int, default=None, help="default: members / 5")
        parser.add_argument("--outbox", type=int, default=None, help="default: members x 10")
        parser.add_argument("--audit", type=int, default=None, help="default: members x 10")
        parser.add_argument("--meetings", type=int, default=defaults.meetings)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--password", default=DEFAULT_PASSWORD, help="the password of every seeded account")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_scale fills the database with invented people; with DEBUG off, add --force.")
        members = options["members"]
        if members < 10:
            raise CommandError("--members must be at least 10.")
        sizes = ScaleSizes(
            members=members,
            activities=options["activities"] if options["activities"] is not None else max(10, members // 5),
            outbox=options["outbox"] if options["outbox"] is not None else members * 10,
            audit=options["audit"] if options["audit"] is not None else members * 10,
            meetings=options["meetings"],
        )
        started = time.perf_counter()
        try:
            report = seed(
                sizes=sizes,
                seed=options["seed"],
                password=options["password"],
                on_step=lambda name: self.stdout.write(f"  {name}… ({time.perf_counter() - started:.1f} s)"),
            )
        except AlreadySeeded as error:
            raise CommandError(f"{error} Seed a fresh database instead; nothing was changed.") from error
        for name, count in report.counts.items():
            self.stdout.write(f"{name:>18}: {count:>8,}")
        self.stdout.write(self.style.SUCCESS(f"Seeded in {time.perf_counter() - started:.1f} s."))
