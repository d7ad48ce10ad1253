"""A fresh install gets the mailroom's schedules (django-celery-beat). Idempotent: get_or_create by name.

Coordinators may change the times in the admin afterwards; this migration never overwrites them.
"""

import json

from django.db import migrations

TIME_ZONE = "America/Guayaquil"

TASKS = [
    # (name, task path, kind, schedule)
    ("engagement: reminder scan", "engagement.tasks.reminders_scan", "interval", (15, "minutes")),
    ("engagement: outbox sweeper", "engagement.tasks.outbox_sweep", "interval", (5, "minutes")),
    ("engagement: daily digests", "engagement.tasks.digests_send", "crontab", ("0", "7", "*")),
    ("engagement: outbox retention", "engagement.tasks.outbox_purge", "crontab", ("30", "3", "0")),
]


def create_schedules(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, kind, schedule in TASKS:
        defaults = {"task": task, "args": json.dumps([]), "kwargs": json.dumps({})}
        if kind == "interval":
            every, period = schedule
            defaults["interval"], _ = IntervalSchedule.objects.get_or_create(every=every, period=period)
        else:
            minute, hour, day_of_week = schedule
            defaults["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute,
                hour=hour,
                day_of_week=day_of_week,
                day_of_month="*",
                month_of_year="*",
                timezone=TIME_ZONE,
            )
        PeriodicTask.objects.get_or_create(name=name, defaults=defaults)


def remove_schedules(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[name for name, *_rest in TASKS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedules, remove_schedules)]
