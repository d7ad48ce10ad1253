"""Every page type of the action plan, with the demo plan: axe-core finds nothing serious, in both
languages, and the pages (charts included) run under the real Content-Security-Policy."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from actionplan import demo as actionplan_demo
from actionplan.models import ActionPlan, Activity
from members import demo as members_demo
from members.models import User

from .helpers import serious_accessibility_violations, sign_in


@pytest.fixture
def urls(transactional_db, live_server) -> list[str]:
    members_demo.load()
    actionplan_demo.load()
    plan = ActionPlan.objects.get(title_es="Plan de acción 2024")
    activity = Activity.objects.filter(objective__plan=plan, code="A2.5").select_related("objective").get()
    paths = [
        reverse("actionplan:index"),
        reverse("actionplan:plan", args=[plan.pk]),
        reverse("actionplan:timeline", args=[plan.pk]),
        reverse("actionplan:activities", args=[plan.pk]),
        reverse("actionplan:objective", args=[activity.objective.pk]),
        reverse("actionplan:activity", args=[activity.pk]),
        reverse("actionplan:mine"),
        reverse("actionplan:calendar"),
        reverse("actionplan:plans"),
        # For coordinators only, last:
        reverse("actionplan:plan_copy", args=[plan.pk]),
        reverse("actionplan:indicator_value", args=[plan.objectives.get(code="O2").indicators.get().pk]),
    ]
    return [live_server.url + path for path in paths]


@pytest.mark.parametrize("language", ["es", "en"])
def test_plan_pages_have_no_serious_accessibility_violations(browser, urls, live_server, language):
    context = browser.new_context(bypass_csp=True, locale="es-EC")  # bypassed only to inject axe
    coordinator = User.objects.get(email="coordinator@ngn.example")
    sign_in(context, live_server.url, coordinator)
    problems = {}
    for url in urls:
        page = context.new_page()
        context.add_cookies([{"name": "django_language", "value": language, "url": url}])
        page.goto(url)
        assert page.url == url  # the page itself, not a redirect to sign in
        found = serious_accessibility_violations(page)
        if found:
            problems[url] = found
        page.close()
    context.close()
    assert problems == {}, json.dumps(problems, indent=1)


def test_plan_pages_run_under_the_csp(page, urls, live_server):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    sign_in(page.context, live_server.url, User.objects.get(email="member@ngn.example"))
    for url in urls[:-2]:  # the last two are for coordinators
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert violations == []
