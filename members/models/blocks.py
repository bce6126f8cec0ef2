"""Blocks: one member no longer wants to see or hear from another — silently.

A block works on one side only. The blocker stops seeing the other's posts
(collapsed, openable), threads and name in lists, and hears nothing from them.
The blocked member sees nothing different — no notice, no collapsed post, no
missing profile — so a block can never be found out from their side; what they
write simply never reaches the blocker as a notification.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.queries import Compiled

from .accounts import User


class Block(models.Model):
    """One member no longer wants to see or hear from another."""

    blocker = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="blocks", verbose_name=_("blocker")
    )
    blocked = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="blocked_by", verbose_name=_("blocked")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")

    def __str__(self) -> str:
        return f"block {self.pk}"


def blocked_by(user) -> models.QuerySet:
    """Ids of the members `user` blocked: whose posts, threads and names `user` no
    longer sees. Lazy — use it as a subquery, or `set()` it once per request.
    Nobody, for a visitor."""
    if not user.is_authenticated:
        return Block.objects.none().values_list("blocked_id", flat=True)
    return Block.objects.filter(blocker_id=user.pk).values_list("blocked_id", flat=True)


# Every thread page reads its reader's blocks: built once per process (core.queries).
_BLOCKED_BY = Compiled(
    lambda member: Block.objects.filter(blocker_id=member).values_list("blocked_id")
)


def blocked_ids(user) -> set[int]:
    """The ids `blocked_by` names, read now, in one query (none for a visitor): for a
    page that asks of each post or name whether its reader blocked them."""
    if not user.is_authenticated:
        return set()
    return {blocked for (blocked,) in _BLOCKED_BY.rows(user.pk)}


def blockers_of(member_id: int | None) -> models.QuerySet:
    """Ids of the members who blocked this one: nothing this member writes or does
    reaches them as a notification. A subquery."""
    return Block.objects.filter(blocked_id=member_id).values_list("blocker_id", flat=True)


def has_blocked(user, other_id: int | None) -> bool:
    """Whether `user` blocked the member `other_id` (one query; never for visitors)."""
    if not user.is_authenticated or other_id is None:
        return False
    return Block.objects.filter(blocker_id=user.pk, blocked_id=other_id).exists()
