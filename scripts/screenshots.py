"""Screenshots of the main pages at 390 px (a phone) and 1280 px (an office desktop), for the README.

Builds a throwaway SQLite demo database (migrate + load_demo, as scripts/smoke.py does), serves it with runserver on
127.0.0.1 and a free port, and drives Debian's Chromium with Playwright (no browser is downloaded). The PNGs go to
docs/screenshots/<page>-<width>.png; only the first screen of each page (full_page=False) keeps the files small.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - after the path is set

VIEWPORTS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 800}}
# Pages whose interesting part is further down: scroll it to the middle first (instantly: Bootstrap scrolls smoothly).
FOCUS = {"tor-diff": "tr.op-replace, tr.op-insert, tr.op-delete"}
# Variables that would switch the settings away from the embedded default (SQLite, eager tasks, DEBUG on).
FULL_STACK_VARIABLES = ("DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY", "SECRET_KEY_FILE")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in FULL_STACK_VARIABLES}
    env.update(SQLITE_PATH=str(database), DJANGO_SETTINGS_MODULE="ngn_portal.settings")
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    # load_demo prints its emails (console backend): keep them off the terminal.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )


def _pages(env: dict[str, str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, path) of the pages to capture: signed out, then signed in as the demo member."""
    os.environ.update(env)
    for name in FULL_STACK_VARIABLES:
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.urls import reverse

    from actionplan.models import ActionPlan, Activity
    from governance.models import Version, VersionStatus

    plan = ActionPlan.objects.get(title_es="Plan de acción 2024")
    activity = Activity.objects.filter(objective__plan=plan, code="A2.5").get()
    version = Version.objects.select_related("document").get(status=VersionStatus.APPROVED)
    signed_out = [("landing", "/")]
    signed_in = [
        ("dashboard", "/"),
        ("directory", reverse("members:list")),
        ("tor-version", reverse("governance:version", args=[version.document.slug, version.major, version.minor])),
        ("tor-diff", reverse("governance:diff", args=[version.document.slug])),
        ("plan-overview", reverse("actionplan:plan", args=[plan.pk])),
        ("plan-timeline", reverse("actionplan:timeline", args=[plan.pk])),
        ("activity", reverse("actionplan:activity", args=[activity.pk])),
    ]
    return signed_out, signed_in


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("screenshots: the server stopped before answering")
        try:
            urllib.request.urlopen(url + "/health/", timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("screenshots: the server did not answer in time")


def _capture(base: str, out: Path, signed_out: list, signed_in: list) -> list[Path]:
    from playwright.sync_api import sync_playwright

    from members.demo import DEMO_PASSWORD

    written: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, viewport in VIEWPORTS.items():
            context = browser.new_context(viewport=viewport, locale="es-EC", timezone_id="America/Guayaquil")
            page = context.new_page()
            for signed, pages in (("out", signed_out), ("in", signed_in)):
                if signed == "in":
                    page.goto(base + "/accounts/login/")
                    page.locator("input[name=login]").fill("member@ngn.example")
                    page.locator("input[name=password]").fill(DEMO_PASSWORD)
                    page.locator("main form [type=submit]").first.click()
                    page.wait_for_load_state("networkidle")
                for name, path in pages:
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    if name in FOCUS and page.locator(FOCUS[name]).count():
                        page.locator(FOCUS[name]).first.evaluate(
                            "el => el.scrollIntoView({block: 'center', behavior: 'instant'})"
                        )
                    target = out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=False)
                    written.append(target)
            context.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)

    workdir = Path(tempfile.mkdtemp(prefix="ngn-screenshots-"))
    env = _environment(workdir / "demo.sqlite3")
    _manage(env, "migrate", "--verbosity=0", "--no-input")
    _manage(env, "load_demo", "--verbosity=0")
    signed_out, signed_in = _pages(env)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(base, server)
        written = _capture(base, options.out, signed_out, signed_in)
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    for path in written:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
