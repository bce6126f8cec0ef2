from django.db import migrations

# The warnings a new community starts with; staff can rename, reorder or add.
DEFAULTS = ["suicide", "self-harm", "eating difficulties", "abuse", "trauma",
            "substance use", "grief and loss"]


def add_defaults(apps, schema_editor):
    ContentWarning = apps.get_model("forums", "ContentWarning")
    for position, label in enumerate(DEFAULTS):
        ContentWarning.objects.get_or_create(label=label, defaults={"position": position * 10})


class Migration(migrations.Migration):
    dependencies = [("forums", "0003_content_warnings_anonymity_visibility")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
