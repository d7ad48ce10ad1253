"""Trigram indexes for the directory's search in positions and skills, on PostgreSQL only.

As for names (0008): ``icontains`` is ``UPPER(column::text) LIKE UPPER('%word%')`` on PostgreSQL, and a GIN
index with ``gin_trgm_ops`` on exactly that expression serves it. SQLite keeps its plain scan.
"""

from django.db import migrations

INDEXES = {
    "members_member_position_trgm": "position_title",
    "members_member_skills_trgm": "skills",
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} ON members_member USING gin (UPPER({column}) gin_trgm_ops)")


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("members", "0009_directory_export")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
