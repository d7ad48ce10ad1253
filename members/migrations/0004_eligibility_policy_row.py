from django.db import migrations

# The network's usual rules for young officials; coordinators change them in the admin.
DEFAULT_MAX_AGE_YEARS = 35  # same as members.models.eligibility at the time of writing
DEFAULT_MAX_SERVICE_YEARS = 10


def create_policy(apps, schema_editor):
    EligibilityPolicy = apps.get_model("members", "EligibilityPolicy")
    EligibilityPolicy.objects.get_or_create(
        id=1, defaults={"max_age_years": DEFAULT_MAX_AGE_YEARS, "max_service_years": DEFAULT_MAX_SERVICE_YEARS}
    )


def remove_policy(apps, schema_editor):
    apps.get_model("members", "EligibilityPolicy").objects.filter(id=1).delete()


class Migration(migrations.Migration):
    dependencies = [("members", "0003_profile_applications_eligibility")]

    operations = [migrations.RunPython(create_policy, remove_policy)]
