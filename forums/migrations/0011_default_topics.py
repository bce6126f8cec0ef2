"""A starter list of topics for threads. Staff can rename, add or remove them in the admin."""

from django.db import migrations

# (name, slug, description shown on the topic's page)
DEFAULT_TOPICS = [
    ("Asking for advice", "asking-for-advice",
     "Threads where someone would welcome ideas from people who have been there."),
    ("Coping ideas", "coping-ideas",
     "Small things that help members get through a hard moment or a hard day."),
    ("Family", "family", "Family life: the support it gives, and the worries it brings."),
    ("First post", "first-post",
     "Members posting for the first time. A warm welcome goes a long way."),
    ("Good news", "good-news", "Wins of every size, shared so we can celebrate together."),
    ("Medication", "medication",
     "Living with medication: experiences and questions. Doses are for you and your "
     "prescriber."),
    ("Relationships", "relationships",
     "Partners, friends and the people around us, and how we look after ourselves with them."),
    ("Self-care", "self-care", "Ways members look after themselves, on good days and bad."),
    ("Setbacks", "setbacks",
     "Harder weeks and slips. Setbacks are part of recovery, not the end of it."),
    ("Sleep", "sleep", "Sleepless nights, early mornings, and what helps members rest."),
    ("Therapy and services", "therapy-and-services",
     "Finding and using support: talking therapies, doctors, helplines and services."),
    ("Work and study", "work-and-study",
     "Jobs, studies and everything around them, from interviews to exams."),
]


def add_defaults(apps, schema_editor):
    Topic = apps.get_model("forums", "Topic")
    for name, slug, description in DEFAULT_TOPICS:
        # A topic staff renamed keeps their name: matched by its address.
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0010_mentions"),
    ]

    operations = [
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
    ]
