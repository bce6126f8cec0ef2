"""moderation's post screener: watched words, crisis language, new members' first posts.

forums runs it on every new or edited post through BOOMITY_POST_SCREENERS
(see forums/screening.py). Crisis language never blocks a post.
"""

from __future__ import annotations

import re

from core.tasks import enqueue_on_commit
from forums.models import Post, PostStatus
from forums.screening import Screening

from . import tasks
from .actions import open_review
from .models import (
    CrisisPhrase,
    CrisisPostBehaviour,
    Flag,
    FlagReason,
    ModerationSettings,
    Priority,
    ReviewItem,
    WatchedWord,
)

# Phrases that suggest someone may be thinking of ending their life or harming
# themselves, written here so every community starts with them. Staff add their
# own in the admin (CrisisPhrase). Matched as whole words, any case, apostrophes
# optional. A match never blocks a post: the author is shown help at once, and
# the moderators are alerted.
DEFAULT_CRISIS_PHRASES = (
    "kill myself",
    "killing myself",
    "end my life",
    "ending my life",
    "take my own life",
    "taking my own life",
    "want to die",
    "wanna die",
    "wish I was dead",
    "wish I were dead",
    "better off dead",
    "better off without me",
    "no reason to live",
    "nothing to live for",
    "don't want to live",
    "don't want to be here anymore",
    "can't go on",
    "end it all",
    "suicidal",
    "thinking about suicide",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "cut myself",
    "cutting myself",
    "overdose",
    "say goodbye to everyone",
    "not be here tomorrow",
)

DEFAULT_REFUSAL = (
    "We couldn't post this, because it includes something our community guidelines don't "
    "allow here. Your text is still below — you could change that part and try again."
)


def normalize(text: str) -> str:
    # Curly apostrophes and runs of spaces shouldn't let a phrase slip past.
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u2018", "'"))


def phrase_pattern(phrase: str) -> re.Pattern:
    """A whole-word, any-case pattern: any run of spaces or line breaks between the
    words, apostrophes optional, and symbols at either end allowed ("$$$")."""
    words = [re.escape(word).replace("'", "'?") for word in normalize(phrase).split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def find_crisis_language(*texts: str, staff_phrases: list[str] | None = None) -> list[str]:
    """The crisis phrases in these texts. Pass staff's phrases when checking many texts,
    so they are read once (see crisis_words)."""
    found = []
    haystack = normalize("\n".join(t for t in texts if t))
    if staff_phrases is None:
        staff_phrases = list(CrisisPhrase.objects.values_list("phrase", flat=True))
    for phrase in (*DEFAULT_CRISIS_PHRASES, *staff_phrases):
        if phrase_pattern(phrase).search(haystack):
            found.append(phrase)
    return found


def crisis_words():
    """A checker for many texts (a page of the admin): staff's phrases read once."""
    staff_phrases = list(CrisisPhrase.objects.values_list("phrase", flat=True))
    return lambda *texts: find_crisis_language(*texts, staff_phrases=staff_phrases)


CRISIS_LANGUAGE = "crisis language"
SAFETY_FLAG = "a member is worried about the author's safety"


class ModerationScreener:
    def screen(self, screening: Screening) -> None:
        config = ModerationSettings.load()
        crisis = find_crisis_language(screening.title or "", screening.body)
        if crisis:
            screening.crisis = True
            screening.reasons.append("Crisis language: " + ", ".join(crisis))
            if config.crisis_post_behaviour == CrisisPostBehaviour.HOLD:
                screening.hold = True
        self._watched_words(screening)
        if screening.post is None and self._is_new(screening.author, config):
            screening.hold = True
            screening.reasons.append("One of a new member's first posts")

    def _watched_words(self, screening: Screening) -> None:
        for word in WatchedWord.objects.all():
            pattern = word.compiled()
            fields = [screening.body] + ([screening.title] if screening.title else [])
            if not any(pattern.search(text) for text in fields):
                continue
            if word.action == "block" and screening.crisis:
                # Crisis language never blocks a post: a moderator decides instead.
                screening.hold = True
                screening.reasons.append(f"Watched word (block, held for crisis): {word.pattern}")
            elif word.action == "block":
                screening.refusal = (
                    f"We couldn't post this. {word.explanation} Your text is still below."
                    if word.explanation
                    else DEFAULT_REFUSAL
                )
                return
            if word.action == "replace":
                # A function, so the replacement is used as written (no \1 or \o).
                replacement = lambda match, text=word.replacement: text  # noqa: E731
                screening.body = pattern.sub(replacement, screening.body)
                if screening.title:
                    screening.title = pattern.sub(replacement, screening.title)
            elif word.action == "hold":
                screening.hold = True
                screening.reasons.append(f"Watched word (hold): {word.pattern}")
            elif word.action == "flag":
                screening.flag = True
                screening.reasons.append(f"Watched word (flag): {word.pattern}")

    def distressing(self, posts: list[Post]) -> dict[int, list[str]]:
        """Posts whose words moderators should open only when ready (forums' seam):
        crisis language, now or when screened, and posts a member flagged out of worry
        for the author's safety (dismissed or not: the words are the same)."""
        ids = [post.pk for post in posts]
        crisis_items = set(
            ReviewItem.objects.filter(post__in=ids, crisis=True).values_list("post_id", flat=True)
        )
        safety = set(
            Flag.objects.filter(post__in=ids, reason=FlagReason.SAFETY).values_list(
                "post_id", flat=True
            )
        )
        words = crisis_words()
        found: dict[int, list[str]] = {}
        for post in posts:
            title = post.thread.title if post.is_opening else ""
            why = []
            if post.pk in crisis_items or words(title, post.body):
                why.append(CRISIS_LANGUAGE)
            if post.pk in safety:
                why.append(SAFETY_FLAG)
            if why:
                found[post.pk] = why
        return found

    @staticmethod
    def _is_new(author, config: ModerationSettings) -> bool:
        if config.new_member_hold_count == 0 or author is None or author.is_staff:
            return False
        published = Post.objects.filter(author=author).exclude(status=PostStatus.PENDING)
        return published.count() < config.new_member_hold_count

    def after_save(self, post, screening: Screening) -> None:
        if not screening.needs_review:
            return
        priority = (
            Priority.URGENT
            if screening.crisis
            else Priority.FLAGGED
            if screening.flag and not screening.hold
            else Priority.HELD
        )
        already_urgent = ReviewItem.objects.open().filter(post=post, crisis=True).exists()
        item = open_review(
            post,
            priority=priority,
            reasons=screening.reasons,
            crisis=screening.crisis,
            held=screening.hold,
        )
        # One alert per item: re-editing a post that's already waiting doesn't page again.
        if screening.crisis and not already_urgent:
            # Enqueued, never awaited: posting must not wait on, or fail because of, e-mail.
            enqueue_on_commit(tasks.send_crisis_alert, item.pk)
