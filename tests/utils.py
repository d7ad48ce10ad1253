"""Helpers shared by tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
# ...and DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests set in this process.
STACK_VARIABLES = {
    "SECRET_KEY",
    "DEBUG",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_TASK_ALWAYS_EAGER",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_manage(*args: str, **env_overrides: str) -> subprocess.CompletedProcess[str]:
    """Run ``manage.py`` in a fresh process with the portal's own settings and a clean environment.

    The variables that choose the stack are removed first, so each test states exactly the
    environment it is about.
    """
    env = {k: v for k, v in os.environ.items() if k not in STACK_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "ngn_portal.settings"
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
