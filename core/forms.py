import unicodedata
from typing import Any, NamedTuple

from django import forms
from django.core.exceptions import ValidationError
from django.forms import renderers
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from core.jinja2 import as_django_escapes

# The methods that read a form's page rather than send the form: HEAD is GET without the
# body, so a page with a form answers it as it answers GET, and never acts on it.
READING = ("GET", "HEAD")
# A page with a form: read (GET, HEAD) or sent (POST), nothing else.
form_page = require_http_methods([*READING, "POST"])


def form_status(request: HttpRequest) -> int:
    """A form's page answers 200 when asked for, 400 when it comes back to say what to
    mend in a form that was sent."""
    return 200 if request.method in READING else 400


# Categories of characters that show nothing by themselves: controls, format
# characters (zero-width space and joiners U+200B–U+200D, word joiner U+2060,
# byte-order mark U+FEFF, soft hyphen …), separators and combining marks.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters that are drawn blank (Hangul fillers, braille blank): a favourite way to
# post "nothing".
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(value: str) -> bool:
    """Whether anything in `value` would show on a page."""
    return any(
        char not in _BLANK_LETTERS and unicodedata.category(char) not in _INVISIBLE_CATEGORIES
        for char in value
    )


class ServerCheckedLengthField(forms.CharField):
    """Length limits checked by the server only; text that shows nothing refused.

    With maxlength in the page a browser silently cuts a pasted text short; the
    server instead says what the limit is and keeps every word in the form.
    A text made only of invisible characters (zero-width spaces and the like)
    would look empty on the page, so it is refused like an empty one, kindly,
    with what was typed left in the form.
    """

    default_error_messages = {
        "invisible": gettext_lazy(
            "This has only spaces or invisible characters in it, so it would look empty. "
            "Please write a few words — what you typed is still here."
        ),
    }

    def to_python(self, value: Any) -> str | None:
        # Browsers send line breaks as CRLF; count and store them as one character.
        text = super().to_python(value)
        return None if text is None else text.replace("\r\n", "\n").replace("\r", "\n")

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value not in self.empty_values and not has_visible_text(value):
            raise ValidationError(self.error_messages["invisible"], code="invisible")

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs


class Kept(NamedTuple):
    """One field of a post that couldn't be posted: which (`name`), its label, its words."""

    name: str
    label: str
    text: str


def what_they_wrote(request: HttpRequest) -> list[Kept]:
    """The title and message a POST carried that couldn't be posted (the database down,
    a stale form, signed out), labelled in the reader's language: shown back so they
    are never lost."""
    if request.method != "POST":
        return []
    sent = (
        ("title", gettext("Your title"), request.POST.get("title", "")),
        ("body", gettext("Your message"), request.POST.get("body", "")),
    )
    return [Kept(name, label, text.strip()) for name, label, text in sent if text.strip()]


class QuickWidgets(renderers.BaseRenderer):
    """The form renderer (settings.FORM_RENDERER): Django's own widget templates through
    Jinja2, which Django ships beside them (django/forms/jinja2/), and every other form
    template — error lists, the admin's widgets, a library's — through Django's
    templates as before.

    A reply box's fields measured 3.0 ms through Django's template language and 1.3 ms
    through Jinja2, on every thread page that has one. Django's Jinja2 renderer alone
    can't be the setting: the admin's widgets have no Jinja2 templates. Escaping is on
    in both, and written as Django writes it (core.jinja2.as_django_escapes)."""

    def __init__(self) -> None:
        self.quick = renderers.Jinja2()
        self.django = renderers.DjangoTemplates()

    def get_template(self, template_name: str) -> Any:
        if template_name.startswith(WIDGETS):
            try:
                return _DjangoEscapes(self.quick.get_template(template_name))
            except TemplateDoesNotExist:
                pass
        return self.django.get_template(template_name)


class _DjangoEscapes:
    """A Jinja2 template whose HTML says quotes as Django's templates do."""

    def __init__(self, template: Any) -> None:
        self.template = template

    def render(self, context: Any = None, request: HttpRequest | None = None) -> str:
        return as_django_escapes(self.template.render(context, request))


WIDGETS = "django/forms/widgets/"


class QuickSelect(forms.Select):
    """Django's <select>, written in Python to the same HTML: its templates (one
    include for each option) cost the search page about 1.3 ms a list, and the reply
    box's content warnings about as much, every time. Options only, not groups."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group is not None for group, _options, _index in widget["optgroups"]):
            raise ValueError("QuickSelect writes options, not groups: use forms.Select")
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (option["value"], _attrs(option["attrs"]), option["label"])
                for _group, options, _index in widget["optgroups"]
                for option in options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), options
        )


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """django/forms/widgets/attrs.html: in their order, True as a bare name, False left out."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
            for key, value in attrs.items()
            if value is not False
        ),
    )
