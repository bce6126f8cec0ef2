"""Rendered posts are kept (forums/fragments.py); no reader's view may reach another.

The oracle: whatever order readers come in, each one's thread page with the cache
warmed by the others is exactly the page rendered with an empty cache. Each scenario
makes two readers whose pages must differ (a block, a mute, an anonymous author, a
hidden or held post, a content warning kept closed, a language, a reaction, a visitor)
and checks first that they do differ, so no scenario passes by showing nothing.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.template import Variable, loader
from django.template.base import FilterExpression, Node
from django.template.loader_tags import IncludeNode
from django.test import Client

from forums import actions
from forums.fragments import CSRF_PLACEHOLDER, TEMPLATE, TEMPLATES
from forums.models import Post, PostStatus, WarningMute
from members import actions as member_actions
from moderation.models import ModerationSettings
from tests.conftest import main_of, without_form_tokens
from tests.factories import make_board, make_member, make_thread, share


@dataclass
class Reader:
    name: str
    user: object | None  # None: a visitor
    marker: str | None  # on this reader's page only


@dataclass
class Scenario:
    thread_url: str
    first: Reader
    second: Reader


def _client(reader: Reader) -> Client:
    client = Client()
    if reader.user is not None:
        client.force_login(reader.user)
    return client


def _posts_of(reader: Reader, url: str) -> str:
    response = _client(reader).get(url)
    assert response.status_code == 200
    html = without_form_tokens(main_of(response))
    return html[html.index('<div class="posts">') :]


def _cold(reader: Reader, url: str) -> str:
    caches["fragments"].clear()
    return _posts_of(reader, url)


def _blocked() -> Scenario:
    author, reader, other = make_member("Ruth"), make_member("Sam"), make_member("Tove")
    thread = make_thread(make_board(), author, title="Evenings", body="Evenings are long.")
    member_actions.block(reader, author)
    return Scenario(
        thread.get_absolute_url(),
        Reader("blocker", reader, "You blocked this member"),
        Reader("other", other, "Block Ruth"),
    )


def _muted() -> Scenario:
    author, reader, other = make_member(), make_member(), make_member()
    thread = make_thread(make_board(), author, body="My sister visited today.")
    actions.mute_phrase(member=reader, phrase="sister")
    return Scenario(
        thread.get_absolute_url(),
        Reader("muter", reader, "mentions a word or phrase you muted"),
        Reader("other", other, None),  # the post open
    )


def _anonymous() -> Scenario:
    author, other = make_member("Ulla"), make_member("Vic")
    board = make_board(allow_anonymous=True)
    thread = make_thread(board, author, body="Nobody knows this yet.", anonymous=True)
    return Scenario(
        thread.get_absolute_url(),
        Reader("anonymous author", author, "your post 1"),
        Reader("other", other, "Flag<span"),
    )


def _hidden() -> Scenario:
    author, other = make_member(), make_member()
    thread = make_thread(make_board(), author, replies=1)
    reply = Post.objects.get(thread=thread, number=2)
    # Seen while visible by both first, then hidden: the kept HTML must not come back.
    for reader in (author, other):
        _posts_of(Reader("", reader, ""), thread.get_absolute_url())
    actions.hide_post(post=reply)
    return Scenario(
        thread.get_absolute_url(),
        Reader("author", author, "your post 1"),
        Reader("other", other, "Flag<span"),
    )


def _held() -> Scenario:
    author, other, starter = make_member(), make_member(), make_member()
    thread = make_thread(make_board(), starter)
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})
    post = actions.post_reply(thread=thread, author=author, body="Held words here.")
    assert post.status == PostStatus.PENDING
    return Scenario(
        thread.get_absolute_url(),
        Reader("held author", author, "Held words here."),
        Reader("other", other, None),  # sees no trace of it
    )


def _warning_closed() -> Scenario:
    author, reader, other = make_member(), make_member(), make_member()
    thread = make_thread(make_board(), author, content_warning="Self-harm")
    actions.mute_warning(member=reader, label="Self-harm", mode=WarningMute.COLLAPSED)
    return Scenario(
        thread.get_absolute_url(),
        Reader("keeps warnings closed", reader, "You chose to keep these closed"),
        Reader("other", other, "Content warning: Self-harm. Show post"),
    )


def _language() -> Scenario:
    author = make_member()
    spanish, english = make_member(language="es"), make_member(language="en")
    thread = make_thread(make_board(), author, content_warning="Self-harm")
    return Scenario(
        thread.get_absolute_url(),
        Reader("Spanish", spanish, "Aviso de contenido"),
        Reader("English", english, "Content warning:"),
    )


def _reacted() -> Scenario:
    author, reader, other = make_member(), make_member(), make_member()
    thread = make_thread(make_board(), author)
    actions.toggle_reaction(post=thread.posts.get(number=1), member=reader, kind="support")
    return Scenario(
        thread.get_absolute_url(),
        Reader("reacted", reader, 'aria-pressed="true"'),
        Reader("other", other, None),
    )


def _visitor() -> Scenario:
    author, member = make_member("Wren"), make_member()
    share(author, "Grief")
    thread = make_thread(make_board(public=True), author)
    return Scenario(
        thread.get_absolute_url(),
        Reader("member", member, "Lived experience:"),
        Reader("visitor", None, "Wren</span>"),
    )


SCENARIOS: dict[str, Callable[[], Scenario]] = {
    "block": _blocked,
    "mute": _muted,
    "anonymous author": _anonymous,
    "hidden post": _hidden,
    "held post": _held,
    "content warning kept closed": _warning_closed,
    "language": _language,
    "reaction": _reacted,
    "visitor": _visitor,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", SCENARIOS)
@pytest.mark.parametrize("order", ["first reader first", "second reader first"])
def test_no_reader_sees_another_readers_post_through_the_cache(name, order):
    scenario = SCENARIOS[name]()
    readers = [scenario.first, scenario.second]
    cold = {r.name: _cold(r, scenario.thread_url) for r in readers}
    # The two pages differ where the scenario says, so the comparison below means something.
    for reader, other in itertools.permutations(readers):
        if reader.marker is None:
            continue
        assert reader.marker in cold[reader.name], (name, reader.name)
        assert reader.marker not in cold[other.name], (name, reader.name, other.name)
    caches["fragments"].clear()
    if order == "second reader first":
        readers.reverse()
    for _ in range(2):  # the second round reads only kept HTML
        for reader in readers:
            assert _posts_of(reader, scenario.thread_url) == cold[reader.name], (name, reader.name)


@pytest.mark.django_db
def test_an_edit_shows_at_once_to_a_reader_who_had_the_post_kept(client, board, alice, bob):
    thread = make_thread(board, alice)
    client.force_login(bob)
    assert "Hello, everyone." in client.get(thread.get_absolute_url()).content.decode()
    actions.edit_post(post=thread.posts.get(number=1), body="Changed my mind.")
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Changed my mind." in html and "Hello, everyone." not in html


@pytest.mark.django_db
def test_kept_posts_carry_each_requests_own_form_token(client, thread, bob):
    client.force_login(bob)
    tokens = set()
    for _ in range(2):
        html = client.get(thread.get_absolute_url()).content.decode()
        assert CSRF_PLACEHOLDER not in html
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
        assert len(found) == 1  # the page's forms and the post's share the request's token
        tokens |= found
    assert len(tokens) == 2  # a new token each request, in kept HTML too
    response = client.post(
        f"/p/{thread.posts.get(number=1).pk}/save/",
        {"csrfmiddlewaretoken": tokens.pop()},
        enforce_csrf_checks=True,
    )
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_a_thread_page_renders_each_post_once_per_view(client, board, alice, bob, monkeypatch):
    thread = make_thread(board, alice, replies=4)
    rendered = []
    template = loader.get_template(TEMPLATE).template
    original = template.render
    monkeypatch.setattr(template, "render", lambda context: rendered.append(1) or original(context))
    client.force_login(bob)
    client.get(thread.get_absolute_url())
    assert len(rendered) == 5
    client.get(thread.get_absolute_url())
    assert len(rendered) == 5  # the second visit copies them


# The names the post template may read: `v`, and what it binds itself from `v`.
_BOUND_HERE = {"v", "kind", "label", "count", "active", "cw", "number", "iso", "when", "name"}
# ...and what its includes read, given to them by the include from `v`.
_INCLUDED = {"profile", "experiences", "experience", "label", "note_class", "forloop"}


def _root(variable: Variable) -> list[str]:
    """The name a variable looks up first; none for a literal ("text", 3)."""
    return [] if variable.lookups is None else [variable.lookups[0]]


def _variables(node: Node):
    for value in vars(node).values():
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, FilterExpression) and isinstance(item.var, Variable):
                yield from _root(item.var)
            elif isinstance(item, Variable):
                yield from _root(item)
            elif isinstance(item, dict):
                for inner in item.values():
                    if isinstance(inner, FilterExpression) and isinstance(inner.var, Variable):
                        yield from _root(inner.var)
    for child in node.nodelist if hasattr(node, "nodelist") else []:
        yield from _variables(child)
    for attr in ("nodelist_true", "nodelist_false", "nodelist_loop", "nodelist_empty"):
        for child in getattr(node, attr, None) or []:
            yield from _variables(child)
    for condition, nodelist in getattr(node, "conditions_nodelists", []):
        yield from _condition_variables(condition)
        for child in nodelist:
            yield from _variables(child)


def _condition_variables(condition):
    """The variables an {% if %} reads (its condition is a tree of operators)."""
    if condition is None:
        return
    value = getattr(condition, "value", None)
    if isinstance(value, FilterExpression) and isinstance(value.var, Variable):
        yield from _root(value.var)
    for side in ("first", "second"):
        yield from _condition_variables(getattr(condition, side, None))


def test_every_template_a_post_includes_is_in_the_kept_posts_stamp():
    """While developing, a kept post is made again when any of its templates changes on
    disk: so each template _post.html includes, at any depth, is in TEMPLATES."""
    included = {TEMPLATE}
    waiting = [TEMPLATE]
    while waiting:
        template = loader.get_template(waiting.pop()).template
        for node in template.nodelist.get_nodes_by_type(IncludeNode):
            name = node.template.resolve({})
            if name not in included:
                included.add(name)
                waiting.append(name)
    assert included == set(TEMPLATES)


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_post_template_reads_nothing_but_its_view(name):
    """A kept post is right for every reader only if the template can't read the reader:
    no `user`, no `request`, no `thread` — those go through the view (PostView)."""
    template = loader.get_template(name).template
    names = set()
    for node in template.nodelist:
        names |= set(_variables(node))
    allowed = _BOUND_HERE | _INCLUDED if name == TEMPLATE else _INCLUDED
    assert names <= allowed, names - allowed
