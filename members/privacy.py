"""The members app's part of a member's export and erasure (see core.privacy)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

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
            # A code such as "es"; blank: the language of their browser.
            "language": user.language,
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
                    "shown_to": _("Other members") if is_shown else _("Nobody but me"),
                }
                for name, is_shown in profile.experience_items.order_by("tag__name").values_list(
                    "tag__name", "is_shown"
                )
            ],
            "notification_emails": str(profile.get_email_frequency_display()),
            "colours": str(profile.get_colour_scheme_display()),
        },
        "blocked_members": [
            {"display_name": b.blocked.profile.display_name, "since": when(b.created_at)}
            for b in Block.objects.filter(blocker=user).select_related("blocked__profile")
        ],
        "notifications": [
            {
                "kind": n.kind,
                "text": str(n.message),
                "url": n.url,
                "created_at": when(n.created_at),
                "read_at": when(n.read_at),
            }
            for n in Notification.objects.for_member(user).with_people()
        ],
        "conversations": _export_conversations(user),
    }


def _export_conversations(user) -> list[dict[str, Any]]:
    """Their private conversations, all of it: they are in them. A team is its name,
    never the person who wrote for it; another member, their name as it is now."""
    from .conversations import teams
    from .models import Conversation, Message

    names = teams()
    talks = list(Conversation.objects.of(user))
    said: dict[int, list[Message]] = {}
    for m in (
        Message.objects.filter(conversation__in=talks).select_related("author__profile").in_order()
    ):
        said.setdefault(m.conversation_id, []).append(m)

    def who(m: Message, team_name: str) -> str:
        if m.from_team:
            return team_name
        if m.author_id == user.pk:
            return _("you")
        return m.author.profile.display_name if m.author else _("a former member")

    return [
        {
            "subject": c.subject,
            "with": names[c.team].name if c.team in names else _("another member"),
            "started_at": when(c.created_at),
            "messages": [
                {
                    "from": who(m, names[c.team].name if c.team in names else ""),
                    "body": m.body,
                    "sent_at": when(m.created_at),
                }
                for m in said.get(c.pk, [])
            ],
        }
        for c in talks
    ]


def _erase_account(user, remove_posts: bool) -> None:
    # Other members' notifications keep the person by reference, never by name in
    # their text: the grouped reactions drop them here; the others (replies
    # gathered or single) name "A former member" once the account (and so the
    # reference) is gone.
    from .actions import forget_actor
    from .conversations import erase_messages_of

    forget_actor(user)
    # What they wrote privately goes whatever they chose for their posts.
    erase_messages_of(user)


register("account", layer=10, export=_export_account, erase=_erase_account)
