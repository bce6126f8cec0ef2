"""Moderation's models, one module per concern; import them from here."""

from .appeals import SecondLook, SecondLookOutcome, SecondLookQuerySet
from .casework import HandoverNote, HandoverNoteQuerySet, MemberNote, MemberNoteQuerySet
from .claims import ItemEventKind, ReviewItemEvent
from .escalation import Escalation, EscalationContact
from .messages import MessageTemplate
from .queue import (
    Flag,
    FlagQuerySet,
    FlagReason,
    Priority,
    ReviewItem,
    ReviewItemQuerySet,
    ReviewState,
)
from .record import AuditAction, AuditEntry, AuditEntryQuerySet, Sanction, SanctionKind
from .settings import CrisisPostBehaviour, CrisisResource, ModerationSettings
from .words import CrisisPhrase, WatchedAction, WatchedWord

__all__ = [
    "CrisisPostBehaviour",
    "ModerationSettings",
    "CrisisResource",
    "CrisisPhrase",
    "WatchedAction",
    "WatchedWord",
    "FlagReason",
    "FlagQuerySet",
    "Flag",
    "Priority",
    "ReviewState",
    "ReviewItemQuerySet",
    "ReviewItem",
    "ItemEventKind",
    "ReviewItemEvent",
    "MessageTemplate",
    "EscalationContact",
    "Escalation",
    "SanctionKind",
    "Sanction",
    "AuditEntryQuerySet",
    "AuditAction",
    "AuditEntry",
    "MemberNote",
    "MemberNoteQuerySet",
    "HandoverNote",
    "HandoverNoteQuerySet",
    "SecondLook",
    "SecondLookOutcome",
    "SecondLookQuerySet",
]
