"""moderation's post screener: watched words, crisis language, new members' first posts.

forums runs it on every new or edited post through BOOMITY_POST_SCREENERS
(see forums/screening.py). Crisis language never blocks a post.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial

from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce

from forums.models import Post, PostStatus
from forums.screening import Screening

from .actions import open_review, open_review_for_message, record
from .models import (
    AuditAction,
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
# themselves, written here so every community starts with them — and gets the
# new ones with each release, since they live in the code, not in the database.
# Staff add their own in the admin (CrisisPhrase). Matched as whole words, any
# case, apostrophes optional ("cant go on"), a hyphen matching a space or nothing
# ("self harm", "selfharm"). A match never blocks or hides a post: the author is
# shown help at once, and the moderators are alerted.
#
# People rarely write "suicidal": they write that they are a burden, that nobody
# would notice if they disappeared. So the list holds the words of passive
# ideation as well as of plans, and each word form people use. It names no
# methods: only the words people write about themselves.
DEFAULT_CRISIS_PHRASES = (
    # Ending one's life
    "kill myself",
    "killing myself",
    "unalive myself",
    "unaliving myself",
    "end my life",
    "ending my life",
    "end my own life",
    "take my own life",
    "taking my own life",
    "take my life",
    "end it all",
    "ending it all",
    "end things for good",
    "suicide",
    "suicides",
    "suicidal",
    "suicidality",
    "overdose",
    "overdosed",
    "overdoses",
    "overdosing",
    # Wanting to die, or not to be alive
    "want to die",
    "wanna die",
    "wanting to die",
    "ready to die",
    "want to be dead",
    "wish I was dead",
    "wish I were dead",
    "wish I'd never been born",
    "wish I was never born",
    "wish I wasn't alive",
    "wish I wasn't here",
    "wish I weren't here",
    "better off dead",
    "don't want to live",
    "do not want to live",
    "don't want to be alive",
    "don't want to exist",
    "want to stop existing",
    "don't want to be here anymore",
    "don't want to be here any more",
    "tired of living",
    "tired of being alive",
    "tired of life",
    "done with life",
    "give up on life",
    "giving up on life",
    # Passive ideation: no reason, no way on, a burden, not missed
    "no reason to live",
    "no reason to keep living",
    "no reason to go on",
    "nothing to live for",
    "no point in living",
    "no point living",
    "no point in going on",
    "not worth living",
    "life isn't worth living",
    "can't go on",
    "cannot go on",
    "can't keep going",
    "can't do this anymore",
    "can't do this any more",
    "can't take it anymore",
    "can't take it any more",
    "better off without me",
    "better off if I wasn't here",
    "better off if I weren't here",
    "better off if I was gone",
    "better off if I were gone",
    "I'm a burden",
    "I am a burden",
    "I'm such a burden",
    "I am such a burden",
    "I'm just a burden",
    "I feel like a burden",
    "I feel like such a burden",
    "feel like I'm a burden",
    "feel like I am a burden",
    "being a burden",
    "a burden to everyone",
    "a burden on everyone",
    "nobody would notice if I",
    "no one would notice if I",
    "nobody would care if I",
    "no one would care if I",
    "nobody would miss me",
    "no one would miss me",
    "if I disappeared",
    "if I just disappeared",
    "want to disappear",
    "wanna disappear",
    "wish I could disappear",
    "disappear forever",
    "disappear for good",
    "sleep and never wake up",
    "sleep and not wake up",
    "never wake up again",
    "hope I don't wake up",
    "wish I wouldn't wake up",
    "wish I didn't wake up",
    "don't want to wake up anymore",
    "don't want to wake up any more",
    "don't want to wake up again",
    # Goodbyes
    "say goodbye to everyone",
    "saying goodbye to everyone",
    "this is my goodbye",
    "not be here tomorrow",
    "won't be around much longer",
    # Harming oneself
    "hurt myself",
    "hurting myself",
    "harm myself",
    "harming myself",
    "self-harm",
    "self-harmed",
    "self-harming",
    "self-harms",
    "self-injury",
    "self-injure",
    "self-injured",
    "self-injuring",
    "cut myself",
    "cutting myself",
    "cut myself again",
)

# Everyday sayings that hold a crisis phrase but mean something else; taken out
# before the defaults are looked for (staff's own phrases are looked for in the
# text as written). Someone who writes both still matches on the other words.
ORDINARY_SAYINGS = (
    "cut myself some slack",
    "cut myself a break",
    "cut myself off",
    "cutting myself off",
    "cutting myself some slack",
    "cut myself shaving",
    "cut myself cooking",
    "cut myself chopping",
    "cut myself a slice",
    "cut myself a piece",
    "take my life back",
    "take my life in",
    "hurt myself at the gym",
    "hurt myself lifting",
    "hurt myself running",
    "hurt myself playing",
    "hurt myself falling",
    "killing myself laughing",
    "kill myself laughing",
    "want to die of embarrassment",
    "wanna die of embarrassment",
    "overdosed on coffee",
    "overdosed on caffeine",
    "overdosed on sugar",
    "overdosed on chocolate",
    "overdose on coffee",
    "overdose on caffeine",
    "overdose on sugar",
    "overdose on chocolate",
)

DEFAULT_REFUSAL = (
    "We couldn't post this, because it includes something our community guidelines don't "
    "allow here. Your text is still below — you could change that part and try again."
)


# Apostrophes and hyphens as phones and word processors type them.
_LOOK_ALIKES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-"}
)


def normalize(text: str) -> str:
    # Curly apostrophes and runs of spaces shouldn't let a phrase slip past.
    return re.sub(r"\s+", " ", text.translate(_LOOK_ALIKES))


@lru_cache(maxsize=2048)
def phrase_pattern(phrase: str) -> re.Pattern:
    """A whole-word, any-case pattern: spaces, line breaks or hyphens between the
    words ("no-one"), apostrophes optional, a hyphen in the phrase matching a space or
    nothing ("self harm", "selfharm"), and symbols at either end allowed ("$$$")."""
    words = [
        re.escape(word).replace("'", "'?").replace(r"\-", r"[-\s]?")
        for word in normalize(phrase).split()
    ]
    return re.compile(r"(?<!\w)" + r"[\s-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def _without_ordinary_sayings(text: str) -> str:
    for saying in ORDINARY_SAYINGS:
        text = phrase_pattern(saying).sub(" ", text)
    return text


def find_crisis_language(*texts: str, staff_phrases: list[str] | None = None) -> list[str]:
    """The crisis phrases (defaults first, then staff's) found in these texts. Pass
    staff's phrases when checking many texts, so they are read once (see crisis_words)."""
    found: dict[str, str] = {}
    written = normalize("\n".join(t for t in texts if t))
    plain = _without_ordinary_sayings(written)
    if staff_phrases is None:
        staff_phrases = list(CrisisPhrase.objects.values_list("phrase", flat=True))
    looks = [(phrase, plain) for phrase in DEFAULT_CRISIS_PHRASES]
    looks += [(phrase, written) for phrase in staff_phrases]
    for phrase, haystack in looks:
        key = normalize(phrase).lower()
        if key not in found and phrase_pattern(phrase).search(haystack):
            found[key] = phrase
    return list(found.values())


def crisis_words():
    """A checker for many texts (a page of the admin): staff's phrases read once."""
    staff_phrases = list(CrisisPhrase.objects.values_list("phrase", flat=True))
    return lambda *texts: find_crisis_language(*texts, staff_phrases=staff_phrases)


CRISIS_LANGUAGE = "crisis language"
SAFETY_FLAG = "a member is worried about the author's safety"


class ModerationScreener:
    def screen(self, screening: Screening) -> None:
        config = ModerationSettings.load()
        # The author's own words only: quoting a person in crisis is support, not crisis.
        crisis = find_crisis_language(screening.title or "", screening.own_body)
        if crisis:
            screening.crisis = True
            screening.reasons.append("Crisis language: " + ", ".join(crisis))
            # The crisis setting alone decides (forums.screening.settle): no first-post
            # hold or watched word hides a person at risk.
            screening.hold_crisis = config.crisis_post_behaviour == CrisisPostBehaviour.HOLD
        self._watched_words(screening)
        if screening.post is None and self._is_new(screening.author, config):
            screening.hold = True
            screening.reasons.append(
                "One of a new member's first posts (crisis language: the crisis setting decides)"
                if screening.crisis
                else "One of a new member's first posts"
            )

    def _watched_words(self, screening: Screening) -> None:
        for word in WatchedWord.objects.all():
            pattern = word.compiled()
            # Own words only: nobody is refused or held for words they quote.
            fields = [screening.own_body] + ([screening.title] if screening.title else [])
            if not any(pattern.search(text) for text in fields):
                continue
            if word.action == "block" and screening.crisis:
                # Crisis language never turns a person away: the post goes through as
                # the crisis setting says, and the moderators see the word.
                screening.reasons.append(
                    f"Watched word (block; crisis language is never refused): {word.pattern}"
                )
            elif word.action == "block":
                screening.refusal = (
                    f"We couldn't post this. {word.explanation} Your text is still below."
                    if word.explanation
                    else DEFAULT_REFUSAL
                )
                return
            if word.action == "replace":
                self._replace(screening, word, pattern)
            elif word.action == "hold":
                screening.hold = True
                note = "hold; crisis language: the crisis setting decides"
                screening.reasons.append(
                    f"Watched word ({note if screening.crisis else 'hold'}): {word.pattern}"
                )
            elif word.action == "flag":
                screening.flag = True
                screening.reasons.append(f"Watched word (flag): {word.pattern}")

    def rewrite(self, screening: Screening) -> None:
        """The words as `screen` would leave them, and nothing else: replaced words are
        replaced; nothing is refused, held, flagged or called crisis (a preview, through
        forums.screening.as_saved). Only replacing changes text, so this is the text a
        post that isn't refused is saved with."""
        for word in WatchedWord.objects.filter(action="replace"):
            self._replace(screening, word, word.compiled())

    @staticmethod
    def _replace(screening: Screening, word: WatchedWord, pattern: re.Pattern) -> None:
        # A function, so the replacement is used as written (no \1 or \o).
        replacement = lambda match, text=word.replacement: text  # noqa: E731
        screening.rewrite_own(partial(pattern.sub, replacement))
        if screening.title:
            screening.title = pattern.sub(replacement, screening.title)

    def holds_first_posts(self, author) -> bool:
        """_is_new without saving anything, in one query: the thread page asks it for
        its reply box, on every visit."""
        if author is None or author.is_staff:
            return False
        published = (
            self._posts_that_count(author)
            .order_by()
            .values("author")
            .annotate(n=Count("pk"))
            .values("n")
        )
        row = (
            ModerationSettings.objects.filter(pk=1)
            .annotate(published=Coalesce(Subquery(published), 0))
            .values_list("new_member_hold_count", "published")
            .first()
        )
        if row is None:  # no settings saved yet: the defaults apply
            return self._is_new(author, ModerationSettings.load())
        held, count = row
        return count < held

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

    def at_risk(self, posts: list[Post]) -> set[int]:
        """Posts with an urgent review item for crisis language, open or done: the
        moderators know about them (forums' seam; the thread page tells other members
        how to respond). One query."""
        return set(
            ReviewItem.objects.filter(
                post__in=[post.pk for post in posts], crisis=True, priority=Priority.URGENT
            ).values_list("post_id", flat=True)
        )

    @staticmethod
    def _is_new(author, config: ModerationSettings) -> bool:
        if config.new_member_hold_count == 0 or author is None or author.is_staff:
            return False
        return ModerationScreener._posts_that_count(author).count() < config.new_member_hold_count

    @staticmethod
    def _posts_that_count(author):
        # A post no moderator has looked at yet doesn't count, even if it was published
        # (crisis language is published unheld), so writing crisis words can't be a
        # way round the hold for the posts after it.
        return (
            Post.objects.filter(author=author)
            .exclude(status=PostStatus.PENDING)
            .exclude(review_items__in=ReviewItem.objects.open())
        )

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
        # An item that becomes urgent alerts the on-call moderators (open_review).
        open_review(
            post,
            priority=priority,
            reasons=screening.reasons,
            crisis=screening.crisis,
            held=screening.hold,
        )

    def turned_away(self, post, screening: Screening, because: str) -> None:
        """Crisis language in an edit that couldn't be saved: an urgent item with the
        words, so a moderator reads them (the author was shown help and kept them)."""
        open_review(
            post,
            priority=Priority.URGENT,
            reasons=[*screening.reasons, because],
            crisis=True,
            held=post.is_pending,
            words=(
                screening.title or (post.thread.title if post.is_opening else ""),
                screening.body,
            ),
        )


class MessageScreener:
    """members tells it of every message a member writes in a conversation
    (BOOMITY_MESSAGE_SCREENERS, members/conversations.py), inside the transaction that
    saves it: each one goes in the audit log (by number, never its words), and crisis
    language opens an urgent review item about the message, as a post's would. Nothing
    is refused or held: a person writing to the team is always heard."""

    def screen_message(self, message) -> bool:
        crisis = find_crisis_language(message.body)
        if not message.conversation.team:
            # Between members: not the team's to read or record; the writer still
            # sees help first.
            return bool(crisis)
        record(
            message.author,
            AuditAction.MESSAGE_MEMBER,
            message,
            detail=f"From member {message.author_id}" if message.author_id else "",
        )
        if crisis:
            open_review_for_message(message, reasons=["Crisis language: " + ", ".join(crisis)])
        return bool(crisis)
