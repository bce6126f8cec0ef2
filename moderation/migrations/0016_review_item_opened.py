"""Who first opened an urgent item, apart from who acknowledged it. Items acknowledged
before by opening them were opened then, by that moderator: their history says so."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def fill(apps, schema_editor):
    ReviewItemEvent = apps.get_model("moderation", "ReviewItemEvent")
    ReviewItem = apps.get_model("moderation", "ReviewItem")
    # claims.OPENED, as the history keeps it (in English).
    opened = ReviewItemEvent.objects.filter(kind="acknowledged", detail="by opening it")
    for event in opened.iterator():
        ReviewItem.objects.filter(pk=event.item_id, opened_at__isnull=True).update(
            opened_by_id=event.by_id, opened_at=event.created_at
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0015_labels_in_every_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="reviewitem",
            name="opened_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="first opened at"),
        ),
        migrations.AddField(
            model_name="reviewitem",
            name="opened_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="first opened by",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
