"""Markdown in, safe HTML out: the only module that knows which libraries do it.

Posts are rendered once, when they are written, never at view time. Markdown is
CommonMark (markdown-it-py) with bare links auto-linked; raw HTML in the source
is shown as text, never interpreted. The result then passes through nh3, an
allow-list sanitizer. nh3, not bleach: bleach's maintainers ended it on
2026-06-05 with no further security releases, and a community of vulnerable
people cannot sit on an unmaintained sanitizer.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple
from urllib.parse import unquote

import nh3
from django.utils.translation import gettext
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Only our own mention links carry a class; members can't write attributes.
ALLOWED_CLASSES = {"a": {"mention"}}
LINK_REL = "nofollow ugc noopener"

_md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False}).enable(
    ["linkify", "strikethrough"]
)
# Images would make every reader's browser fetch from wherever a member points: an
# image is parsed (so "![a cat](…)" doesn't leave a stray "!") and shown as a link
# with its description as the link's words (_images_as_links).

_SCHEME_RE = re.compile(r"^([^/?#]*?):")


def is_safe_url(url: str) -> bool:
    """Refuse any URL whose scheme is not on our list, however it is disguised.

    Browsers ignore some invisible characters inside a scheme ("java\u200bscript:")
    and decode entities and percent-escapes, so we look at the URL the way a
    browser would before deciding.
    """
    decoded = unquote(html.unescape(url)).strip()
    for char in decoded:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp") or (category == "Zs" and char != " "):
            return False
    match = _SCHEME_RE.match(decoded)
    if match is None:
        return True  # relative: /p/12/, #p3, page?x=1
    scheme = match.group(1)
    return scheme.isascii() and scheme.lower() in ALLOWED_SCHEMES


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not is_safe_url(value):
        return None
    return value


def sanitize(dirty_html: str, *, extra_tags: frozenset[str] = frozenset()) -> str:
    return nh3.clean(
        dirty_html,
        tags=ALLOWED_TAGS | extra_tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=LINK_REL,
        attribute_filter=_attribute_filter,
        allowed_classes=ALLOWED_CLASSES,
        strip_comments=True,
    )


class Mentionable(NamedTuple):
    """Someone an @mention can point at: the name to show, where it links, and a
    key the caller gets back (a member's id)."""

    name: str
    url: str
    key: int


# What `render_markdown_with_mentions` asks its caller: of these lower-case
# candidate names, which exist? Answered with {lower-case name: Mentionable}.
MentionLookup = Callable[[set[str]], Mapping[str, Mentionable]]

MAX_MENTIONS = 20  # @-signs looked at per post: enough for a greeting, not for spam
MAX_NAME = 30  # a display name's longest
# The letters a display name may use (members.models.DISPLAY_NAME_RE): the Latin
# alphabets with their accents (Latin-1 Supplement and Latin Extended-A/B, without × ÷).
NAME_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_MENTION_SIGN = re.compile(rf"(?<![{NAME_LETTERS}0-9_.@/])@")
_NAME_CHARS = re.compile(rf"[{NAME_LETTERS}0-9][{NAME_LETTERS}0-9 _.\-]*")
_NAME_GOES_ON = re.compile(rf"[{NAME_LETTERS}0-9_]")


def render_markdown(source: str, *, top_heading: int = 3, line_breaks: bool = False) -> str:
    """Markdown source → sanitized HTML, ready to store beside the source.

    A "# Heading" becomes h`top_heading`: the page owns h1 (and, around a post,
    h2). A text that is a whole page's body, such as the community guidelines,
    starts at h2. `line_breaks` keeps each line break as written (a letter's
    "Warm wishes,⏎The moderation team"), where Markdown would join the lines.
    """
    return render_markdown_with_mentions(
        source, None, top_heading=top_heading, line_breaks=line_breaks
    )[0]


def render_markdown_with_mentions(
    source: str,
    lookup: MentionLookup | None,
    *,
    top_heading: int = 3,
    line_breaks: bool = False,
) -> tuple[str, list[int]]:
    """Like render_markdown, with "@name" linked for every name `lookup` knows.

    The longest known name after an "@" wins, whatever its capitals ("@sam t" is
    Sam T when both Sam and Sam T exist). Code and existing links are left alone.
    Returns the HTML and the keys of the people mentioned, in order, once each.
    """
    if top_heading < 2:
        raise ValueError("The page owns h1: headings in Markdown start at h2 or lower.")
    tokens = _md.parse(source)
    _images_as_links(tokens)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + top_heading - 1)
            token.tag = f"h{level}"
    mentioned: list[int] = []
    if lookup is not None:
        texts = list(_linkable_texts(tokens))
        candidates = _candidates(texts)
        known = lookup(candidates) if candidates else {}
        if known:
            linked = [
                (children, index, _link_mentions(children[index], known, mentioned))
                for children, index in texts
            ]
            for children, index, new in reversed(linked):  # from the back: indexes stay true
                children[index : index + 1] = new
    extra = frozenset(f"h{n}" for n in range(top_heading, 3))
    options = _md.options
    if line_breaks:
        options = OptionsDict(_md.options)  # type: ignore[arg-type]  # a copy (dict() of it)
        options.breaks = True
    html = sanitize(_md.renderer.render(tokens, options, {}), extra_tags=extra)
    return html, list(dict.fromkeys(mentioned))


