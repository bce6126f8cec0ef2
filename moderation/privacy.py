"""What moderation keeps about a member, for their export and their erasure.

The audit log stays: it is the community's safety record. It never held
personal details (members appear by number), so it needs no change here.

The moderators' notes on a member are the member's data: they are in the download (the
words and when, not which moderator wrote them, as with sanctions), and they go with the
account (see MemberNote for why they aren't kept without the person).
"""

from __future__ import annotations

from typing import Any

from core.privacy import register, when

from .models import Flag, MemberNote, ReviewItem, Sanction, SecondLook


def export_moderation(user) -> dict[str, Any]:
    return {
        "flags_you_raised": [
            {
                "post_url": f.post.get_absolute_url(),
                "reason": f.get_reason_display(),
                "note": f.note,
                "created_at": when(f.created_at),
            }
            for f in Flag.objects.filter(member=user).select_related("post__thread")
        ],
        "moderator_decisions_about_you": [
            {
                "decision": s.get_kind_display(),
                "reason": s.reason,
                "starts_at": when(s.starts_at),
                "ends_at": when(s.ends_at),
                "lifted_at": when(s.lifted_at),
                "second_look": _second_look(s),
            }
            for s in Sanction.objects.filter(member=user)
            .select_related("second_look")
            .order_by("starts_at")
        ],
        "moderators_notes_about_you": [
            {"note": n.text, "written_at": when(n.created_at)}
            for n in MemberNote.objects.filter(member=user).order_by("created_at", "pk")
        ],
    }


def _second_look(sanction: Sanction) -> dict[str, Any] | None:
    """What they asked, and what was decided (never who decided: moderators are named
    to members nowhere)."""
    try:
        asked = sanction.second_look
    except SecondLook.DoesNotExist:
        return None
    return {
        "asked_at": when(asked.created_at),
        "what_you_wrote": asked.text,
        "decided_at": when(asked.decided_at),
        "outcome": asked.get_outcome_display() if asked.outcome else "",
        "reason": asked.reason,
    }


def erase_moderation(user, remove_posts: bool) -> None:
    # Notes about them go whichever they choose for their posts (the account's deletion
    # would take them too; said here, where a reader of erasure looks).
    MemberNote.objects.filter(member=user).delete()
    # The moderators' copy of a member's private message goes with the message, always.
    ReviewItem.objects.filter(message__author=user).update(
        snapshot_title="", snapshot_body="", snapshot_html=""
    )
    if remove_posts:
        # The moderators' copy of the words goes with the words.
        ReviewItem.objects.filter(post__author=user).update(
            snapshot_title="", snapshot_body="", snapshot_html=""
        )


register("moderation", layer=30, export=export_moderation, erase=erase_moderation)
