"""Writes about members that other apps ask for; each one transaction."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import (
    Block,
    Experience,
    ExperienceSynonym,
    MemberExperience,
    Notification,
    Profile,
)


@transaction.atomic
def notify(recipient, *, kind: str, text: str, url: str = "") -> Notification | None:
    if recipient is None:
        return None
    notification = Notification.objects.create(recipient=recipient, kind=kind, text=text, url=url)
    Profile.objects.filter(user=recipient).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return notification


@transaction.atomic
def mark_notifications_read(user) -> int:
    count = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    Profile.objects.filter(user=user).update(unread_notifications=0)
    return count


@transaction.atomic
def notify_many(recipient_ids: list[int], *, kind: str, text: str, url: str = "") -> int:
    """The same notification for several members: two queries, however many."""
    if not recipient_ids:
        return 0
    Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=kind, text=text, url=url) for pk in recipient_ids
    )
    # Lock the profiles in one order, so two fan-outs to the same people queue
    # behind each other instead of deadlocking.
    locked = list(Profile.objects.filter(user_id__in=recipient_ids).order_by("pk")
                  .select_for_update().values_list("pk", flat=True))
    Profile.objects.filter(pk__in=locked).update(
        unread_notifications=F("unread_notifications") + 1
    )
    return len(recipient_ids)


def block(blocker, blocked) -> Block:
    item, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return item


def unblock(blocker, blocked) -> None:
    Block.objects.filter(blocker=blocker, blocked=blocked).delete()


@transaction.atomic
def update_profile(profile: Profile, *, experiences, visibility: str, bio: str) -> Profile:
    """What a member shares about themselves: their experiences, who sees them, a bio."""
    profile.experiences.set(list(experiences))
    profile.experiences_visibility = visibility
    profile.bio = bio
    profile.save(update_fields=["experiences_visibility", "bio"])
    return profile


@transaction.atomic
def merge_experiences(*, keep: Experience, merged) -> int:
    """Fold each of `merged` into `keep`: members who chose one now have `keep`
    (once), and its name stays as a synonym, so old links still land on `keep`."""
    count = 0
    for other in merged:
        if other.pk == keep.pk:
            continue
        has_keep = MemberExperience.objects.filter(tag=keep).values("content_object_id")
        MemberExperience.objects.filter(tag=other).exclude(
            content_object_id__in=has_keep
        ).update(tag=keep)
        ExperienceSynonym.objects.filter(experience=other).update(experience=keep)
        name, slug = other.name, other.slug
        other.delete()  # and the taggings that would have been doubles
        ExperienceSynonym.objects.update_or_create(
            slug=slug, defaults={"name": name, "experience": keep}
        )
        count += 1
    return count
