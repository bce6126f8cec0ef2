"""The Jinja2 environment, for the few templates rendered many times a page (a list's
rows): Django's template language measured four times slower for them. Django's own
gettext, so `{{ _("Pinned") }}` is in the reader's language and in the catalogue
(makemessages reads these templates as it reads Django's)."""

from collections.abc import Callable
from typing import Any

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from jinja2 import Environment
from markupsafe import Markup


def environment(**options: Any) -> Environment:
    options.pop("autoescape", None)  # always on: these templates show members' words
    env = Environment(autoescape=True, **options)
    env.globals["_"] = translated
    return env


def translated(message: str) -> Markup:
    """`{{ _("What you've muted") }}`: the catalogue's words as they are, as Django's
    {% translate %} gives a quoted message (the catalogue is the project's own words;
    what members write is always escaped)."""
    return Markup(gettext(message))  # noqa: S704 - our own catalogue, never members' words


def as_django_escapes(html: str) -> str:
    """Jinja2's escaping says `"` and `'` as `&#34;` and `&#39;`, Django's as `&quot;`
    and `&#x27;`: the same to a browser, but a page should say them one way (and tests
    look for what Django's escape() makes). A member's own `&#34;` reaches the page as
    `&amp;#34;`, which this leaves alone."""
    return html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


def render(name: str, context: dict[str, Any]) -> SafeString:
    """A template of templates/jinja2/, for a Django template to include as it is (a
    tag's result): Jinja2 escaped what it shows, and quotes are said as Django says them."""
    html = engines["jinja2"].get_template(name).render(context)
    return mark_safe(as_django_escapes(html))  # noqa: S308 - Jinja2 escaped it (autoescape)


def per_number(words: Callable[[int], str]) -> Callable[[int], str]:
    """`replies = per_number(lambda n: ngettext("%(counter)s reply", "%(counter)s
    replies", n))`, then `replies(3)`: "3 replies" in the reader's language, looked up
    once for each number (a list shows a few numbers many times). Make one for each
    page, never one for the process: the language is the request's. (The ngettext call
    stays where it is written, so the catalogue finds its words.)"""
    made: dict[int, str] = {}

    def counted(counter: int) -> str:
        if counter not in made:
            made[counter] = words(counter) % {"counter": counter}
        return made[counter]

    return counted
