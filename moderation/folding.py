"""What the moderators' pages keep folded, and why.

Distressing words are read only once a moderator chooses to open them: on every
admin page, not only the review item. A post's words (an opening post's title
too) fold when forums.screening.distressing says so — crisis language, a member
worried about the author's safety, a content warning. Words written *about* a
post (a flag's note, a reason in the audit log) fold with the post they are
about (a sanction's reason with the post it was decided on), and any text with
crisis language folds wherever it is: one rule, `text_why`. A moderator's reason
(a sanction's, the audit log's, an item's history) is written about a member more
than a post: it folds on crisis language of its own, or when it quotes the
distressing post (a run of QUOTE_WORDS words in common) — `reason_why` — and a
plain "Guideline 1: repeated posts after a warning." reads at a glance. The fold itself is
forums.admin.folded: a closed <details> whose summary says why in plain words,
never the words themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from forums.models import Post, PostVersion
from forums.screening import distressing

from .models import AuditEntry, FlagReason, ReviewItem, Sanction
from .models import queue as reason
from .screening import CRISIS_LANGUAGE, SAFETY_FLAG, crisis_words

# Reason lines whose detail is someone's words: the matched phrases, or a
# moderator's reason that may quote the post.
_WORDS_AFTER_COLON = ("Crisis language", "Escalated")


def item_why(item: ReviewItem, post_why: dict[int, list[str]]) -> list[str]:
    """Why a review item's post stays folded: the post's reasons, plus what the
    item itself remembers (crisis language when screened, the warning it had)."""
    why = list(post_why.get(item.post_id, []) if item.post_id is not None else [])
    if item.crisis and str(CRISIS_LANGUAGE) not in why:
        why.insert(0, str(CRISIS_LANGUAGE))
    warning = item.snapshot_content_warning
    if warning and _content_warning(warning) not in why:
        why.append(_content_warning(warning))
    return why


def _content_warning(warning: str) -> str:
    # The same words as forums.screening.distressing's, so the two are one reason.
    return _("content warning: %(warning)s") % {"warning": warning}


def items_why(items: Iterable[ReviewItem]) -> dict[int, list[str]]:
    """{item pk: why} for a page of items, in a few queries (their posts' threads loaded)."""
    items = list(items)
    post_why = distressing(item.post for item in items if item.post_id is not None)
    return {item.pk: item_why(item, post_why) for item in items}


def what_it_is(item: ReviewItem, why: list[str]) -> str:
    """The queue's words for an item's post: never the post itself when it may distress."""
    if str(CRISIS_LANGUAGE) in why and item.message_id is not None:
        return _("Message to the team with crisis language (open to read)")
    if str(CRISIS_LANGUAGE) in why:
        return _("Post with crisis language (open to read)")
    if str(SAFETY_FLAG) in why:
        return _("Post a member is worried about (open to read)")
    if why:
        # Translators: why a post may distress, e.g. "Content warning: self-harm".
        return _("%(why)s (open to read)") % {"why": capfirst(why[0])}
    text = item.snapshot_title or item.snapshot_body
    return text[:80] + ("…" if len(text) > 80 else "")


def reasons_in_words(reasons: str) -> list[str]:
    """An item's reasons without the words that raised them ("Crisis language", not
    the phrases): for the queue list, and above the fold on the item's page. In the
    reader's language (the lines are kept in English: see moderation/models/queue.py)."""
    lines: list[str] = []
    for line in reasons.splitlines():
        head = line.partition(": ")[0]
        if head in _WORDS_AFTER_COLON:
            line = _("Escalated to staff") if head == "Escalated" else _("Crisis language")
        else:
            line = reason_in_words(line)
        if line not in lines:
            lines.append(line)
    return lines


# The reason lines with words after them (moderation/models/queue.py), as patterns that
# find those words in a line kept in English.
_REASONS_WITH_WORDS = [
    (template, re.compile(re.escape(template).replace(re.escape("%(pattern)s"), "(?P<pattern>.*)")))
    for template in (
        reason.REASON_WATCHED_BLOCK_CRISIS,
        reason.REASON_WATCHED_HOLD_CRISIS,
        reason.REASON_WATCHED_HOLD,
        reason.REASON_WATCHED_FLAG,
    )
]
_FLAGGED = re.compile(re.escape(reason.REASON_FLAGGED).replace(re.escape("%(reason)s"), "(.*)"))


def reason_in_words(line: str) -> str:
    """One reason line, kept in English, in the reader's language: its words (a watched
    word, a flag's reason) as they were. A line from elsewhere (forums' own reasons) is
    looked up as it is, and shown as written if there is no translation."""
    if line in (reason.REASON_NEW_MEMBER, reason.REASON_NEW_MEMBER_CRISIS):
        return _(line)
    for template, pattern in _REASONS_WITH_WORDS:
        if match := pattern.fullmatch(line):
            return _(template) % {"pattern": match["pattern"]}
    if match := _FLAGGED.fullmatch(line):
        label = _flag_reasons_in_english().get(match[1])
        if label is not None:
            return _(reason.REASON_FLAGGED) % {"reason": label}
        return line
    return _(line) if line else line


def _flag_reasons_in_english() -> dict[str, str]:
    """{a flag reason's English words: its words in the reader's language}."""
    with translation.override("en"):
        english = {str(choice.label): choice for choice in FlagReason}
    return {words: str(choice.label) for words, choice in english.items()}


def text_why(text: str, words: Callable[..., list[str]], about: Iterable[str] = ()) -> list[str]:
    """Why words written about a post fold (a flag's note, a sanction's or the audit
    log's reason): the post's own reasons (`about`, from forums.screening.distressing),
    and crisis language of their own. Nothing written, nothing to fold."""
    if not (text or "").strip():
        return []
    why = list(about)
    if str(CRISIS_LANGUAGE) not in why and text and words(text):
        why.insert(0, str(CRISIS_LANGUAGE))
    return why


# How many words in a row a reason must share with a post to count as quoting it.
QUOTE_WORDS = 5
_WORD = re.compile(r"\w+(?:['’]\w+)*")


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall((text or "").lower().replace("’", "'"))
    return {tuple(words[i : i + QUOTE_WORDS]) for i in range(len(words) - QUOTE_WORDS + 1)}


def quotes(text: str, sources: Iterable[str]) -> bool:
    """Whether `text` repeats QUOTE_WORDS or more words in a row from any of `sources`."""
    runs = _runs(text)
    return bool(runs) and any(runs & _runs(source) for source in sources if source)


def reason_why(
    text: str,
    words: Callable[..., list[str]],
    about: Iterable[str] = (),
    sources: Iterable[str] = (),
) -> list[str]:
    """Why a moderator's reason folds: crisis language of its own, or words quoted
    from the post it is about (`sources`: its words, title, the words reported), in
    which case it folds as that post does (`about`). Otherwise it is shown."""
    if not (text or "").strip():
        return []
    about = list(about)
    why = about if about and quotes(text, sources) else []
    return text_why(text, words, why)


def quotable(post_ids: Iterable[int]) -> dict[int, list[str]]:
    """{post pk: every text a reason about it could quote}: its words and title now,
    every earlier version (a reason often quotes what an edit took out), and what
    review items kept as reported. Three queries, however many posts."""
    posts = _posts(post_ids)
    texts: dict[int, list[str]] = {
        pk: [post.body, post.thread.title if post.is_opening else ""] for pk, post in posts.items()
    }
    if not texts:
        return {}
    for pk, title, body in PostVersion.objects.filter(post_id__in=texts).values_list(
        "post_id", "title", "body"
    ):
        texts[pk] += [title, body]
    for pk, title, body in ReviewItem.objects.filter(post_id__in=texts).values_list(
        "post_id", "snapshot_title", "snapshot_body"
    ):
        texts[pk] += [title, body]
    return texts


def _posts(post_ids: Iterable[int]) -> dict[int, Post]:
    post_ids = set(post_ids)
    if not post_ids:
        return {}
    return Post.objects.filter(pk__in=post_ids).select_related("thread").in_bulk()


def posts_why(post_ids: Iterable[int]) -> dict[int, list[str]]:
    """forums.screening.distressing for posts known by pk."""
    posts = _posts(post_ids)
    return distressing(posts.values()) if posts else {}


def _reasons_why(texts: dict[int, tuple[str, int | None]]) -> dict[int, list[str]]:
    """{key: why} for reasons, each about a post (or None): one query for the posts."""
    post_ids = {pk for _, pk in texts.values() if pk is not None}
    post_why = posts_why(post_ids)
    # Only a distressing post's words need looking for in a reason.
    sources = quotable(pk for pk in post_ids if post_why.get(pk))
    words = crisis_words()
    return {
        key: reason_why(
            text,
            words,
            post_why.get(post_id, []) if post_id is not None else [],
            sources.get(post_id, []) if post_id is not None else [],
        )
        for key, (text, post_id) in texts.items()
    }


def sanctions_why(sanctions: Iterable[Sanction]) -> dict[int, list[str]]:
    """{sanction pk: why its reason folds}: its own crisis language, or words quoted
    from the distressing post it was decided on."""
    return _reasons_why({s.pk: (s.reason, s.post_id) for s in sanctions})


def audit_why(entries: Iterable[AuditEntry]) -> dict[int, list[str]]:
    """{entry pk: why its reason folds} for a page of the audit log: its own crisis
    language, or words quoted from the distressing post it is about (or the post its
    sanction was decided on)."""
    entries = list(entries)
    about_sanction = {int(e.target_id) for e in entries if _targets(e, Sanction)}
    sanction_posts = dict(
        Sanction.objects.filter(pk__in=about_sanction, post__isnull=False).values_list(
            "pk", "post_id"
        )
        if about_sanction
        else []
    )
    post_of = {}
    for entry in entries:
        if _targets(entry, Post):
            post_of[entry.pk] = int(entry.target_id)
        elif _targets(entry, Sanction) and int(entry.target_id) in sanction_posts:
            post_of[entry.pk] = sanction_posts[int(entry.target_id)]
    return _reasons_why({entry.pk: (entry.reason, post_of.get(entry.pk)) for entry in entries})


def _targets(entry: AuditEntry, model) -> bool:
    return (
        entry.target_type_id == ContentType.objects.get_for_model(model).pk
        and entry.target_id.isdigit()
    )


def version_why(version, words, post_why: list[str]) -> list[str]:
    """Why an earlier version of a post may distress: the post's own reasons, crisis
    language of its own (an edit may have taken it out), the warning it had."""
    why = text_why(f"{version.title}\n{version.body}", words, post_why)
    if version.content_warning and _content_warning(version.content_warning) not in why:
        why.append(_content_warning(version.content_warning))
    return why
