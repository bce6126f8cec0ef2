"""A member writes something that suggests they may be in crisis.

They see kind words and the crisis resources at once; their post is never
swallowed; it goes to the top of the review queue; on-call moderators get an
e-mail that carries a link, never the member's words.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from forums import actions as forum_actions
from forums.models import Post, PostStatus, Thread
from moderation import actions
from moderation.models import (
    CrisisPhrase,
    CrisisResource,
    Priority,
    ReviewItem,
    WatchedAction,
    WatchedWord,
)
from moderation.screening import find_crisis_language
from tests.conftest import page, signs_in
from tests.factories import make_member, make_thread, set_moderation

KIND = "It sounds like things are really hard right now"


def crisis_message_in(language: str) -> str:
    from forums.views import crisis_message

    with translation.override(language):
        return crisis_message()


CRISIS_TEXT = "I can't go on anymore. The nights are endless and nobody notices."
PRIVATE_WORDS = ("go on anymore", "nights are endless", "nobody notices")
DEFAULT_RESOURCES = (
    "988 Suicide &amp; Crisis Lifeline",
    "Samaritans",
    "Your local emergency number",
)


def reply(client, thread, body, **headers):
    return client.post(f"/t/{thread.pk}/reply/", {"body": body}, follow=True, **headers)


def panel(html: str) -> str:
    """The crisis panel's HTML (the part under the kind message)."""
    start = html.index('class="crisis-panel"')
    return html[start : html.index("</section>", start)]


# --- Who may reply at all ------------------------------------------------------------------


@pytest.mark.django_db
def test_visitor_is_sent_to_sign_in_and_nothing_is_saved(client, thread):
    assert signs_in(client.get(f"/t/{thread.pk}/reply/"))
    # Sent signed out: help and their words, but nothing saved and nobody alerted.
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT})
    assert response.status_code == 403 and KIND in page(response)
    assert thread.posts.count() == 1
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_member_cannot_reply_to_a_thread_only_its_author_can_see(
    client, board, bob, hold_first_posts
):
    newcomer = make_member("Newcomer")
    held = make_thread(board, newcomer, title="My first thread")
    assert held.posts.get().status == PostStatus.PENDING
    client.force_login(bob)
    response = client.post(f"/t/{held.pk}/reply/", {"body": CRISIS_TEXT})
    assert response.status_code == 404
    assert held.posts.count() == 1
    assert not ReviewItem.objects.filter(post__author=bob).exists()


@pytest.mark.django_db
def test_reply_refuses_other_methods(client, thread, bob):
    client.force_login(bob)
    assert client.put(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT}).status_code == 405
    assert client.delete(f"/t/{thread.pk}/reply/").status_code == 405
    assert thread.posts.count() == 1


# --- What the member sees -------------------------------------------------------------------


@pytest.mark.django_db
def test_crisis_reply_shows_kind_words_and_resources_and_is_published(client, thread, bob, alice):
    client.force_login(bob)
    response = reply(client, thread, CRISIS_TEXT, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    html = page(response)
    assert response.status_code == 200
    assert response.redirect_chain, "the member should land on the thread"
    assert KIND in html
    resources = panel(html)
    for name in DEFAULT_RESOURCES:
        assert name in resources
    assert 'href="tel:116123"' in resources and 'href="tel:988"' in resources
    # Their post is there, for them too: crisis language never swallows a post.
    assert "The nights are endless" in html
    post = Post.objects.get(thread=thread, number=2)
    assert post.status == PostStatus.VISIBLE and post.author == bob
    thread.refresh_from_db()
    assert thread.reply_count == 1
    # And the others see it.
    client.force_login(alice)
    assert "The nights are endless" in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "first", "later"),
    [
        ("en-GB,en;q=0.8", "Samaritans", "988 Suicide"),
        ("en-US,en;q=0.8", "988 Suicide", "Your local emergency number"),
        ("en-IE", "Samaritans", "988 Suicide"),
        ("es-ES,es;q=0.9", "Línea 024", "Tu número de emergencias local"),
        ("es-US", "988 Línea de Prevención", "988 Suicide"),
    ],
)
def test_crisis_resources_come_in_the_order_that_fits_the_member(
    client, thread, bob, language, first, later
):
    client.force_login(bob)
    resources = panel(page(reply(client, thread, CRISIS_TEXT, HTTP_ACCEPT_LANGUAGE=language)))
    assert resources.index(first) < resources.index(later)


