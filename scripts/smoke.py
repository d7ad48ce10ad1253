"""Smoke pass of the embedded default: SQLite, eager Celery, no servers.

Migrates a fresh SQLite database, loads the demo twice, and renders the main pages as an
anonymous visitor, the demo member, the coordinator and the administrator. Exits non-zero
on the first page that does not answer as expected.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    workdir = tempfile.mkdtemp(prefix="ngn-smoke-")
    os.environ["SQLITE_PATH"] = str(Path(workdir) / "smoke.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngn_portal.settings")

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    embedded = settings.DEBUG and settings.CELERY_TASK_ALWAYS_EAGER
    if not (embedded and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")):
        print("smoke: must run on the embedded default (no DATABASE_URL, REDIS_URL or DEBUG set)")
        return 2
    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    from members.models import User

    checks: list[tuple[str | None, str, int]] = [
        (None, "/", 200),
        (None, "/accounts/login/", 200),
        (None, "/accounts/password/reset/", 200),
        (None, "/health/", 200),
        (None, "/members/", 302),
        ("member@ngn.example", "/", 200),
        ("member@ngn.example", "/members/", 200),
        ("member@ngn.example", "/governance/", 200),
        ("member@ngn.example", "/plan/", 200),
        ("member@ngn.example", "/admin/", 302),
        (None, "/governance/d/terminos-de-referencia/", 200),
        (None, "/members/apply/", 200),
        ("member@ngn.example", "/governance/d/terminos-de-referencia/v/1.1/", 200),
        ("member@ngn.example", "/governance/meetings/", 200),
        ("member@ngn.example", "/governance/whos-who/", 200),
        ("member@ngn.example", "/engagement/preferences/", 200),
        ("member@ngn.example", "/members/me/", 200),
        ("coordinator@ngn.example", "/governance/acknowledgements/", 200),
        ("coordinator@ngn.example", "/members/applications/", 200),
        ("coordinator@ngn.example", "/audit/", 200),
        ("coordinator@ngn.example", "/", 200),
        ("admin@ngn.example", "/admin/", 200),
        ("admin@ngn.example", "/admin/members/member/", 200),
    ]
    failures = 0
    for email, path, expected in checks:
        client = Client()
        if email:
            client.force_login(User.objects.get(email=email))
        status = client.get(path).status_code
        ok = status == expected
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {status} {path} as {email or 'anonymous'}")
    print(f"smoke: {len(checks) - failures} of {len(checks)} pages answered as expected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
