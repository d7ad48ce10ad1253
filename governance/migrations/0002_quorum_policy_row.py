from django.db import migrations


def create_policy(apps, schema_editor):
    # The singleton exists from the start, so reading it never writes (a GET stays a read).
    apps.get_model("governance", "QuorumPolicy").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("governance", "0001_initial")]

    operations = [migrations.RunPython(create_policy, migrations.RunPython.noop)]
