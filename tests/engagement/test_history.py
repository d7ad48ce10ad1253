"""Reminder rules and preferences keep their history, from the admin and from the preferences page."""

from __future__ import annotations

from django.urls import reverse

from engagement.models import KindPreference, ReminderRule
from engagement.registry import registry
from engagement.services import reminder_rules_ensure
from engagement.services.preferences import preferences_update


def test_editing_a_rule_in_the_admin_writes_history(admin_client, admin_user, reminder_kind):
    reminder_rules_ensure()
    rule = ReminderRule.objects.get(kind=reminder_kind.key)
    response = admin_client.post(
        reverse("admin:engagement_reminderrule_change", args=[rule.pk]),
        {"enabled": "", "lead_days": "3,1", "repeat_every_days": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    latest = rule.history.first()
    assert (latest.history_type, latest.enabled, latest.history_user) == ("~", False, admin_user)


def test_preferences_written_in_bulk_keep_history(alice, reminder_kind):
    kinds = [kind.key for kind in registry.optional_kinds()]
    assert reminder_kind.key in kinds
    preferences_update(user=alice, enabled_kinds=[], mode="daily")  # every optional kind switched off
    preferences_update(user=alice, enabled_kinds=kinds, mode="immediate")  # and back on
    rows = KindPreference.history.filter(user=alice).order_by("history_id")
    assert [(row.history_type, row.enabled) for row in rows] == [("+", False)] * len(kinds) + [("~", True)] * len(kinds)
    assert alice.email_delivery.history.count() == 2
