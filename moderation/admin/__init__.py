"""The moderators' workplace: the review queue, sanctions, the audit log, and staff settings.

Every decision goes through moderation/actions.py, so each one is a single
transaction with its audit row and the author's notice.
"""

from . import community, handover, members, messages, queue, record, second_looks, words

__all__ = [
    "community",
    "handover",
    "members",
    "messages",
    "queue",
    "record",
    "second_looks",
    "words",
]
