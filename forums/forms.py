from django import forms

from members.forms import ServerCheckedLengthField

from .models import ContentWarning

MAX_BODY = 20_000

BODY_HELP = (
    "You can use Markdown: *italic*, **bold**, > for a quote, - for a list. "
    "Links are made clickable for you."
)


class BodyField(ServerCheckedLengthField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Your message")
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("max_length", MAX_BODY)
        kwargs.setdefault(
            "error_messages",
            {
                "required": "Your message is empty. Write a few words, then send it.",
                "max_length": (
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
            label="Title",
            max_length=120,
            min_length=3,
            help_text="A few words that tell people what your thread is about.",
            error_messages={
                "required": "Please give your thread a title, so people can find it.",
                "min_length": "Please use at least 3 characters for the title.",
                "max_length": (
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
            label="Content warning",
            required=False,
            help_text=(
                "If what you write may be hard for someone to read, choose a warning. "
                "Readers see it first and choose whether to open your post."
            ),
            **kwargs,
        )
        # A reply in a thread with a warning is shown behind it anyway: say so.
        none = f"Same as the thread ({inherited})" if inherited else "None"
        self.choices = [("", none), *((w.label, w.label) for w in ContentWarning.objects.all())]


def anonymous_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="Post as “Anonymous member”",
        required=False,
        help_text="Other members won't see your name on this post. The moderators can, to "
        "keep everyone safe.",
    )


class ThreadForm(forms.Form):
    title = TitleField()
    body = BodyField()

    def __init__(self, *args, board, author, **kwargs):
        self.board = board
        self.author = author
        super().__init__(*args, **kwargs)
        self.fields["content_warning"] = ContentWarningField()
        if board.allow_anonymous:
            self.fields["anonymous"] = anonymous_field()
        # The warning right after the title: the board's guidelines may ask for one.
        self.order_fields(["title", "content_warning", "body"])


class ReplyForm(forms.Form):
    body = BodyField(label="Your reply")

    def __init__(self, *args, thread, author, **kwargs):
        self.thread = thread
        self.author = author
        super().__init__(*args, **kwargs)
        self.fields["content_warning"] = ContentWarningField(inherited=thread.content_warning)
        if thread.board.allow_anonymous:
            self.fields["anonymous"] = anonymous_field()
            # Someone who started a thread anonymously stays anonymous in it by default.
            own_anonymous_thread = thread.is_anonymous and thread.author_id == author.pk
            self.fields["anonymous"].initial = own_anonymous_thread

    def clean(self):
        if self.thread.is_locked:
            raise forms.ValidationError(
                "This thread was locked by the moderators, so it can't take new replies. "
                "Your text is still below if you'd like to copy it or start a new thread."
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
