from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django_celery_beat.models import PeriodicTask

from engagement.registry import EmailKind, ReminderRule, register, registry, unregister


def test_bad_keys_are_refused():
    for key in ["nodot", "Upper.case", "a.", ".b", "a b.c"]:
        with pytest.raises(ImproperlyConfigured):
            EmailKind(key=key, label="x", template_prefix="x")


def test_registering_the_same_key_differently_is_an_error():
    register(EmailKind(key="tests.twice", label="x", template_prefix="x"))
    try:
        register(EmailKind(key="tests.twice", label="x", template_prefix="x"))  # identical: fine
        with pytest.raises(ImproperlyConfigured, match="twice"):
            register(EmailKind(key="tests.twice", label="y", template_prefix="x"))
    finally:
        unregister("tests.twice")
    assert "tests.twice" not in registry


def test_rule_values_are_checked():
    with pytest.raises(ValueError):
        ReminderRule(lead_days=(-1,))
    with pytest.raises(ValueError):
        ReminderRule(repeat_every_days=0)


def test_the_mailrooms_own_kinds_are_registered_by_autodiscovery():
    assert not registry.get("account.security").optional
    assert "engagement.digest" in registry


@pytest.mark.django_db
def test_beat_schedules_exist_and_the_migration_is_idempotent():
    expected = {
        "engagement: reminder scan": "engagement.tasks.reminders_scan",
        "engagement: outbox sweeper": "engagement.tasks.outbox_sweep",
        "engagement: daily digests": "engagement.tasks.digests_send",
        "engagement: outbox retention": "engagement.tasks.outbox_purge",
    }
    tasks = dict(PeriodicTask.objects.filter(name__startswith="engagement:").values_list("name", "task"))
    assert tasks == expected
    digest = PeriodicTask.objects.select_related("crontab").get(name="engagement: daily digests")
    assert (digest.crontab.hour, digest.crontab.minute, str(digest.crontab.timezone)) == ("7", "0", "America/Guayaquil")
    scan = PeriodicTask.objects.select_related("interval").get(name="engagement: reminder scan")
    assert (scan.interval.every, scan.interval.period) == (15, "minutes")
    migration = importlib.import_module("engagement.migrations.0002_beat_schedules")
    migration.create_schedules(apps, None)  # a second run changes nothing
    assert PeriodicTask.objects.filter(name__startswith="engagement:").count() == 4
