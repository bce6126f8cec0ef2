"""core.jinja2: the helpers that let a Django page include Jinja2's rows as its own."""

from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import ngettext

from core import jinja2


def test_a_number_s_words_are_looked_up_once_a_page_and_in_the_page_s_language():
    def words(n):
        return ngettext("%(counter)s reply", "%(counter)s replies", n)

    calls = []

    def counting(n):
        calls.append(n)
        return words(n)

    replies = jinja2.per_number(counting)
    assert [replies(n) for n in (1, 3, 3, 1, 0)] == [
        "1 reply",
        "3 replies",
        "3 replies",
        "1 reply",
        "0 replies",
    ]
    assert calls == [1, 3, 0]
    with translation.override("es"):
        spanish = jinja2.per_number(words)
        assert spanish(3) == "3 respuestas"
    assert replies(3) == "3 replies", "one page's words are its own"


def test_render_escapes_members_words_and_says_quotes_as_django_does():
    group = SimpleNamespace(slug="g", name='Tom\'s "group" <b>', description="")
    html = jinja2.render("forums/_board_groups.html", {"groups": [(group, [])]})
    assert "Tom&#x27;s &quot;group&quot; &lt;b&gt;" in html
    assert "&#34;" not in html and "&#39;" not in html and "<b>" not in html
    assert type(html).__name__ == "SafeString", "a Django template includes it as it is"