UP_NOTICE = "Your post is up now, so other members can read it and support you."
SPANISH_CRISIS_TEXT = "Ya no aguanto más. A veces pienso q todos estarían mejor sin mí."


@pytest.mark.django_db
def test_a_spanish_crisis_reply_is_heard_and_gets_help_in_spanish_first(
    client, thread, bob, alice, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    """In an English community, a member on a Spanish phone in Spain writes in Spanish:
    the help comes first, Spain's Spanish-speaking lines at its head, the post is
    published, an urgent item opens and the on-call moderators get a link, never words."""
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, thread, SPANISH_CRISIS_TEXT, HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9")
    html = page(response)
    # The page is in Spanish: the kind words, and the generic service's name too.
    with translation.override("es"):
        local = gettext("Your local emergency number")
    assert local != "Your local emergency number"
    kind = escape(crisis_message_in("es"))
    assert kind in html and KIND not in html
    resources = panel(html)
    assert resources.count('class="resource"') == 3
    assert [n.strip() for n in re.findall(r'<p class="resource__name">([^<]*)', resources)] == [
        "Línea 024 de atención a la conducta suicida",
        "Teléfono de la Esperanza",
        local,
    ]
    assert 'href="tel:024"' in resources and 'href="tel:717003717"' in resources
    # Help before the post, and the post there for its author and for the others.
    assert html.index('class="crisis-panel"') < html.index("todos estarían mejor sin mí")
    post = thread.posts.get(number=2)
    assert post.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and item.crisis
    assert "ya no aguanto más" in item.reasons and "estarían mejor sin mí" in item.reasons
    assert len(mailoutbox) == 1
    assert "aguanto" not in mailoutbox[0].body and "estarían" not in mailoutbox[0].body
    client.force_login(alice)
    assert "todos estarían mejor sin mí" in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_a_spanish_everyday_saying_gets_no_crisis_panel_and_no_review(client, thread, bob):
    client.force_login(bob)
    html = page(
        reply(client, thread, "¡Me muero de risa! Y mañana voy a cortarme el pelo, por fin.")
    )
    assert KIND not in html and "crisis-panel" not in html
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_crisis_panel_is_shown_once_and_not_on_the_next_page(client, thread, bob):
    client.force_login(bob)
    html = page(reply(client, thread, CRISIS_TEXT))
    assert html.count('class="crisis-panel"') == 1
    again = page(client.get(thread.get_absolute_url()))
    assert KIND not in again


@pytest.mark.django_db
def test_crisis_panel_shows_three_active_resources_at_most(client, thread, bob):
    for i in range(4):
        CrisisResource.objects.create(
            name=f"Extra line {i}", description="Support.", phone=f"0800 111 22{i}", position=30 + i
        )
    CrisisResource.objects.filter(name="Samaritans").update(is_active=False)
    client.force_login(bob)
    resources = panel(page(reply(client, thread, CRISIS_TEXT, HTTP_ACCEPT_LANGUAGE="en-GB")))
    assert resources.count('class="resource"') == 3
    assert "Samaritans" not in resources
    assert 'href="/help/"' in page(reply(client, thread, CRISIS_TEXT))


@pytest.mark.django_db
def test_crisis_language_is_not_swallowed_by_a_blocked_word(client, thread, bob, alice):
    """Crisis language never turns a person away: with a blocked word in it too, the
    post is published as the crisis setting says, the person gets help at once, and
    the moderators see the word on an urgent item."""
    WatchedWord.objects.create(
        pattern="casino", action=WatchedAction.BLOCK, explanation="Please don't advertise here."
    )
    client.force_login(bob)
    response = client.post(
        f"/t/{thread.pk}/reply/",
        {"body": "I want to die. The casino took everything."},
        follow=True,
    )
    html = page(response)
    assert KIND in html, "the crisis message and resources must be shown"
    assert "Samaritans" in html or "988 Suicide" in html
    assert "Please don&#x27;t advertise here." not in html
    post = thread.posts.get(number=2)
    assert post.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and not item.held
    assert "Watched word (block; crisis language is never refused): casino" in item.reasons
    client.force_login(alice)
    assert "The casino took everything." in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_crisis_language_is_not_swallowed_by_the_posting_limit(client, thread, bob, settings):
    """Someone who has posted a lot and then writes this is never turned away."""
    settings.BOOMITY_RATE_LIMITS = {
        "thread": {"new": "1/h", "member": "1/h"},
        "reply": {"new": "1/h", "member": "1/h"},
    }
    client.force_login(bob)
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "First."}).status_code == 302
    assert client.post(f"/t/{thread.pk}/reply/", {"body": "Second."}).status_code == 429
    response = client.post(f"/t/{thread.pk}/reply/", {"body": CRISIS_TEXT}, follow=True)
    assert KIND in page(response), "the crisis message and resources must be shown"
    assert ReviewItem.objects.get(post__body=CRISIS_TEXT).priority == Priority.URGENT


