"""Where one page of bench/pages.py spends its time: each query with its duration, then cProfile's top functions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngn_scale REDIS_URL=redis://127.0.0.1:6379/9 \\
        SECRET_KEY=x .venv/bin/python bench/profile_page.py "plan overview" [--top 40] [--sort tottime]

The page names are bench/pages.py's; the page is requested as the same user, warmed up, then profiled
over ten requests. For finding the next thing to make cheaper, not for figures (cProfile slows Python).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages
from django.db import connection
from django.test import Client, override_settings

from members.models import User


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", help="a page name from bench/pages.py")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", help="a pstats sort key: cumulative, tottime, ncalls...")
    args = parser.parse_args()

    member_pages, coordinator_pages = pages._pages()
    if args.page in member_pages:
        url, user = member_pages[args.page], pages.bench_member()
    elif args.page in coordinator_pages:
        url, user = coordinator_pages[args.page], User.objects.get(email=pages.COORDINATOR_EMAIL)
    else:
        sys.exit(f"Unknown page; choose from: {', '.join(sorted({*member_pages, *coordinator_pages}))}")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    for _ in range(3):
        client.get(url, secure=True)

    timings: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append(((time.perf_counter() - started) * 1000, sql))

    with connection.execute_wrapper(timed):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        total = (time.perf_counter() - started) * 1000
    database = sum(ms for ms, _ in timings)
    print(f"{args.page}: {total:.1f} ms, {len(timings)} queries ({database:.1f} ms), {len(response.content):,} bytes")
    for ms, sql in timings:
        print(f"  {ms:6.2f} ms  {sql[:220]}")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(10):
        client.get(url, secure=True)
    profile.disable()
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    with override_settings(**pages.BENCH_SETTINGS):
        main()
