"""Posts hidden or edited before the marks existed get the true one, from the audit log.

A post whose last hiding was the flag threshold's ("auto-hide", no moderator after
it) says it is hidden because members asked; a post a moderator edited says so.
"""

from django.db import migrations


def backfill(apps, schema_editor):
    AuditEntry = apps.get_model("moderation", "AuditEntry")
    Post = apps.get_model("forums", "Post")
    ContentType = apps.get_model("contenttypes", "ContentType")
    post_type = ContentType.objects.filter(app_label="forums", model="post").first()
    if post_type is None:
        return
    entries = AuditEntry.objects.filter(target_type=post_type).order_by("created_at", "pk")
    last_hiding, last_edit = {}, {}
    for action, target_id, created_at in entries.filter(
        action__in=["auto-hide", "hide", "approve", "dismiss flags", "edit"]
    ).values_list("action", "target_id", "created_at"):
        if action == "edit":
            last_edit[target_id] = created_at
        else:
            last_hiding[target_id] = action
    flagged = [int(pk) for pk, action in last_hiding.items() if action == "auto-hide"]
    Post.objects.filter(pk__in=flagged, status="hidden").update(hidden_by_members=True)
    for target_id, created_at in last_edit.items():
        Post.objects.filter(pk=int(target_id)).update(moderator_edited_at=created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0002_defaults"),
        ("forums", "0012_moderator_edit_mark_hidden_by_members"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
