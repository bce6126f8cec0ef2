"""The admin pages a moderator uses read like Boomity, not like Django's defaults: no
"6 review queue", no "Select review item to change", no "TARGET REPR" column."""

from __future__ import annotations

import re
from html import unescape

import pytest

from forums import actions as forum_actions
from moderation import actions
from moderation.models import (
    AuditEntry,
    CrisisPhrase,
    CrisisResource,
    EscalationContact,
    Priority,
    Sanction,
    WatchedWord,
)
from tests.conftest import page

# Django's own phrasings, and field names standing in for words.
DEFAULTS = [
    re.compile(r"Select [\w ]+ to (change|view)", re.I),
    re.compile(r"\b\d+ review queue\b", re.I),
    re.compile(r"\b\w+ object \(\d+\)"),  # a model without a __str__ of its own
]
# A column header or a field's label that is a field's name, not words.
NAME_LIKE = re.compile(r"(repr|_id\b|\w_\w|\bid\b)", re.I)
HEADERS = re.compile(r'<th scope="col"[^>]*>.*?<div class="text">(.*?)</div>', re.S)
LABELS = re.compile(r"<label[^>]*>(.*?)</label>", re.S)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def moderators_pages(thread, bob, alice, moderator) -> list[str]:
    reply = forum_actions.post_reply(thread=thread, author=bob, body="You are overreacting.")
    actions.flag_post(post=reply, member=alice, reason="unkind")
    item = actions.open_review(reply, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
    actions.warn(bob, by=moderator, reason="Please be kind", post=reply)
    phrase = CrisisPhrase.objects.first() or CrisisPhrase.objects.create(phrase="no way out")
    word = WatchedWord.objects.create(pattern="buy followers", action="hold")
    contact = EscalationContact.objects.create(name="Ana", role="Lead", email="a@example.org")
    resource = CrisisResource.objects.first()
    sanction, entry = Sanction.objects.get(), AuditEntry.objects.first()
    pages = [
        "/admin/",
        "/admin/moderation/reviewitem/",
        f"/admin/moderation/reviewitem/{item.pk}/change/",
        "/admin/moderation/sanction/",
        f"/admin/moderation/sanction/{sanction.pk}/change/",
        "/admin/moderation/auditentry/",
        f"/admin/moderation/auditentry/{entry.pk}/change/",
        "/admin/forums/thread/",
        f"/admin/forums/thread/{thread.pk}/change/",
        "/admin/forums/post/",
        f"/admin/forums/post/{reply.pk}/change/",
        "/admin/forums/board/",
        "/admin/moderation/crisisphrase/",
        f"/admin/moderation/crisisphrase/{phrase.pk}/change/",
        "/admin/moderation/watchedword/",
        f"/admin/moderation/watchedword/{word.pk}/change/",
        "/admin/moderation/escalationcontact/",
        f"/admin/moderation/escalationcontact/{contact.pk}/change/",
    ]
    if resource is not None:
        pages.append("/admin/moderation/crisisresource/")
    return pages


@pytest.mark.django_db
def test_the_moderators_admin_pages_read_in_plain_words(client, moderator, thread, bob, alice):
    client.force_login(moderator)
    problems = []
    for url in moderators_pages(thread, bob, alice, moderator):
        response = client.get(url)
        assert response.status_code == 200, url
        html = page(response)
        text = _text(html)
        # Greeted by name: an e-mail address is private, on every page.
        assert moderator.email not in html and "Welcome, <strong>Mara</strong>" in html, url
        problems += [f"{url}: {m.group(0)!r}" for p in DEFAULTS for m in [p.search(text)] if m]
        title = _text(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
        problems += [f"{url} <title>: {title!r}" for p in DEFAULTS if p.search(title)]
        for header in map(_text, HEADERS.findall(html)):
            if NAME_LIKE.search(header):
                problems.append(f"{url}: column {header!r}")
        for label in map(_text, LABELS.findall(html)):
            if NAME_LIKE.search(label):
                problems.append(f"{url}: label {label!r}")
    assert not problems, "Django's defaults, not Boomity's words:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_the_queue_counts_items_in_words(client, moderator, thread, bob):
    for body in ("one", "two"):
        post = forum_actions.post_reply(thread=thread, author=bob, body=body)
        actions.open_review(post, priority=Priority.FLAGGED, reasons=["Flagged: Unkind"])
    client.force_login(moderator)
    text = _text(page(client.get("/admin/moderation/reviewitem/")))
    assert "2 items to review" in text
    assert "<h1>Items to review</h1>" in page(client.get("/admin/moderation/reviewitem/"))
    audit = page(client.get("/admin/moderation/auditentry/"))
    assert "<h1>Audit log entries</h1>" in audit


OUR_APPS = ("core", "members", "checkins", "forums", "moderation", "boomity")


def test_no_help_text_hides_words_in_something_that_looks_like_a_tag():
    """The admin shows a field's help text as HTML: "/b/<slug>/" read "/b//." there
    (found by the stranger walking the admin). No help text of ours has a tag-like word."""
    from django.apps import apps

    tag_like = re.compile(r"<[A-Za-z_][\w-]*>")
    found = [
        f"{model._meta.label}.{field.name}: {field.help_text!s}"
        for app in OUR_APPS
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if tag_like.search(str(getattr(field, "help_text", "") or ""))
    ]
    assert not found, found
