from typing import cast

from django import forms
from django.core import signing
from django.forms.models import ModelChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.forms import QuickSelect, ServerCheckedLengthField

from . import once
from .models import (
    MAX_TOPICS,
    Board,
    ContentWarning,
    Mute,
    MuteKind,
    Topic,
    warning_choices,
    warning_words,
)
from .search import MAX_QUERY_LENGTH

MAX_BODY = 20_000

BODY_HELP = _(
    "You can use Markdown: *italic*, **bold**, > for a quote, - for a list. "
    "Links are made clickable for you."
)


class BodyField(ServerCheckedLengthField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your message"))
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("max_length", MAX_BODY)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Your message is empty. Write a few words, then send it."),
                "invisible": _(
                    "Your message has only invisible characters in it (such as zero-width "
                    "spaces), so nobody would see anything. Please write a few words, then "
                    "send it — what you typed is still here."
                ),
                "max_length": _(
                    "Your message is longer than we can keep in one post (%(limit_value)d "
                    "characters; it has %(show_value)d). You could split it into two "
                    "replies — your text is still here."
                ),
            },
        )
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(**kwargs)


class TitleField(ServerCheckedLengthField):
    def __init__(self, **kwargs):
        super().__init__(
            label=_("Title"),
            max_length=120,
            min_length=3,
            help_text=_("A few words that tell people what your thread is about."),
            error_messages={
                "required": _("Please give your thread a title, so people can find it."),
                "invisible": _(
                    "Your title has only invisible characters in it (such as zero-width "
                    "spaces), so nobody could see it. Please write a few words that say what "
                    "your thread is about."
                ),
                "min_length": _("Please use at least %(limit_value)d characters for the title."),
                "max_length": _(
                    "Please keep the title to %(limit_value)d characters (it has "
                    "%(show_value)d). You can say more in the message."
                ),
            },
            **kwargs,
        )

    def clean(self, value):
        # Runs of spaces and line breaks in a title are never meant.
        return super().clean(" ".join((value or "").split()))


class ContentWarningField(forms.ChoiceField):
    """One of the warnings staff keep, or none."""

    def __init__(self, inherited: str = "", **kwargs):
        super().__init__(
            label=_("Content warning"),
            required=False,
            help_text=_(
                "If what you write may be hard for someone to read, choose a warning. "
                "Readers see it first and choose whether to open your post."
            ),
            **kwargs,
        )
        # A reply in a thread with a warning is shown behind it anyway: say so.
        none = (
            gettext("Same as the thread (%(warning)s)") % {"warning": warning_words(inherited)}
            if inherited
            else pgettext_lazy("no content warning", "None")
        )
        # The label is what posts keep; members read it in their language.
        self.choices = [("", none), *warning_choices()]

    # On every thread's last page (the reply box): written without a template per option.
    widget = QuickSelect


def _topics_help() -> str:
    return gettext(
        "Choose up to %(most)d that fit, so people looking for them can find your thread. "
        "You can change them later."
    ) % {"most": MAX_TOPICS}


