"""The audit rows written before they had links: each gets its member, post and review
item from what it names (target_type, target_id), where those still exist."""

from django.db import migrations


def fill(apps, schema_editor):
    AuditEntry = apps.get_model("moderation", "AuditEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Post = apps.get_model("forums", "Post")
    Thread = apps.get_model("forums", "Thread")
    Sanction = apps.get_model("moderation", "Sanction")
    ReviewItem = apps.get_model("moderation", "ReviewItem")

    def type_id(app_label, model):
        found = ContentType.objects.filter(app_label=app_label, model=model).first()
        return found.pk if found else None

    kinds = {
        type_id("forums", "post"): "post",
        type_id("forums", "thread"): "thread",
        type_id("moderation", "sanction"): "sanction",
        type_id("moderation", "reviewitem"): "item",
    }
    entries = AuditEntry.objects.filter(target_type_id__in=[k for k in kinds if k])
    for entry in entries.iterator():
        if not entry.target_id.isdigit():
            continue
        pk = int(entry.target_id)
        kind = kinds[entry.target_type_id]
        member_id = post_id = item_id = None
        if kind == "post":
            post = Post.objects.filter(pk=pk).first()
            if post is not None:
                member_id, post_id = post.author_id, post.pk
        elif kind == "thread":
            thread = Thread.objects.filter(pk=pk).first()
            if thread is not None:
                member_id = thread.author_id
                post_id = (
                    Post.objects.filter(thread_id=pk, number=1).values_list("pk", flat=True).first()
                )
        elif kind == "sanction":
            sanction = Sanction.objects.filter(pk=pk).first()
            if sanction is not None:
                member_id, post_id = sanction.member_id, sanction.post_id
        elif kind == "item":
            item = ReviewItem.objects.filter(pk=pk).select_related("post").first()
            if item is not None:
                item_id, post_id = item.pk, item.post_id
                member_id = item.post.author_id if item.post_id is not None else None
        if post_id is not None and item_id is None:
            # The item the decision was about: the last one made before the decision.
            item_id = (
                ReviewItem.objects.filter(post_id=post_id, created_at__lte=entry.created_at)
                .order_by("-created_at")
                .values_list("pk", flat=True)
                .first()
            )
        # The historical model has no append-only save(): one UPDATE of the links only.
        AuditEntry._base_manager.filter(pk=entry.pk).update(
            member_id=member_id, post_id=post_id, review_item_id=item_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0013_audit_links_and_plain_names"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
