import re

import pytest

from core.markup import is_safe_url, quote_markdown, render_markdown


def test_commonmark_with_autolinks_and_safe_rel():
    html = render_markdown("Try **this**: https://example.org")
    assert "<strong>this</strong>" in html
    assert '<a href="https://example.org" rel="nofollow ugc noopener">' in html


def test_raw_html_is_shown_as_text_not_run():
    html = render_markdown('<script>alert(1)</script><img src=x onerror="alert(1)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_headings_start_below_the_page_headings():
    assert render_markdown("# Big").strip() == "<h3>Big</h3>"


def test_images_become_links_so_readers_fetch_nothing():
    html = render_markdown("![a cat](https://example.org/cat.png)")
    assert "<img" not in html
    assert 'href="https://example.org/cat.png"' in html
    # The description is the link's words, with no stray "!" before it.
    assert html.strip() == (
        '<p><a href="https://example.org/cat.png" rel="nofollow ugc noopener">a cat</a></p>'
    )


@pytest.mark.parametrize(
    "source,shown",
    [
        ("![](https://example.org/t.png)", ">https://example.org/t.png</a>"),
        (
            "[see ![a cat](https://example.org/c.png) here](https://example.org/)",
            ">see a cat here</a>",
        ),
    ],
    ids=["no description", "inside a link"],
)
def test_an_image_never_leaves_a_stray_mark_or_an_empty_link(source, shown):
    html = render_markdown(source)
    assert shown in html and "!" not in html and "<img" not in html
    assert html.count("<a ") == 1


def test_an_image_in_a_preview_is_its_description():
    from core.markup import markdown_to_text

    assert markdown_to_text("Look ![a *calm* lake](https://example.org/l.png) today") == (
        "Look a calm lake today"
    )


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\u200bscript:alert(1)",
        "javascript&#58;alert(1)",
        "%6Aavascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        " javascript:alert(1)",
        "jav\tascript:alert(1)",
        "ｊavascript:alert(1)",
    ],
)
def test_dangerous_link_targets_never_survive(url):
    assert not is_safe_url(url)
    html = render_markdown(f"[click]({url}) <{url}>")
    # The text may stay readable as text; no link may point at it.
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(is_safe_url(h) for h in hrefs), hrefs
    assert '<a href="java' not in html.lower()


@pytest.mark.parametrize("url", ["https://example.org/a?b=c#d", "/p/12/", "#p3", "mailto:a@b.org"])
def test_ordinary_links_are_kept(url):
    assert is_safe_url(url)


def test_quote_credits_and_links_the_original():
    text = quote_markdown("line one\n\nline two", "Alice", "/p/5/")
    assert text.startswith("[Alice wrote](/p/5/):")
    assert "> line one\n>\n> line two" in text
