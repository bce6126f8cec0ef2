from django.db import migrations


def backfill(apps, schema_editor):
    Thread = apps.get_model("forums", "Thread")
    Post = apps.get_model("forums", "Post")
    for thread in Thread.objects.filter(answered_at__isnull=True).iterator():
        first = (
            Post.objects.filter(thread=thread, status="visible", number__gt=1)
            .exclude(author_id=thread.author_id).order_by("number").first()
        )
        if first is not None:
            Thread.objects.filter(pk=thread.pk).update(answered_at=first.created_at)


class Migration(migrations.Migration):
    dependencies = [("forums", "0005_read_state_answered")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
