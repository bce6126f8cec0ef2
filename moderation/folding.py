"""What the moderators' pages keep folded, and why.

Distressing words are read only once a moderator chooses to open them: on every
admin page, not only the review item. A post's words (an opening post's title
too) fold when forums.screening.distressing says so — crisis language, a member
worried about the author's safety, a content warning. Words written *about* a
post (a flag's note, a reason in the audit log) fold with the post they are
about, and any text with crisis language folds wherever it is (a sanction's
reason). The fold itself is forums.admin.folded: a closed <details> whose
summary says why in plain words, never the words themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType

from forums.models import Post
from forums.screening import distressing

from .models import AuditEntry, ReviewItem
from .screening import CRISIS_LANGUAGE, SAFETY_FLAG, crisis_words

# Reason lines whose detail is someone's words: the matched phrases, or a
# moderator's reason that may quote the post.
_WORDS_AFTER_COLON = ("Crisis language", "Escalated")


def item_why(item: ReviewItem, post_why: dict[int, list[str]]) -> list[str]:
    """Why a review item's post stays folded: the post's reasons, plus what the
    item itself remembers (crisis language when screened, the warning it had)."""
    why = list(post_why.get(item.post_id, []))
    if item.crisis and CRISIS_LANGUAGE not in why:
        why.insert(0, CRISIS_LANGUAGE)
    warning = item.snapshot_content_warning
    if warning and f"content warning: {warning}" not in why:
        why.append(f"content warning: {warning}")
    return why


def items_why(items: Iterable[ReviewItem]) -> dict[int, list[str]]:
    """{item pk: why} for a page of items, in a few queries (their posts' threads loaded)."""
    items = list(items)
    post_why = distressing(item.post for item in items)
    return {item.pk: item_why(item, post_why) for item in items}


def what_it_is(item: ReviewItem, why: list[str]) -> str:
    """The queue's words for an item's post: never the post itself when it may distress."""
    if CRISIS_LANGUAGE in why:
        return "Post with crisis language (open to read)"
    if SAFETY_FLAG in why:
        return "Post a member is worried about (open to read)"
    if why:
        return f"{why[0][0].upper()}{why[0][1:]} (open to read)"
    text = item.snapshot_title or item.snapshot_body
    return text[:80] + ("…" if len(text) > 80 else "")


def reasons_in_words(reasons: str) -> list[str]:
    """An item's reasons without the words that raised them ("Crisis language", not
    the phrases): for the queue list, and above the fold on the item's page."""
    lines: list[str] = []
    for line in reasons.splitlines():
        head = line.partition(": ")[0]
        if head in _WORDS_AFTER_COLON:
            line = "Escalated to staff" if head == "Escalated" else head
        if line not in lines:
            lines.append(line)
    return lines


def text_why(text: str, words: Callable[..., list[str]], about: Iterable[str] = ()) -> list[str]:
    """Why a note or a reason folds: the post it is about, or crisis language of its own."""
    why = list(about)
    if CRISIS_LANGUAGE not in why and text and words(text):
        why.insert(0, CRISIS_LANGUAGE)
    return why


def audit_why(entries: Iterable[AuditEntry]) -> dict[int, list[str]]:
    """{entry pk: why its reason folds} for a page of the audit log."""
    entries = list(entries)
    post_ids = {int(entry.target_id) for entry in entries if _is_post(entry)}
    posts = Post.objects.filter(pk__in=post_ids).select_related("thread")
    post_why = distressing(posts)
    words = crisis_words()
    found = {}
    for entry in entries:
        about = post_why.get(int(entry.target_id), []) if _is_post(entry) else []
        found[entry.pk] = text_why(entry.reason, words, about)
    return found


def _is_post(entry: AuditEntry) -> bool:
    return (
        entry.target_type_id == ContentType.objects.get_for_model(Post).pk
        and entry.target_id.isdigit()
    )
