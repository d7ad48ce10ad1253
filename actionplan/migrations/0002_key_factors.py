"""Load the ten key factors of the WCO Revised Arusha Declaration (see actionplan/arusha.py)."""

from django.db import migrations

from actionplan.arusha import KEY_FACTORS, key_factors_ensure


def load(apps, schema_editor):
    key_factors_ensure(apps.get_model("actionplan", "KeyFactor"))


def unload(apps, schema_editor):
    apps.get_model("actionplan", "KeyFactor").objects.filter(number__in=[n for n, _, _ in KEY_FACTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