@pytest.mark.django_db
def test_plain_reply_gets_no_crisis_panel_and_no_review(client, thread, bob):
    client.force_login(bob)
    html = page(reply(client, thread, "Audiobooks help me get to sleep."))
    assert KIND not in html and "crisis-panel" not in html
    assert not ReviewItem.objects.exists()


@pytest.mark.django_db
def test_crisis_language_in_a_new_thread_title_is_caught_too(client, board, bob):
    client.force_login(bob)
    response = client.post(
        f"/b/{board.slug}/new/",
        {"title": "I want to die", "body": "That's all I can write tonight."},
        follow=True,
    )
    assert response.status_code == 200
    assert KIND in page(response)
    item = ReviewItem.objects.get()
    assert item.priority == Priority.URGENT and item.crisis
    assert item.post.thread.is_visible


@pytest.mark.django_db
def test_editing_a_post_into_crisis_language_shows_help_and_opens_urgent_item(client, thread, bob):
    post = forum_actions.post_reply(thread=thread, author=bob, body="A rough week.")
    client.force_login(bob)
    response = client.post(f"/p/{post.pk}/edit/", {"body": CRISIS_TEXT}, follow=True)
    assert response.status_code == 200
    assert KIND in page(response)
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and item.crisis
    post.refresh_from_db()
    assert post.status == PostStatus.VISIBLE


# --- Staff choose to hold crisis posts --------------------------------------------------------


@pytest.mark.django_db
def test_crisis_post_is_held_when_staff_say_so_but_its_author_still_sees_it(
    client, thread, bob, alice
):
    set_moderation(crisis_post_behaviour="hold")
    client.force_login(bob)
    response = reply(client, thread, CRISIS_TEXT, HTTP_ACCEPT_LANGUAGE="en-GB")
    html = page(response)
    assert response.status_code == 200
    assert KIND in html and "Samaritans" in panel(html)
    post = Post.objects.get(thread=thread, number=2)
    assert post.status == PostStatus.PENDING
    # The author still sees their words, with a plain note, never a reproach.
    assert "The nights are endless" in html
    assert "Waiting for a moderator" in html
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and item.crisis and item.held
    thread.refresh_from_db()
    assert thread.reply_count == 0 and thread.last_post.number == 1
    # Others don't see it.
    client.force_login(alice)
    other = page(client.get(thread.get_absolute_url()))
    assert "The nights are endless" not in other
    assert "Waiting for a moderator" not in other


