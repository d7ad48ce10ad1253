"""A morning at the portal, for ``make loadtest`` (never imported by the test suite).

Each simulated person is one of the members created by ``manage.py seed_scale``: they sign in once, then
mostly read (dashboard, directory searches, the plan, the ToR) and now and then post a progress update on
an activity they own. Run headless against gunicorn on PostgreSQL + Redis; see loadtest/run.sh.
"""

from __future__ import annotations

import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = os.environ.get("SCALE_PASSWORD", "ngn-scale-password")
MEMBERS = int(os.environ.get("SCALE_MEMBERS", "10000"))
DOMAIN = "scale.ngn.example"
# Owners of the current plan's activities (written by run.sh), so that updates can be posted; else anyone.
USERS_FILE = os.environ.get("LOADTEST_USERS_FILE", "var/loadtest/users.txt")
try:
    with open(USERS_FILE, encoding="utf-8") as handle:
        OWNERS = [line.strip() for line in handle if line.strip()]
except OSError:
    OWNERS = []
SEARCHES = ("sofia", "prueba", "ana demo", "quito", "carlos ejemplo", "riesgo", "muestra", "valeria")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ACTIVITY_LINK = re.compile(r'href="/plan/activity/(\d+)/"')


class Member(HttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        self.activities: list[str] = []
        # Random choices below pick load, not secrets.
        email = random.choice(OWNERS) if OWNERS else f"member{random.randrange(MEMBERS):05d}@{DOMAIN}"  # noqa: S311
        page = self.client.get("/accounts/login/", name="sign in (form)")
        token = CSRF.search(page.text)
        self.client.post(
            "/accounts/login/",
            data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="sign in",
        )
        mine = self.client.get("/plan/mine/", name="my activities")
        self.activities = ACTIVITY_LINK.findall(mine.text)

    @task(6)
    def dashboard(self) -> None:
        self.client.get("/", name="dashboard")

    @task(4)
    def directory_search(self) -> None:
        self.client.get("/members/", params={"q": random.choice(SEARCHES)}, name="directory search")  # noqa: S311

    @task(3)
    def plan_overview(self) -> None:
        # The section's landing page is the current plan's overview.
        self.client.get("/plan/", name="plan overview")

    @task(2)
    def read_tor(self) -> None:
        self.client.get("/governance/d/scale-tor/v/1.0/", name="ToR")

    @task(1)
    def post_update(self) -> None:
        if not self.activities:
            self.client.get("/plan/mine/", name="my activities")
            return
        url = f"/plan/activity/{random.choice(self.activities)}/"  # noqa: S311
        page = self.client.get(url, name="activity")
        token = CSRF.search(page.text)
        if not token:
            return
        self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": token.group(1),
                "percent": random.randrange(0, 101, 5),  # noqa: S311
                "status": "",
                "note": "Avance de la prueba de carga.",
                "evidence_link": "",
            },
            headers={"Referer": f"{self.host}{url}"},
            name="activity update",
        )
