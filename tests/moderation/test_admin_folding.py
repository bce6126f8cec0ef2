"""Distressing words stay folded on every admin page, until the moderator opens them.

Generated, not hand-picked: every page of every model the admin registers (its
list, each object's page, history and delete confirmation, every page an action
leads to) × three kinds of distressing words (crisis language, a post a member
flagged out of worry for its author's safety, a post behind a content warning).
The words are everywhere they can be: a thread's title, its opening post, a
reply, a moderator's edit of it, the review items, flag notes, the audit log's
reasons, the admin's own "Recent actions". Wherever they appear, they must be
inside a closed <details> (and not in its always-visible <summary>). A new admin
page that shows them openly fails here.

One thing is matched by language alone: a reason on a sanction is about a member,
not a post, so only crisis language in it is known to fold (the world quotes the
crisis words there, not the others).
"""

from __future__ import annotations

import contextlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from forums import actions as forum_actions
from moderation import actions
from moderation.models import EscalationContact, FlagReason, ReviewItem
from tests.factories import give_two_step_sign_in, make_board, make_member

WORDS = {
    "crisis": {
        "title": "Thinking about suicide again lately",
        "body": "I want to end my life tonight and I feel numb",
        "reply": "I just want to die and I am so tired this week",
        # The phrases screening matched: a list of reasons must not spell them out either.
        "phrases": ["thinking about suicide", "end my life", "want to die"],
    },
    "safety": {
        "title": "Nobody would notice if I disappeared",
        "body": "I feel like such a weight on everyone here",
        "reply": "Everyone would be fine if I just went quiet forever",
        "phrases": [],
    },
    "warning": {
        "title": "Old habits came back this week",
        "body": "The old urges came back last night and I gave in",
        "reply": "The marks on my arms still sting today",
        "phrases": [],
    },
}
ALL_TEXTS = [text for kind in WORDS.values() for key, text in kind.items() if key != "phrases"]


class _Folds(HTMLParser):
    """Where each needle appears, and whether a closed <details> hides it there."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self, needles: list[str]):
        super().__init__(convert_charrefs=True)
        self.needles = needles
        self.stack: list[tuple[str, dict]] = []
        self.shown: list[tuple[str, str]] = []  # (needle, where) seen outside a fold
        self.folded = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            self._check(value or "", [*self.stack, (tag, attrs)], f"<{tag} {name}=…>")
        if tag not in self.VOID:
            self.stack.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        for name, value in attrs:
            self._check(value or "", [*self.stack, (tag, dict(attrs))], f"<{tag} {name}=…>")

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        where = " > ".join(tag for tag, _ in self.stack[-4:])
        self._check(data, self.stack, where)

    def _check(self, text: str, stack, where: str) -> None:
        for needle in self.needles:
            if needle.lower() in text.lower():
                if self._hidden(stack):
                    self.folded += 1
                else:
                    self.shown.append((needle, where))

    @staticmethod
    def _hidden(stack) -> bool:
        # Inside a closed <details>, but not in its <summary> (which is always shown).
        for i, (tag, attrs) in enumerate(stack):
            if tag == "details" and "open" not in attrs:
                in_summary = i + 1 < len(stack) and stack[i + 1][0] == "summary"
                if not in_summary:
                    return True
        return False


def shown_openly(html: str, needles: list[str]) -> list[tuple[str, str]]:
    parser = _Folds(needles)
    parser.feed(html)
    parser.close()
    return parser.shown


# --- The world: the words everywhere they can be -------------------------------------------


@pytest.fixture
def world(client, moderator):
    board = make_board("hard-days", name="Hard days")
    author, worried, other = make_member("Robin"), make_member("Kit"), make_member("Jo")
    EscalationContact.objects.create(
        name="Dr Ana Ruiz", role="Clinical lead", email="lead@example.org"
    )
    threads = {}
    for kind, words in WORDS.items():
        warning = "self-harm" if kind == "warning" else ""
        opening = forum_actions.start_thread(
            board=board,
            author=author,
            title=words["title"],
            body=words["body"],
            content_warning=warning,
        )
        reply = forum_actions.post_reply(
            thread=opening.thread, author=author, body=words["reply"], content_warning=warning
        )
        threads[kind] = opening.thread
        if kind == "safety":
            for post in (opening, reply):
                actions.flag_post(
                    post=post,
                    member=worried,
                    reason=FlagReason.SAFETY,
                    note=f"They wrote: {words['reply'] if post is reply else words['body']}",
                )
        # A second member flags the reply, quoting it in their note.
        actions.flag_post(
            post=reply, member=other, reason=FlagReason.OTHER, note=f"It says “{words['reply']}”"
        )
        item = ReviewItem.objects.open().get(post=reply)
        # A moderator edits the reply (their reason quotes it), then escalates it.
        actions.edit(
            item,
            by=moderator,
            body=f"{words['reply']} (shortened by a moderator)",
            reason=f"Took out a detail from “{words['reply']}”.",
        )
        actions.escalate(item, by=moderator, reason=f"They wrote “{words['reply']}”; please call.")
        actions.hide(
            ReviewItem.objects.open().get(post=reply),
            by=moderator,
            reason=f"Hidden while we check in: “{words['reply']}”",
        )
    actions.warn(author, by=moderator, reason=f"We saw “{WORDS['crisis']['reply']}” and care.")
    # The admin's own log ("Recent actions" on its front page) names what it changed.
    client.force_login(moderator)
    client.post(
        "/admin/forums/thread/",
        {"action": "pin", "_selected_action": [t.pk for t in threads.values()]},
    )
    return threads


@pytest.fixture
def root(db):
    user = make_member("Root", is_staff=True, is_superuser=True)
    return give_two_step_sign_in(user)


def admin_pages(user) -> tuple[list[str], list[tuple[str, dict]]]:
    """Every GET page of every registered model admin, and every action's POST."""
    request = RequestFactory().get("/admin/")
    request.user = user
    gets = [reverse("admin:index")]
    posts = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        gets.append(reverse("admin:app_list", args=[opts.app_label]))
        with_id = []
        for pattern in model_admin.get_urls():
            name = getattr(pattern, "name", None)
            if not name:
                continue
            if "object_id" in str(pattern.pattern):
                with_id.append(name)
            else:
                with contextlib.suppress(NoReverseMatch):
                    gets.append(reverse(f"admin:{name}"))
        objects = list(model._default_manager.all()[:40])
        for obj in objects:
            for name in with_id:
                if name.endswith(("_change", "_history", "_delete")):
                    gets.append(reverse(f"admin:{name}", args=[obj.pk]))
        changelist = f"admin:{opts.app_label}_{opts.model_name}_changelist"
        try:
            url = reverse(changelist)
        except NoReverseMatch:
            continue
        for action in model_admin.get_actions(request):
            if objects:
                posts.append((url, {"action": action, "_selected_action": [o.pk for o in objects]}))
    return sorted(set(gets)), posts