@pytest.mark.django_db
def test_held_crisis_post_is_published_when_a_moderator_approves_it(
    client, thread, bob, alice, moderator
):
    set_moderation(crisis_post_behaviour="hold")
    client.force_login(bob)
    reply(client, thread, CRISIS_TEXT)
    item = ReviewItem.objects.get()
    actions.approve(item, by=moderator, reason="Reached out by message.")
    client.force_login(alice)
    assert "The nights are endless" in page(client.get(thread.get_absolute_url()))


# --- The queue ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_crisis_item_heads_the_queue_before_older_flagged_and_held_items(
    client, board, thread, alice, bob
):
    carol = make_member("Carol")
    WatchedWord.objects.create(pattern="casino", action=WatchedAction.HOLD)
    held = forum_actions.post_reply(thread=thread, author=carol, body="Try the casino tonight")
    flagged = forum_actions.post_reply(thread=thread, author=alice, body="Just ignore them.")
    actions.flag_post(post=flagged, member=carol, reason="unkind")
    # Make the older items clearly older.
    ReviewItem.objects.update(created_at=timezone.now() - timedelta(hours=2))

    client.force_login(bob)
    reply(client, thread, CRISIS_TEXT)
    crisis_post = Post.objects.get(thread=thread, author=bob)

    queue = list(ReviewItem.objects.open().in_queue_order())
    assert [i.post for i in queue] == [crisis_post, flagged, held]
    assert [i.priority for i in queue] == [Priority.URGENT, Priority.FLAGGED, Priority.HELD]
    assert queue[0].crisis
    assert "Crisis language: can't go on" in queue[0].reasons


# --- The on-call e-mail --------------------------------------------------------------------------


@pytest.mark.django_db
def test_oncall_moderators_get_a_link_and_never_the_words(
    client, thread, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, thread, CRISIS_TEXT)
    assert response.status_code == 200
    item = ReviewItem.objects.get()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == sorted(oncall)
    assert f"/admin/moderation/reviewitem/{item.pk}/change/" in mail.body
    assert "urgent" in mail.subject.lower()
    everything = " ".join([mail.subject, mail.body, *(str(a) for a in mail.alternatives)])
    for words in (
        *PRIVATE_WORDS,
        "can't go on",
        "Sleep when anxious",
        bob.email,
        bob.profile.display_name,
    ):
        assert words.lower() not in everything.lower(), words


@pytest.mark.django_db
def test_no_email_without_oncall_addresses_and_the_post_is_fine(
    client, thread, bob, mailoutbox, django_capture_on_commit_callbacks
):
    set_moderation(oncall_emails="")
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, thread, CRISIS_TEXT)
    assert KIND in page(response)
    assert mailoutbox == []
    assert ReviewItem.objects.get().priority == Priority.URGENT


@pytest.mark.django_db
def test_no_email_for_a_post_without_crisis_language(
    client, thread, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread, "I can go on, slowly. Thanks for asking.")
    assert mailoutbox == []


def _broken_mail(*args, **kwargs):
    raise ConnectionRefusedError("the mail server is down")


@pytest.mark.django_db
def test_failing_email_never_loses_the_post(
    client, thread, bob, oncall, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("moderation.tasks.send_mail", _broken_mail)
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, thread, CRISIS_TEXT)
    assert response.status_code == 200
    assert KIND in page(response)
    assert Post.objects.filter(thread=thread, author=bob, status=PostStatus.VISIBLE).exists()
    assert ReviewItem.objects.get().priority == Priority.URGENT
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
def test_failing_email_after_a_real_commit_still_gives_the_success_page(
    client, oncall, mailoutbox, monkeypatch
):
    """The e-mail is sent when the post is committed, inside the member's request."""
    from tests.factories import make_board

    board = make_board("night-owls")
    alice, bob = make_member("Ada"), make_member("Ben")
    thread = make_thread(board, alice, title="Late nights")
    monkeypatch.setattr("moderation.tasks.send_mail", _broken_mail)
    client.force_login(bob)
    response = reply(client, thread, CRISIS_TEXT, HTTP_ACCEPT_LANGUAGE="en-US")
    html = page(response)
    assert response.status_code == 200
    assert KIND in html and "988 Suicide" in panel(html)
    assert Post.objects.filter(thread=thread, author=bob, status=PostStatus.VISIBLE).exists()
    assert ReviewItem.objects.get().priority == Priority.URGENT
    assert mailoutbox == []


