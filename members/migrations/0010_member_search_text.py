"""The directory's search text (members/search.py): the column, filled for existing members, and its index.

On PostgreSQL a GIN trigram index on the column serves ``search_text LIKE '%word%'`` (Django's ``contains``)
for every word of a search. SQLite has no such index and keeps its plain scan.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX_NAME = "members_member_search_trgm"


def fill(apps, schema_editor):
    from members.search import search_text_for

    Member = apps.get_model("members", "Member")
    members = Member.objects.select_related("user", "office").order_by("pk")
    batch = []
    for member in members.iterator(chunk_size=2000):
        member.search_text = search_text_for(
            full_name=member.user.full_name,
            office=member.office,
            position_title=member.position_title,
            skills=member.skills,
        )
        batch.append(member)
        if len(batch) == 2000:
            Member.objects.bulk_update(batch, ["search_text"])
            batch = []
    Member.objects.bulk_update(batch, ["search_text"])


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {INDEX_NAME} ON members_member USING gin (search_text gin_trgm_ops)")


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("members", "0009_directory_export")]

    operations = [
        migrations.AddField(
            model_name="member",
            name="search_text",
            field=models.TextField(blank=True, editable=False, verbose_name="search text"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        TrigramExtension(),  # already there since 0008; kept so this migration stands on its own
        # Kept out of the model state on purpose: the model must stay valid on SQLite.
        migrations.RunPython(add_index, remove_index),
    ]
