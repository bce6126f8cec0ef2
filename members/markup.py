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
from urllib.parse import unquote

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    .enable(["linkify", "strikethrough"])
    # Images would make every reader's browser fetch from wherever a member
    # points; a link is shown instead.
    .disable("image")
)

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
        strip_comments=True,
    )


def render_markdown(source: str, *, top_heading: int = 3) -> str:
    """Markdown source → sanitized HTML, ready to store beside the source.

    A "# Heading" becomes h`top_heading`: the page owns h1 (and, around a post,
    h2). A text that is a whole page's body, such as the community guidelines,
    starts at h2.
    """
    if top_heading < 2:
        raise ValueError("The page owns h1: headings in Markdown start at h2 or lower.")
    tokens = _md.parse(source)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + top_heading - 1)
            token.tag = f"h{level}"
    extra = frozenset(f"h{n}" for n in range(top_heading, 3))
    return sanitize(_md.renderer.render(tokens, _md.options, {}), extra_tags=extra)


def quote_markdown(text: str, attribution: str, url: str) -> str:
    """A Markdown quote of `text`, credited to `attribution`, for a reply box."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())
    return f"[{attribution} wrote]({url}):\n\n{quoted}\n\n"