class TopicsField(forms.ModelMultipleChoiceField):
    """Up to MAX_TOPICS topics from the list staff keep; members can't add new ones."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Topic.objects.all(),
            required=False,
            label=_("Topics"),
            help_text=lazy(_topics_help, str)(),
            error_messages={
                "invalid_choice": _(
                    "One of those topics isn't on our list any more. Please "
                    "choose again — the rest of what you wrote is still here."
                ),
                "invalid_pk_value": _("Please choose topics from the list."),
            },
            **kwargs,
        )

    def clean(self, value):
        topics = super().clean(value)
        if len(topics) > MAX_TOPICS:
            raise forms.ValidationError(
                ngettext(
                    "You chose %(count)d topic. Please keep it to %(most)d or fewer, so "
                    "each one stays useful — untick the ones that fit least. Everything else "
                    "you wrote is still here.",
                    "You chose %(count)d topics. Please keep it to %(most)d or fewer, so "
                    "each one stays useful — untick the ones that fit least. Everything else "
                    "you wrote is still here.",
                    len(topics),
                )
                % {"count": len(topics), "most": MAX_TOPICS},
                code="too_many",
            )
        return topics


def post_token_field() -> forms.CharField:
    """The form's one-time token (forums/once.py): sent twice, it posts once. A new
    one each time the form is shown; a form shown again with an error keeps its own."""
    return forms.CharField(widget=forms.HiddenInput, required=False, initial=once.new_token)


# Whose form this is: a signed token of the member it was shown to. If their sign-in
# ends while they write, the words they send are kept for that member only
# (forums.views.signed_in_to_post): nobody else who signs in on the browser gets them.
WRITER_FIELD = "writer"
_WRITER_SALT = "boomity.forums.writer"
# Long enough to write a post in one sitting; after that a signed-out post still shows
# the words back on the page, to copy, but doesn't keep them for after signing in.
WRITER_MAX_AGE = 12 * 3600


def writer_token(member_pk: int | None) -> str:
    return signing.dumps(member_pk, salt=_WRITER_SALT) if member_pk else ""


def writer_of(request) -> int | None:
    """The member the POSTed form was shown to, if its token is ours and fresh."""
    token = request.POST.get(WRITER_FIELD, "") if request.method == "POST" else ""
    try:
        pk = signing.loads(token, salt=_WRITER_SALT, max_age=WRITER_MAX_AGE)
    except signing.BadSignature:  # tampered, expired (SignatureExpired) or missing
        return None
    return pk if isinstance(pk, int) else None


def writer_field(member_pk: int | None) -> forms.CharField:
    return forms.CharField(
        widget=forms.HiddenInput, required=False, initial=lambda: writer_token(member_pk)
    )


def anonymous_field() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Post as “Anonymous member”"),
        required=False,
        help_text=_(
            "Other members won't see your name on this post. The moderators can, to "
            "keep everyone safe."
        ),
    )


class ThreadForm(forms.Form):
    title = TitleField()
    body = BodyField()

    def __init__(self, *args, board, author, **kwargs):
        self.board = board
        self.author = author
        super().__init__(*args, **kwargs)
        self.fields["content_warning"] = ContentWarningField()
        self.fields["topics"] = TopicsField()
        if board.allow_anonymous:
            self.fields["anonymous"] = anonymous_field()
        self.fields[once.FIELD] = post_token_field()
        self.fields[WRITER_FIELD] = writer_field(author.pk)
        # The warning right after the title: the board's guidelines may ask for one.
        self.order_fields(["title", "content_warning", "body", "topics"])


class ReplyForm(forms.Form):
    body = BodyField(label=_("Your reply"))

    def __init__(self, *args, thread, author, for_moderators: bool = False, **kwargs):
        self.thread = thread
        self.author = author
        # A reply that can't be posted but is kept for the moderators (crisis language
        # in a locked thread): the lock doesn't make it invalid.
        self.for_moderators = for_moderators
        super().__init__(*args, **kwargs)
        self.fields["content_warning"] = ContentWarningField(inherited=thread.content_warning)
        if thread.board.allow_anonymous:
            self.fields["anonymous"] = anonymous_field()
            # Someone who started a thread anonymously stays anonymous in it by default.
            own_anonymous_thread = thread.is_anonymous and thread.author_id == author.pk
            self.fields["anonymous"].initial = own_anonymous_thread
        self.fields[once.FIELD] = post_token_field()
        self.fields[WRITER_FIELD] = writer_field(author.pk)

    def clean(self):
        if self.thread.is_locked and not self.for_moderators:
            raise forms.ValidationError(
                _(
                    "This thread was locked by the moderators, so it can't take new replies. "
                    "Your text is still below if you'd like to copy it or start a new thread."
                )
            )
        return super().clean()


class EditPostForm(forms.Form):
    body = BodyField()

    def __init__(self, *args, post, **kwargs):
        self.post = post
        super().__init__(*args, **kwargs)
        if post.is_opening:
            self.fields = {"title": TitleField(), **self.fields}
        self.fields["content_warning"] = ContentWarningField()
        if post.is_opening:
            self.fields["topics"] = TopicsField()
        self.fields[WRITER_FIELD] = writer_field(post.author_id)


class _ChoicesReadOnce(ModelChoiceIterator):
    """A list's choices from one plain query, kept for the form's life. Django's own
    opens a server-side cursor on PostgreSQL (more round trips) every time."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # read once, then cached on this form's queryset
            yield self.choice(obj)


class _ListChoiceField(forms.ModelChoiceField):
    """A short list to choose from, read in one query and written without templates."""

    iterator = _ChoicesReadOnce
    widget = QuickSelect


