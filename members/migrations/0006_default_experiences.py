from django.db import migrations
from django.utils.text import slugify

# The lived experiences a new community starts with, each with one plain, kind
# sentence. Staff can rename, describe, retire, merge or add to them in the admin.
DEFAULTS = [
    ("Anxiety", "Living with worry, panic or fear that is hard to switch off."),
    ("Depression", "Low mood, emptiness or heaviness that stays for a while."),
    ("Bipolar disorder", "Living with highs and lows in mood, energy and sleep."),
    ("Grief and loss", "Missing someone who has died, or living with another loss that "
                       "changed your life."),
    ("Psychosis", "Hearing, seeing or believing things others don't, and finding your way "
                  "through it."),
    ("Eating disorders", "A hard relationship with food, eating or your body, and the road "
                         "to recovery."),
    ("Self-harm (recovery)", "Finding other ways to cope with urges to hurt yourself, and "
                             "healing."),
    ("Trauma and PTSD", "Living with the effects of something frightening or harmful that "
                        "happened to you."),
    ("OCD", "Living with intrusive thoughts, and the urges or routines that can come with "
            "them."),
    ("Postnatal mental health", "Your mental health in pregnancy or after a baby arrives."),
    ("Caring for someone", "Supporting a family member or friend who is struggling."),
    ("Burnout and stress", "Running on empty from work, study or everything life asks of "
                           "you."),
    ("Loneliness", "Feeling alone or cut off, even when other people are around."),
    ("Substance use recovery", "Living with, or recovering from, alcohol or drug use."),
]


def add_defaults(apps, schema_editor):
    Experience = apps.get_model("members", "Experience")
    for name, description in DEFAULTS:
        Experience.objects.get_or_create(
            name=name, defaults={"slug": slugify(name), "description": description,
                                 "is_official": True},
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0005_email_preferences")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