NEEDLES = [*ALL_TEXTS, *WORDS["crisis"]["phrases"]]


@pytest.mark.django_db
def test_distressing_words_stay_folded_on_every_admin_page(client, world, root):
    client.force_login(root)
    gets, posts = admin_pages(root)
    checked, shown = 0, []
    for url in gets:
        response = client.get(url)
        if response.status_code != 200:
            continue
        checked += 1
        shown += [(url, *hit) for hit in shown_openly(response.content.decode(), NEEDLES)]
    for url, data in posts:  # actions last: some of them change things
        response = client.post(url, data)
        if response.status_code == 200:
            checked += 1
            shown += [
                (url, data["action"], *hit)
                for hit in shown_openly(response.content.decode(), NEEDLES)
            ]
    assert shown == [], "\n".join(map(str, shown))
    # The pages that show posts were all among them (not refused, not skipped).
    for url in [
        "/admin/",
        "/admin/moderation/reviewitem/",
        "/admin/moderation/auditentry/",
        "/admin/moderation/sanction/",
        "/admin/forums/post/",
        "/admin/forums/thread/",
        *[f"/admin/forums/thread/{t.pk}/change/" for t in world.values()],
        *[f"/admin/moderation/reviewitem/{i.pk}/change/" for i in ReviewItem.objects.all()],
    ]:
        assert url in gets and client.get(url).status_code == 200, url
    assert checked > 150, checked


@pytest.mark.django_db
def test_the_words_are_there_to_open(client, world, root):
    """Folded, not lost: opening the fold shows what was written."""
    client.force_login(root)
    for kind, thread in world.items():
        reply = thread.posts.get(number=2)
        item = ReviewItem.objects.filter(post=reply).latest("created_at")
        html = client.get(f"/admin/moderation/reviewitem/{item.pk}/change/").content.decode()
        parser = _Folds([WORDS[kind]["reply"]])
        parser.feed(html)
        assert parser.shown == [] and parser.folded >= 2, kind  # the snapshot and the edit box
        html = client.get(f"/admin/forums/thread/{thread.pk}/change/").content.decode()
        parser = _Folds([WORDS[kind]["title"]])
        parser.feed(html)
        assert parser.shown == [] and parser.folded == 1, kind


@pytest.mark.django_db
def test_the_queue_never_shows_the_words_only_why_in_plain_words(client, world, moderator):
    client.force_login(moderator)
    pages = ""
    for state in ("open", "escalated", "resolved"):
        html = client.get(f"/admin/moderation/reviewitem/?state={state}").content.decode()
        for needle in NEEDLES:
            assert needle.lower() not in html.lower(), (state, needle)
        pages += html
    assert "Post with crisis language (open to read)" in pages
    assert "Post a member is worried about (open to read)" in pages
    assert "Content warning: self-harm (open to read)" in pages
    assert '<span class="queue-reason">Crisis language</span>' in pages


@pytest.mark.django_db
def test_a_plain_post_is_shown_as_it_is(client, moderator, thread, bob):
    """Folding is for distressing words: everything else reads at a glance."""
    reply = forum_actions.post_reply(thread=thread, author=bob, body="You are overreacting.")
    actions.flag_post(post=reply, member=thread.author, reason=FlagReason.UNKIND)
    item = ReviewItem.objects.get(post=reply)
    client.force_login(moderator)
    queue = client.get("/admin/moderation/reviewitem/").content.decode()
    assert "You are overreacting." in queue
    page = client.get(f"/admin/moderation/reviewitem/{item.pk}/change/").content.decode()
    assert shown_openly(page, ["You are overreacting.", thread.title]) != []
    assert "may be distressing" not in page