# --- What counts as crisis language -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "I can't go on anymore",
        "I CAN'T GO ON",
        "i can\u2019t go on",  # a phone's curly apostrophe
        "I cant go on",
        "Some days I want to  die.",  # two spaces
        "I keep thinking I'd be better off\ndead",  # a line break
        "Feeling suicidal tonight",
        "(end it all)",
    ],
)
def test_crisis_language_is_found_in_any_case_and_spacing(text):
    assert find_crisis_language(text)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "I need to skill myself up at work",  # "kill myself" inside a word
        "I can go on, slowly",
        "The weekend never seems to end, it's all good",
        "Yesterday I was thinking about sleep.",
    ],
)
def test_words_that_merely_contain_a_phrase_are_not_crisis_language(text):
    assert find_crisis_language(text) == []


@pytest.mark.django_db
def test_staff_phrases_extend_the_defaults(client, thread, bob):
    CrisisPhrase.objects.create(phrase="check out for good")
    assert find_crisis_language("I just want to CHECK OUT for good") == ["check out for good"]
    assert find_crisis_language("I can't go on") == ["can't go on"]  # defaults still apply
    assert find_crisis_language("checking out the goods for sale") == []

    client.force_login(bob)
    response = reply(client, thread, "Lately I want to check out for good.")
    assert KIND in page(response)
    item = ReviewItem.objects.get()
    assert item.priority == Priority.URGENT
    assert "check out for good" in item.reasons


@pytest.mark.django_db
def test_staff_phrase_with_a_curly_apostrophe_matches_a_straight_one():
    CrisisPhrase.objects.create(phrase="won\u2019t wake up")
    assert find_crisis_language("I hope I won't wake up") == ["won\u2019t wake up"]


@pytest.mark.django_db
def test_a_new_members_crisis_post_is_published_not_held(client, board, bob, hold_first_posts):
    """The crisis setting decides alone (publish, by default): the first-post hold never
    hides a person at risk from their peers. The review item still opens, urgent."""
    newcomer = make_member("Newcomer")
    client.force_login(newcomer)
    response = client.post(
        f"/b/{board.slug}/new/", {"title": "Hello", "body": CRISIS_TEXT}, follow=True
    )
    assert KIND in page(response)
    thread = Thread.objects.get()
    assert thread.is_visible and thread.posts.get().status == PostStatus.VISIBLE
    item = ReviewItem.objects.get()
    assert item.priority == Priority.URGENT and item.crisis and not item.held
    assert "One of a new member's first posts" in item.reasons
    client.force_login(bob)
    assert "The nights are endless" in page(client.get(thread.get_absolute_url()))
    assert "Hello" in page(client.get(f"/b/{board.slug}/"))


@pytest.mark.django_db
def test_a_new_members_crisis_post_is_held_when_staff_hold_crisis_posts(
    client, board, hold_first_posts
):
    set_moderation(crisis_post_behaviour="hold")
    newcomer = make_member("Newcomer")
    client.force_login(newcomer)
    response = client.post(
        f"/b/{board.slug}/new/", {"title": "Hello", "body": CRISIS_TEXT}, follow=True
    )
    assert KIND in page(response)
    assert not Thread.objects.get().is_visible
    item = ReviewItem.objects.get()
    assert item.priority == Priority.URGENT and item.crisis and item.held


