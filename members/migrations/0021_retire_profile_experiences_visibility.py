"""The profile's one choice for all experiences is retired: each experience keeps its own
(0020), so there is one place that says who sees it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0020_experience_shown_one_by_one"),
    ]

    operations = [
        migrations.RemoveField(model_name="profile", name="experiences_visibility"),
    ]
