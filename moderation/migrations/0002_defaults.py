from django.db import migrations

# Real, widely known services, so the help page is never empty. Staff should
# replace or extend them with the services their members use.
CRISIS_RESOURCES = [
    {
        "name": "Your local emergency number",
        "description": "If you are in immediate danger, or about to harm yourself, call "
                       "emergency services now (for example 911 in the US and Canada, "
                       "999 or 112 in the UK, 112 across the EU).",
        "hours": "24/7", "regions": "", "region_name": "Everywhere", "position": 0,
    },
    {
        "name": "988 Suicide & Crisis Lifeline",
        "description": "Free, confidential support from trained counselors for anyone in "
                       "emotional distress or suicidal crisis.",
        "phone": "988", "text_number": "988", "web_url": "https://988lifeline.org/",
        "hours": "24/7", "regions": "US", "region_name": "United States", "position": 10,
    },
    {
        "name": "Samaritans",
        "description": "Someone to talk to, whatever you're going through. Free from any "
                       "phone.",
        "phone": "116 123", "web_url": "https://www.samaritans.org/",
        "hours": "24/7", "regions": "GB,IE", "region_name": "UK and Ireland", "position": 20,
    },
]


def add_defaults(apps, schema_editor):
    CrisisResource = apps.get_model("moderation", "CrisisResource")
    ModerationSettings = apps.get_model("moderation", "ModerationSettings")
    if not CrisisResource.objects.exists():
        for resource in CRISIS_RESOURCES:
            CrisisResource.objects.create(**resource)
    ModerationSettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