HELD_NOTICE = "A moderator reads new members' first posts before others can see them"


def said(response) -> str:
    return page(response).replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["thread", "reply"])
def test_a_new_members_published_crisis_post_says_others_see_it_and_moderators_know(
    client, board, thread, hold_first_posts, what
):
    """After a crisis post the author is told plainly what became of it: published (the
    default crisis setting), so others can see it, and the moderators know. The new
    members' notice in the reply box below doesn't say it waits for a moderator."""
    client.force_login(make_member("Newcomer"))
    if what == "thread":
        response = client.post(
            f"/b/{board.slug}/new/", {"title": "Tonight", "body": CRISIS_TEXT}, follow=True
        )
    else:
        response = reply(client, thread, CRISIS_TEXT)
    html = said(response)
    assert KIND in html
    assert "other members can see it now" in html
    assert "We've let the moderators know" in html
    assert ReviewItem.objects.get().priority == Priority.URGENT
    # The reply box under it is there, and says what just happened instead.
    assert 'id="reply-heading"' in html
    assert HELD_NOTICE not in html
    # Told plainly, to them, that others can support them — no cheerful welcome.
    assert UP_NOTICE in html and "Welcome!" not in html
    # The help still comes first.
    assert html.index("crisis-panel") < html.index("other members can see it now")


@pytest.mark.django_db
@pytest.mark.parametrize("what", ["thread", "reply"])
def test_a_held_crisis_post_says_it_waits_for_a_moderator_and_moderators_know(
    client, board, thread, hold_first_posts, what
):
    set_moderation(crisis_post_behaviour="hold")
    client.force_login(make_member("Newcomer"))
    if what == "thread":
        response = client.post(
            f"/b/{board.slug}/new/", {"title": "Tonight", "body": CRISIS_TEXT}, follow=True
        )
    else:
        response = reply(client, thread, CRISIS_TEXT)
    html = said(response)
    assert KIND in html
    assert "only you can see it for now: a moderator will read it before other members" in html
    assert "We've let the moderators know" in html
    assert "other members can see it now" not in html and UP_NOTICE not in html
    assert ReviewItem.objects.get().held


@pytest.mark.django_db
def test_a_new_members_ordinary_reply_box_still_says_first_posts_wait(
    client, thread, hold_first_posts
):
    client.force_login(make_member("Newcomer"))
    html = said(client.get(thread.get_absolute_url()))
    assert HELD_NOTICE in html and UP_NOTICE not in html


@pytest.mark.django_db
def test_a_watched_word_that_holds_does_not_hide_a_crisis_post(client, thread, bob, alice):
    WatchedWord.objects.create(pattern="casino", action=WatchedAction.HOLD)
    client.force_login(bob)
    reply(client, thread, "The casino took everything and I can't go on.")
    post = thread.posts.get(number=2)
    assert post.status == PostStatus.VISIBLE
    item = ReviewItem.objects.get(post=post)
    assert item.priority == Priority.URGENT and not item.held
    client.force_login(alice)
    assert "The casino took everything" in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_a_published_crisis_post_does_not_lift_the_hold_on_the_next_first_post(
    client, board, thread, hold_first_posts
):
    """Crisis words are published unheld, but no moderator has looked yet: the next
    of a new member's first posts still waits, so they can't be a way round the hold."""
    newcomer = make_member("Newcomer")
    client.force_login(newcomer)
    reply(client, thread, CRISIS_TEXT)
    reply(client, thread, "Buy cheap followers at example dot com")
    assert thread.posts.get(number=3).status == PostStatus.PENDING


@pytest.mark.django_db
def test_re_editing_a_waiting_crisis_post_pages_the_on_call_once(
    client, thread, bob, oncall, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        reply(client, thread, CRISIS_TEXT)
    post = thread.posts.get(number=2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/p/{post.pk}/edit/", {"body": CRISIS_TEXT + " Still here."})
    assert len(mailoutbox) == 1
