"""A few message templates every community starts with, for moderators to change
before they send (and for staff to rewrite in the admin)."""

from django.db import migrations

DEFAULT_TEMPLATES = [
    (
        "Checking in",
        "Checking in after your post last night",
        "Hi,\n\n"
        "We read your post and wanted to check in with you. It sounded like things have "
        "been really hard, and we're glad you shared it here.\n\n"
        "How are you doing today? You're welcome to reply to this message — only you and "
        "the moderation team can read it.\n\n"
        "If you need to talk to someone right now, “Need help now?” at the top of every "
        "page lists services you can reach straight away. We aren't a crisis service, "
        "but we're here, and we'll read what you write.\n\n"
        "Take care,\nThe moderation team",
    ),
    (
        "About a post we hid",
        "About your post",
        "Hi,\n\n"
        "We hid one of your posts, and we wanted to explain why in a bit more detail "
        "than the notification could. This isn't about you as a person: our guidelines "
        "are there to keep the community a safe place for everyone, you included.\n\n"
        "If you'd like to, you can write it again in a way that fits the guidelines. "
        "And if you think we got it wrong, just reply here — we'll read it.\n\n"
        "Thank you,\nThe moderation team",
    ),
    (
        "Welcome and thank you",
        "Thank you for being here",
        "Hi,\n\n"
        "We just wanted to say thank you. The way you've been supporting other members "
        "makes a real difference to this community.\n\n"
        "There's nothing you need to do. If you ever have questions or ideas, you can "
        "reply to this message.\n\n"
        "Warm wishes,\nThe moderation team",
    ),
]


def add_defaults(apps, schema_editor):
    MessageTemplate = apps.get_model("moderation", "MessageTemplate")
    for position, (name, subject, body) in enumerate(DEFAULT_TEMPLATES):
        MessageTemplate.objects.get_or_create(
            name=name, defaults={"subject": subject, "body": body, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("moderation", "0009_message_templates_and_items_about_messages")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