def _images_as_links(tokens: list[Token]) -> None:
    """Every image becomes a link to it, its description the link's words (the address
    itself if there is none). A link can't hold another: an image inside a link's
    words keeps just its description."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        out: list[Token] = []
        depth = 0
        for child in token.children:
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type != "image":
                out.append(child)
                continue
            src = str(child.attrGet("src") or "")
            words = list(child.children or []) or [_text(src)]
            if depth:
                out += words
                continue
            attrs: dict[str, str | int | float] = {"href": src}
            if title := child.attrGet("title"):
                attrs["title"] = str(title)
            out += [Token("link_open", "a", 1, attrs=attrs), *words, Token("link_close", "a", -1)]
        token.children = out


def _linkable_texts(tokens: list[Token]) -> Iterator[tuple[list[Token], int]]:
    """(an inline token's children, index) of each text outside links. Code spans
    and blocks are tokens of their own, so they never show up here."""
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for index, child in enumerate(token.children):
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            elif child.type == "text" and depth == 0 and "@" in child.content:
                yield token.children, index


def _names_after(text: str, start: int) -> list[str]:
    """Every name that could follow an "@" at `start`, shortest first: each ends
    where a name may end (not mid-word, not on a space)."""
    match = _NAME_CHARS.match(text, start, start + MAX_NAME)
    window = match.group() if match else ""
    names = []
    for end in range(2, len(window) + 1):
        after = text[start + end : start + end + 1]
        if window[end - 1] != " " and not (after and _NAME_GOES_ON.match(after)):
            names.append(window[:end])
    return names


def _candidates(texts: Iterable[tuple[list[Token], int]]) -> set[str]:
    found: set[str] = set()
    signs = 0
    for children, index in texts:
        content = children[index].content
        for match in _MENTION_SIGN.finditer(content):
            signs += 1
            if signs > MAX_MENTIONS:
                return found
            found.update(name.lower() for name in _names_after(content, match.end()))
    return found


def _link_mentions(
    token: Token, known: Mapping[str, Mentionable], mentioned: list[int]
) -> list[Token]:
    """The text token, split into text and mention links (text is escaped on render)."""
    content, out, done = token.content, [], 0
    for match in _MENTION_SIGN.finditer(content):
        if match.start() < done:
            continue
        names = [n for n in _names_after(content, match.end()) if n.lower() in known]
        if not names:
            continue
        person = known[names[-1].lower()]
        out.append(_text(content[done : match.start()]))
        link = Token("link_open", "a", 1, attrs={"href": person.url, "class": "mention"})
        out += [link, _text(f"@{person.name}"), Token("link_close", "a", -1)]
        mentioned.append(person.key)
        done = match.end() + len(names[-1])
    if not out:
        return [token]
    out.append(_text(content[done:]))
    return [t for t in out if t.type != "text" or t.content]


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)


def quote_markdown(text: str, attribution: str, url: str) -> str:
    """A Markdown quote of `text`, credited to `attribution`, for a reply box."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    # Translators: the start of a quote put in a reply box, "Sam wrote:", linked to the post.
    credit = gettext("%(name)s wrote") % {"name": attribution}
    return f"[{credit}]({url}):\n\n{quoted}\n\n"


# Emphasis marks a cut-off piece of Markdown can leave unpaired ("…so **tired").
_STRAY_MARKS = re.compile(r"\*\*+|__+|~~+")


def markdown_to_text(source: str) -> str:
    """Markdown source → the words a reader sees, on one line: no "**", no "> ", a
    link's text without its address. For short previews such as search snippets; the
    result is plain text, still to be escaped wherever it is shown.

    Works on a piece cut from a post too: what can't be parsed stays as written, but
    for unpaired emphasis marks, which are dropped.
    """
    words: list[str] = []
    for token in _md.parse(source):
        if token.type == "inline":
            for child in token.children or []:
                if child.type in {"text", "code_inline"}:
                    words.append(child.content)
                elif child.type == "image":  # its description, as in a post
                    words += (part.content for part in child.children or [] if part.content)
                elif child.type in {"softbreak", "hardbreak"}:
                    words.append(" ")
            words.append(" ")
        elif token.type in {"code_block", "fence"}:
            words.append(f"{token.content} ")
    return " ".join(_STRAY_MARKS.sub("", "".join(words)).split())
