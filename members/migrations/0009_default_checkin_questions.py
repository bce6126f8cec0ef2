from django.db import migrations

# Written for Boomity, in our own words: one question for each of the six areas of
# mental-health self-efficacy in Clarke et al., BMC Psychiatry 2014;14:272 (the
# Mental Health Self-Efficacy Scale). Not the published items. Staff can reword,
# reorder, add or stop asking any of them.
DEFAULTS = [
    "How confident do you feel that you can keep doing the things that matter to you, "
    "even when your mental health makes them harder?",
    "How confident do you feel about looking after your mental health yourself, so you "
    "need fewer visits to a doctor or therapist?",
    "How confident do you feel about using ways of coping other than medication — like "
    "talking to someone, getting outside or slowing your breathing?",
    "How confident do you feel that you can make your days enjoyable, or find something "
    "good in them?",
    "How confident do you feel that you can have stretches of time when your symptoms "
    "leave you alone?",
    "When symptoms do come, how confident do you feel that you can handle them?",
]


def add_defaults(apps, schema_editor, app_label="members"):
    # app_label: the models have lived in "checkins" since its 0001 (tests call this
    # with the live registry, where they are checkins' models).
    CheckInItem = apps.get_model(app_label, "CheckInItem")
    CheckInSettings = apps.get_model(app_label, "CheckInSettings")
    CheckInSettings.objects.get_or_create(pk=1)
    if CheckInItem.objects.exists():
        return
    CheckInItem.objects.bulk_create(
        CheckInItem(text=text, position=(n + 1) * 10) for n, text in enumerate(DEFAULTS)
    )


class Migration(migrations.Migration):
    dependencies = [("members", "0008_checkins")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
