"""Blocks: one member no longer wants to see or hear from another."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from .accounts import User


class Block(models.Model):
    """One member no longer wants to see or hear from another."""

    blocker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocks")
    blocked = models.ForeignKey(User, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(
                condition=~models.Q(blocker=models.F("blocked")), name="block_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"block {self.pk}"


def blocked_either_way(user_id: int) -> models.QuerySet:
    """Ids of members on the other side of any block with this member."""
    return (
        Block.objects.filter(blocker_id=user_id)
        .values("blocked_id")
        .union(Block.objects.filter(blocked_id=user_id).values("blocker_id"))
    )


def blocks_around(user) -> tuple[set[int], set[int]]:
    """(members `user` blocked, members on either side of a block with `user`).

    Blocking goes both ways: neither sees the other's posts uncollapsed, nor
    can quote, mention or notify the other. One query.
    """
    if not user.is_authenticated:
        return set(), set()
    pairs = Block.objects.filter(models.Q(blocker=user) | models.Q(blocked=user))
    mine, either = set(), set()
    for blocker, blocked in pairs.values_list("blocker_id", "blocked_id"):
        if blocker == user.pk:
            mine.add(blocked)
            either.add(blocked)
        else:
            either.add(blocker)
    return mine, either
