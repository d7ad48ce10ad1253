"""Indexes for 10,000 members and more.

Name search in the directory: a trigram index on UPPER(full_name), on PostgreSQL only.

Django's ``icontains`` on PostgreSQL is ``UPPER(full_name::text) LIKE UPPER('%word%')``; a GIN index with
``gin_trgm_ops`` on that very expression serves it, whatever the position of the word in the name.
SQLite has no such index and keeps its plain scan: both operations do nothing there.
Lists sorted by name read their first page from (full_name, id); the admin's status and cohort filters.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX_NAME = "members_user_name_trgm"


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Plain SQL: the expression must read exactly UPPER(full_name), as the icontains lookup writes it.
        schema_editor.execute(f"CREATE INDEX {INDEX_NAME} ON members_user USING gin (UPPER(full_name) gin_trgm_ops)")


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("members", "0007_user_history")]

    operations = [
        migrations.AddIndex("user", models.Index(fields=["full_name", "id"], name="members_user_name_idx")),
        migrations.AddIndex("member", models.Index(fields=["status"], name="members_member_status_idx")),
        migrations.AddIndex("member", models.Index(fields=["cohort"], name="members_member_cohort_idx")),
        TrigramExtension(),
        # Kept out of the model state on purpose: the model must stay valid on SQLite.
        migrations.RunPython(add_index, remove_index),
    ]
