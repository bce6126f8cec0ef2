"""Private conversations: who may read one, writing in one, and the seams above.

members knows no team and no screening. Two settings let the upper layers in:

- BOOMITY_CONVERSATION_TEAMS names the teams that can be one side of a conversation,
  {key: {"name": what members see, "permission": who is on it}}; moderation's is
  "moderators", seen as "The moderation team" and made of whoever may work the queue.
  A team's people read its conversations; members see only the team's name.
- BOOMITY_MESSAGE_SCREENERS lists classes (dotted paths) told of every message a member
  writes, inside the transaction that saves it (`screen_message(message) -> bool`, True
  when the words may come from someone in crisis: the page then shows help first).
  moderation's opens an urgent review item for crisis language, as for a post.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from core.markup import render_markdown

from .models import Conversation, Message, Participant

MESSAGE_MAX = 5000
SUBJECT_MAX = 150


@dataclass(frozen=True)
class Team:
    key: str
    name: str
    permission: str


def teams() -> dict[str, Team]:
    configured = getattr(settings, "BOOMITY_CONVERSATION_TEAMS", {})
    # A team's name as configured, in the reader's language where the catalogue has it.
    return {key: Team(key, gettext(t["name"]), t["permission"]) for key, t in configured.items()}


def team(key: str) -> Team | None:
    return teams().get(key)


def teams_of(user) -> set[str]:
    """The teams `user` is on (by the permission each team names)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {t.key for t in teams().values() if user.has_perm(t.permission)}


@cache
def _load(path: str):
    return import_string(path)()


def screeners() -> list:
    return [_load(path) for path in getattr(settings, "BOOMITY_MESSAGE_SCREENERS", [])]


def _add(conversation: Conversation, *, author, body: str, from_team: bool) -> Message:
    now = timezone.now()
    message = Message.objects.create(
        conversation=conversation,
        author=author,
        from_team=from_team,
        body=body,
        # A message is a letter: its line breaks (before a sign-off) stay as written.
        body_html=render_markdown(body, line_breaks=True),
        created_at=now,
    )
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=now, last_from_team=from_team, message_count=F("message_count") + 1
    )
    conversation.last_message_at, conversation.last_from_team = now, from_team
    return message


@transaction.atomic
def start_with_team(*, team_key: str, member, subject: str, body: str, by) -> Message:
    """A team writes first to a member: a new conversation and its first message."""
    if team(team_key) is None:
        raise LookupError(f"No team {team_key!r} in BOOMITY_CONVERSATION_TEAMS")
    conversation = Conversation.objects.create(subject=subject, team=team_key, started_by=by)
    Participant.objects.create(conversation=conversation, member=member)
    return _add(conversation, author=by, body=body, from_team=True)


@transaction.atomic
def write_for_team(conversation: Conversation, *, by, body: str) -> Message:
    """One of the team's people writes in the team's name."""
    return _add(conversation, author=by, body=body, from_team=True)


@transaction.atomic
def write_as_member(conversation: Conversation, *, member, body: str) -> tuple[Message, bool]:
    """A member writes in a conversation they are in. Returns the message and whether a
    screener found words that may come from someone in crisis (help first, on screen)."""
    message = _add(conversation, author=member, body=body, from_team=False)
    crisis = False
    for screener in screeners():
        crisis = bool(screener.screen_message(message)) or crisis
    mark_read(conversation, member)
    return message, crisis


def mark_read(conversation: Conversation, member) -> None:
    Participant.objects.filter(conversation=conversation, member=member).update(
        read_at=timezone.now()
    )


def erase_messages_of(user) -> None:
    """Their words go with their account; the conversation (the other side's record) stays."""
    Message.objects.filter(author=user, from_team=False).update(body="", body_html="", erased=True)
