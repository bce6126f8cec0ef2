"""The members app's part of a member's export and erasure (see core.privacy)."""

from __future__ import annotations

from typing import Any

from core.privacy import register, when


def _export_account(user) -> dict[str, Any]:
    from allauth.account.models import EmailAddress

    from .models import Block, Notification

    profile = user.profile
    return {
        "account": {
            "email_addresses": [
                {"email": a.email, "primary": a.primary, "verified": a.verified}
                for a in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
            "joined_at": when(user.date_joined),
            "last_signed_in_at": when(user.last_login),
        },
        "profile": {
            "display_name": profile.display_name,
            "created_at": when(profile.created_at),
            "guidelines_accepted_at": when(profile.guidelines_accepted_at),
            "silenced_until": when(profile.silenced_until),
            "silence_reason": profile.silence_reason,
            "suspended_at": when(profile.suspended_at),
            "suspended_until": when(profile.suspended_until),
            "suspension_reason": profile.suspension_reason,
            "break_until": when(profile.break_until),
            "bio": profile.bio,
            "peer_supporter": profile.is_peer_supporter,
            # Each with its own choice: shown to other (signed-in) members, or kept.
            "lived_experiences": [
                {
                    "name": name,
                    "shown_to": "Other members" if is_shown else "Nobody but me",
                }
                for name, is_shown in profile.experience_items.order_by("tag__name").values_list(
                    "tag__name", "is_shown"
                )
            ],
            "notification_emails": profile.get_email_frequency_display(),
            "colours": profile.get_colour_scheme_display(),
        },
        "blocked_members": [
            {"display_name": b.blocked.profile.display_name, "since": when(b.created_at)}
            for b in Block.objects.filter(blocker=user).select_related("blocked__profile")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "text": n.message,
                "url": n.url,
                "created_at": when(n.created_at),
                "read_at": when(n.read_at),
            }
            for n in Notification.objects.for_member(user).with_people()
        ],
    }


def _erase_account(user, remove_posts: bool) -> None:
    # Other members' notifications keep the person by reference, never by name in
    # their text: the grouped reactions drop them here; the others (replies
    # gathered or single) name "A former member" once the account (and so the
    # reference) is gone.
    from .actions import forget_actor

    forget_actor(user)


register("account", layer=10, export=_export_account, erase=_erase_account)
