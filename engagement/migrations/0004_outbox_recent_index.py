from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("engagement", "0003_history")]

    operations = [
        migrations.AddIndex(
            model_name="outgoingemail",
            index=models.Index(fields=["-created_at", "-id"], name="engagement_email_recent_idx"),
        ),
    ]
