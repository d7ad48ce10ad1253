"""Each main page's median server time against a floor view, on a database seeded by ``seed_scale``.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ngn_scale REDIS_URL=redis://127.0.0.1:6379/9 \\
        SECRET_KEY=x .venv/bin/python bench/pages.py --runs 30

The pages are requested in-process with Django's test Client (full middleware stack, real PostgreSQL and
Redis, DEBUG off, no network), as a seeded member or the seeded coordinator. The floor view
(bench/urls.py) runs the same middleware, one query and renders base.html, in the same run (timed before
and after each group of pages). Each page is warmed up first, then timed ``--runs`` times; the table gives
the median, the 90th percentile, the queries of one request and the ratio of the median to the floor's.
Nothing is written to the database except sessions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ngn_portal.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")

import gc

import django

django.setup()
gc.freeze()  # as ngn_portal/wsgi.py does once the application is loaded

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import reverse  # noqa: E402

from actionplan.models import ActionPlan, Activity, PlanStatus  # noqa: E402
from governance.models.meetings import Meeting  # noqa: E402
from members.models import Member, User  # noqa: E402
from ngn_portal.scale import COORDINATOR_EMAIL, EMAIL_DOMAIN  # noqa: E402

BENCH_SETTINGS = {
    "ROOT_URLCONF": "bench.urls",
    # Organizers need a second factor in production; the benchmark measures pages, not sign-in.
    "MFA_REQUIRED_FOR_ORGANIZERS": False,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
}


def bench_member() -> User:
    """The seeded member the member pages are read as: one who owns activities in the current plan."""
    return Activity.objects.filter(objective__plan__title_es__contains="escala").first().owner.user


def _pages() -> tuple[dict[str, str], dict[str, str]]:
    plan = ActionPlan.objects.filter(status=PlanStatus.ACTIVE, title_es__contains="escala").first()
    if plan is None:
        sys.exit("No scale dataset here: run `manage.py seed_scale --members 10000` on this database first.")
    activity = Activity.objects.filter(objective__plan=plan).order_by("pk").first()
    other = Member.objects.active().filter(user__email__endswith=f"@{EMAIL_DOMAIN}").order_by("pk")[100]
    meeting = Meeting.objects.filter(title__contains="escala", ends_at__lt=plan.created_at).order_by("-starts_at")
    meeting = meeting.first() or Meeting.objects.order_by("-starts_at").first()
    agm = Meeting.objects.filter(title__startswith="Asamblea general de escala").first() or meeting
    tor = ["scale-tor"]
    member_pages = {
        "floor": reverse("bench_floor"),
        "home (member)": reverse("home"),
        "directory": reverse("members:list"),
        # A name that exists: a search people really make, with results to show.
        "directory search": reverse("members:list") + "?" + urlencode({"q": other.user.full_name}),
        "profile": reverse("members:detail", args=[other.pk]),
        "ToR (current version)": reverse("governance:version", args=[*tor, 1, 0]),
        "ToR draft in consultation": reverse("governance:version", args=[*tor, 1, 1]),
        "diff": reverse("governance:diff", args=tor),
        "meetings": reverse("governance:meetings"),
        "meeting (past)": reverse("governance:meeting", args=[meeting.pk]),
        "meeting (AGM, all invited)": reverse("governance:meeting", args=[agm.pk]),
        "plan overview": reverse("actionplan:plan", args=[plan.pk]),
        "timeline": reverse("actionplan:timeline", args=[plan.pk]),
        "activities": reverse("actionplan:activities", args=[plan.pk]),
        "activity": reverse("actionplan:activity", args=[activity.pk]),
        "my activities": reverse("actionplan:mine"),
    }
    coordinator_pages = {
        "floor": reverse("bench_floor"),
        "home (coordinator)": reverse("home"),
        "directory (coordinator)": reverse("members:list"),
        "acknowledgements": reverse("governance:acknowledgements"),
        "audit register": reverse("audit:list"),
        "admin: members": reverse("admin:members_member_changelist"),
        "admin: outbox": reverse("admin:engagement_outgoingemail_changelist"),
        "admin: outbox failed": reverse("admin:engagement_outgoingemail_changelist") + "?status__exact=failed",
        "admin: audit entries": reverse("admin:audit_auditentry_changelist"),
    }
    return member_pages, coordinator_pages


def _time(client: Client, url: str, *, runs: int, warmup: int) -> tuple[list[float], int]:
    """The sorted times of ``runs`` requests (ms) after ``warmup`` ones, and the queries of one request."""
    for _ in range(warmup):
        response = client.get(url, secure=True)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    queries: list[str] = []
    with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
        client.get(url, secure=True)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url, secure=True)
        samples.append((time.perf_counter() - started) * 1000)
    return sorted(samples), len(queries)


def _p90(samples: list[float]) -> float:
    return samples[max(0, int(len(samples) * 0.9) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--limit", type=float, default=3.0, help="the ratio to the floor a page should stay under")
    parser.add_argument("--only", default="", help="time only the pages whose name contains this text (and the floor)")
    args = parser.parse_args()

    member_pages, coordinator_pages = _pages()
    if args.only:
        member_pages, coordinator_pages = (
            {name: url for name, url in pages.items() if name == "floor" or args.only in name}
            for pages in (member_pages, coordinator_pages)
        )
    member_user = bench_member()
    members = Member.objects.filter(user__email__endswith=f"@{EMAIL_DOMAIN}").count()
    print(f"{members:,} seeded members · {args.runs} runs per page after {args.warmup} warm-ups · DEBUG off")
    print(f"{'page':<28} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'x floor':>8}")
    worst: list[str] = []
    for user, pages in ((member_user, member_pages), (User.objects.get(email=COORDINATOR_EMAIL), coordinator_pages)):
        if len(pages) == 1:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        # The floor is timed before and after the pages, and its median taken over both: one burst of noise
        # while it alone is timed would otherwise skew every ratio of the group.
        timed = {name: _time(client, url, runs=args.runs, warmup=args.warmup) for name, url in pages.items()}
        floor_after, _ = _time(client, pages["floor"], runs=args.runs, warmup=0)
        floor_samples = sorted(timed["floor"][0] + floor_after)
        timed["floor"] = (floor_samples, timed["floor"][1])
        floor = statistics.median(floor_samples)
        for name, (samples, queries) in timed.items():
            median = statistics.median(samples)
            ratio = median / floor
            flag = "" if ratio <= args.limit else "  over"
            if flag:
                worst.append(name)
            print(f"{name:<28} {median:>10.1f} {_p90(samples):>8.1f} {queries:>8} {ratio:>7.1f}x{flag}")
    print(f"over {args.limit:g}x the floor: {', '.join(worst) if worst else 'none'}")


if __name__ == "__main__":
    with override_settings(**BENCH_SETTINGS):
        main()
