"""Anonymity holds in Needs a reply and in the "First post" badge.

An anonymous reply now answers a thread whoever wrote it (the starter's own
too), as does any reply in an anonymous thread; and an anonymous thread never
carries the newcomer's badge, nor does writing anonymously before take it away
from a thread under one's name. Existing threads are brought under the same rules.
"""

from django.db import migrations
from django.db.models import Exists, OuterRef, Q


def apply_the_rules(apps, schema_editor):
    Thread = apps.get_model("forums", "Thread")
    Post = apps.get_model("forums", "Post")
    Thread.objects.filter(is_anonymous=True).update(by_newcomer=False)
    named_before = Post.objects.filter(
        author_id=OuterRef("author_id"), is_anonymous=False, created_at__lt=OuterRef("created_at")
    )
    Thread.objects.filter(is_anonymous=False, by_newcomer=False, author__isnull=False).filter(
        ~Exists(named_before)
    ).update(by_newcomer=True)
    # Only threads with something anonymous in them can answer differently now; the
    # app's own rule (forums.actions.recount) over this point in history's models.
    from forums.actions import recount

    touched = Thread.objects.filter(
        Q(is_anonymous=True) | Q(posts__is_anonymous=True, posts__number__gt=1)
    ).values("pk")
    recount(Thread.objects.filter(pk__in=touched), fields=["answered_at"])


class Migration(migrations.Migration):
    dependencies = [("forums", "0012_moderator_edit_mark_hidden_by_members")]
    operations = [migrations.RunPython(apply_the_rules, migrations.RunPython.noop)]