class SearchForm(forms.Form):
    """What to look for, and where. Boards are only those the person may read."""

    q = ServerCheckedLengthField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text=_('Posts with all of these words. Use "quotes" for an exact phrase.'),
        error_messages={
            "required": _("Please type a word or two to search for."),
            "max_length": _(
                "Please keep your search to %(limit_value)d characters (it has "
                "%(show_value)d). A few words usually find the most."
            ),
        },
    )
    board = _ListChoiceField(
        queryset=Board.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All boards"),
        label=_("Board"),
        error_messages={
            "invalid_choice": _("We couldn't find that board. Please choose one from the list.")
        },
    )
    topic = _ListChoiceField(
        # Its name in the reader's language (Topic.local_name), and what finds it.
        queryset=Topic.objects.only("name", "names", "slug"),
        required=False,
        to_field_name="slug",
        empty_label=_("Any topic"),
        label=_("Topic"),
        error_messages={
            "invalid_choice": _("We couldn't find that topic. Please choose one from the list.")
        },
    )
    author = forms.CharField(
        label=_("Written by"),
        required=False,
        max_length=30,
        help_text=_("A member's display name."),
        error_messages={"max_length": _("Display names are at most %(limit_value)d characters.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        board = cast(forms.ModelChoiceField, self.fields["board"])
        board.queryset = Board.objects.readable_by(user).in_order().only("name", "slug")

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_author(self) -> str:
        return self.cleaned_data["author"].strip()


class DraftForm(forms.Form):
    """What a member is still writing, kept as a draft: the same limits as a post, so a
    draft can always be posted, and nothing else is checked (a draft may be half a word)."""

    body = BodyField(
        required=False,
        error_messages={
            "max_length": _(
                "Your draft is longer than we can keep (%(limit_value)d characters; it has "
                "%(show_value)d), so it isn't saved. Your text is still here — you could "
                "copy it somewhere safe, or split it into two posts."
            ),
        },
    )
    title = forms.CharField(
        required=False,
        max_length=120,
        strip=False,
        error_messages={
            "max_length": _(
                "Your title is longer than we can keep (%(limit_value)d characters; it has "
                "%(show_value)d), so the draft isn't saved. Your text is still here — you "
                "could shorten the title and say more in the message."
            ),
        },
    )

    # What they chose, kept with the words (see Draft). A draft may be half-decided, so a
    # warning or topic no longer on the list is simply not kept, and nothing is refused.
    anonymous = forms.BooleanField(required=False)
    content_warning = forms.CharField(required=False)
    topics = forms.Field(required=False, widget=forms.MultipleHiddenInput)

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_content_warning(self) -> str:
        label = self.cleaned_data["content_warning"]
        return label if label and ContentWarning.objects.filter(label=label).exists() else ""

    def clean_topics(self) -> list[int]:
        wanted = [int(pk) for pk in self.cleaned_data["topics"] or [] if pk.isdigit()][:50]
        if not wanted:
            return []
        return list(Topic.objects.filter(pk__in=wanted).values_list("pk", flat=True))

    def error_text(self) -> str:
        return " ".join(str(e) for errors in self.errors.values() for e in errors)


MAX_MUTED_WORDS = 200


class MuteWordForm(forms.Form):
    """A word or phrase the member would rather not read: posts with it fold for them."""

    phrase = forms.CharField(
        label=_("A word or phrase to mute"),
        max_length=80,
        help_text=_(
            "Posts and thread titles with it are folded for you, whatever the case of "
            "the letters. Only whole words count: muting “cut” won't fold “cute”."
        ),
        error_messages={
            "required": _("Type the word or phrase you'd like to mute, then press the button."),
            "max_length": _(
                "That's a little long to mute (up to %(limit_value)d letters). "
                "Could you try a shorter phrase?"
            ),
        },
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member

    def clean_phrase(self) -> str:
        phrase = " ".join(self.cleaned_data["phrase"].split())
        if not any(c.isalnum() for c in phrase):
            raise forms.ValidationError(
                _("That has no letters or numbers to look for. Try a word or a phrase.")
            )
        mine = Mute.objects.of(self.member).filter(kind=MuteKind.WORD)
        if mine.filter(phrase__iexact=phrase).exists():
            raise forms.ValidationError(_("You've already muted that. It's in your list below."))
        if mine.count() >= MAX_MUTED_WORDS:
            raise forms.ValidationError(
                ngettext(
                    "You've muted %(count)d word or phrase, which is as many as we keep. "
                    "Removing one you no longer need makes room.",
                    "You've muted %(count)d words and phrases, which is as many as we keep. "
                    "Removing one you no longer need makes room.",
                    MAX_MUTED_WORDS,
                )
                % {"count": MAX_MUTED_WORDS}
            )
        return phrase
