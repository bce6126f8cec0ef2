"""Topics on threads: chosen from the staff's list, shown in every thread list, and a way
to find threads on one board or on all of them."""

import re

import pytest

from forums import actions
from forums.models import PostStatus, Thread, Topic
from tests.conftest import count_queries
from tests.factories import make_board, make_member, make_thread

STARTER_TOPICS = {
    "Coping ideas",
    "Sleep",
    "Medication",
    "Therapy and services",
    "Work and study",
    "Relationships",
    "Family",
    "Good news",
    "First post",
    "Setbacks",
    "Self-care",
    "Asking for advice",
}


def topics(*slugs: str) -> list[Topic]:
    return [Topic.objects.get(slug=slug) for slug in slugs]


def ticked(html: str) -> set[int]:
    """The topics ticked in a form on the page."""
    return {int(pk) for pk in re.findall(r'name="topics" value="(\d+)"[^>]* checked>', html)}


def tagged(board, author, title: str, *slugs: str, **extra) -> Thread:
    thread = make_thread(board, author, title=title, **extra)
    actions.set_topics(thread, topics(*slugs))
    return thread


@pytest.mark.django_db
def test_a_starter_list_of_topics_ships():
    assert set(Topic.objects.values_list("name", flat=True)) >= STARTER_TOPICS
    assert Topic.objects.get(name="Therapy and services").slug == "therapy-and-services"


# --- Starting a thread -------------------------------------------------------------------


@pytest.mark.django_db
def test_member_chooses_topics_when_starting_a_thread(client, board, alice):
    client.force_login(alice)
    form = client.get(f"/b/{board.slug}/new/").content.decode()
    assert "<legend>Topics</legend>" in form and "Coping ideas" in form
    sleep, coping = topics("sleep", "coping-ideas")
    response = client.post(
        f"/b/{board.slug}/new/",
        {
            "title": "Waking at four",
            "body": "Every night lately.",
            "topics": [sleep.pk, coping.pk],
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert set(thread.topics.all()) == {sleep, coping}
    page = client.get(thread.get_absolute_url()).content.decode()
    assert 'href="/topics/sleep/"' in page and 'href="/topics/coping-ideas/"' in page


@pytest.mark.django_db
def test_six_topics_are_refused_kindly_and_nothing_typed_is_lost(client, board, alice):
    client.force_login(alice)
    six = Topic.objects.order_by("name")[:6]
    response = client.post(
        f"/b/{board.slug}/new/",
        {
            "title": "A long week",
            "body": "Everything I typed tonight",
            "topics": [t.pk for t in six],
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert not Thread.objects.exists()
    assert "You chose 6 topics. Please keep it to 5 or fewer" in html
    assert 'value="A long week"' in html and "Everything I typed tonight</textarea>" in html
    assert ticked(html) == {t.pk for t in six}  # the ticks stay where they were


@pytest.mark.django_db
def test_five_topics_are_fine(client, board, alice):
    client.force_login(alice)
    five = list(Topic.objects.order_by("name")[:5])
    client.post(
        f"/b/{board.slug}/new/",
        {"title": "Five of them", "body": "Fine.", "topics": [t.pk for t in five]},
    )
    assert set(Thread.objects.get().topics.all()) == set(five)


@pytest.mark.django_db
def test_members_cannot_make_new_topics(client, board, alice):
    client.force_login(alice)
    before = Topic.objects.count()
    response = client.post(
        f"/b/{board.slug}/new/",
        {
            "title": "My own topic",
            "body": "Kept.",
            "topics": ["Brand new topic"],
        },
    )
    assert response.status_code == 400
    assert "Please choose topics from the list" in response.content.decode()
    assert Topic.objects.count() == before and not Thread.objects.exists()
    with pytest.raises(TypeError):
        actions.set_topics(make_thread(board, alice), ["Brand new topic"])
    assert Topic.objects.count() == before


@pytest.mark.django_db
def test_a_topic_staff_removed_meanwhile_is_explained(client, board, alice):
    client.force_login(alice)
    gone = Topic.objects.create(name="Going away")
    gone_pk = gone.pk
    gone.delete()
    response = client.post(
        f"/b/{board.slug}/new/",
        {
            "title": "Still here",
            "body": "My words",
            "topics": [gone_pk],
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "isn&#x27;t on our list any more" in html and "My words</textarea>" in html


# --- Editing --------------------------------------------------------------------------


@pytest.mark.django_db
def test_author_changes_topics_when_editing_the_first_post(client, board, alice):
    thread = tagged(board, alice, "Sleep again", "sleep")
    opening = thread.posts.get(number=1)
    client.force_login(alice)
    form = client.get(f"/p/{opening.pk}/edit/").content.decode()
    assert ticked(form) == {Topic.objects.get(slug="sleep").pk}
    setbacks, good = topics("setbacks", "good-news")
    response = client.post(
        f"/p/{opening.pk}/edit/",
        {
            "title": "Sleep again",
            "body": "Better now.",
            "topics": [setbacks.pk, good.pk],
        },
    )
    assert response.status_code == 302
    assert set(thread.topics.all()) == {setbacks, good}


@pytest.mark.django_db
def test_editing_with_six_topics_changes_nothing(client, board, alice):
    thread = tagged(board, alice, "Sleep again", "sleep")
    opening = thread.posts.get(number=1)
    client.force_login(alice)
    response = client.post(
        f"/p/{opening.pk}/edit/",
        {
            "title": "Sleep again",
            "body": "My edited words",
            "topics": [t.pk for t in Topic.objects.all()[:6]],
        },
    )
    assert response.status_code == 400
    assert "My edited words</textarea>" in response.content.decode()
    assert [t.slug for t in thread.topics.all()] == ["sleep"]
    opening.refresh_from_db()
    assert opening.body == "Hello, everyone."


@pytest.mark.django_db
def test_replies_have_no_topics_and_others_cannot_change_them(client, board, alice, bob):
    thread = tagged(board, alice, "Sleep again", "sleep")
    reply = actions.post_reply(thread=thread, author=bob, body="Me too")
    client.force_login(bob)
    assert "<legend>Topics</legend>" not in client.get(f"/p/{reply.pk}/edit/").content.decode()
    opening = thread.posts.get(number=1)
    family = Topic.objects.get(slug="family")
    assert (
        client.post(
            f"/p/{opening.pk}/edit/",
            {
                "title": "Hijacked",
                "body": "x",
                "topics": [family.pk],
            },
        ).status_code
        == 404
    )
    # Topics on a reply's edit are ignored: they belong to the thread.
    client.post(f"/p/{reply.pk}/edit/", {"body": "Me too, still", "topics": [family.pk]})
    assert [t.slug for t in thread.topics.all()] == ["sleep"]


# --- Board filter -------------------------------------------------------------------------


@pytest.mark.django_db
def test_board_shows_topics_and_filters_by_one(client, board, alice):
    tagged(board, alice, "Night thoughts", "sleep", "coping-ideas")
    tagged(board, alice, "Job interview", "work-and-study")
    make_thread(board, alice, title="No topic at all")
    elsewhere = make_board(name="Elsewhere")
    tagged(elsewhere, alice, "Sleep on another board", "sleep")
    client.force_login(alice)
    everything = client.get(f"/b/{board.slug}/").content.decode()
    assert "Night thoughts" in everything and "No topic at all" in everything
    assert 'class="topic-chip" href="/topics/coping-ideas/"' in everything
    filtered = client.get(f"/b/{board.slug}/?topic=sleep").content.decode()
    assert "Threads about Sleep" in filtered and "Night thoughts" in filtered
    assert "Job interview" not in filtered and "No topic at all" not in filtered
    assert "Sleep on another board" not in filtered
    assert '<option value="sleep" selected>' in filtered
    assert client.get(f"/b/{board.slug}/?topic=nope").status_code == 404


@pytest.mark.django_db
def test_board_filter_with_nothing_says_so(client, board, alice):
    make_thread(board, alice, title="Untagged")
    client.force_login(alice)
    html = client.get(f"/b/{board.slug}/?topic=medication").content.decode()
    assert "No threads about Medication on this board yet" in html and "Untagged" not in html


@pytest.mark.django_db
def test_board_filter_pages_keep_the_topic(client, board, alice, settings):
    settings.BOOMITY_THREADS_PER_PAGE = 2
    for i in range(5):
        tagged(board, alice, f"Sleep thread {i}", "sleep")
    client.force_login(alice)
    html = client.get(f"/b/{board.slug}/?topic=sleep").content.decode()
    older = re.search(r'href="(/b/[^"]+)" rel="next"', html)
    assert older and older[1].startswith(f"/b/{board.slug}/?topic=sleep&amp;before=")
    page2 = client.get(older[1].replace("&amp;", "&")).content.decode()
    newer = re.search(r'href="(/b/[^"]+)" rel="prev"', page2)
    assert newer and newer[1].startswith(f"/b/{board.slug}/?topic=sleep&amp;after=")
    assert f'href="/b/{board.slug}/?topic=sleep">Newest threads' in page2


@pytest.mark.django_db
def test_public_board_filtered_by_topic_is_not_indexed(client, public_board, alice):
    tagged(public_board, alice, "Hello", "first-post")
    assert 'name="robots"' not in client.get(f"/b/{public_board.slug}/").content.decode()
    filtered = client.get(f"/b/{public_board.slug}/?topic=first-post").content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in filtered


@pytest.mark.django_db
def test_board_with_topics_costs_the_same_as_threads_grow(client, board, alice):
    """Guards the N+1 of each thread's topics (one prefetch for the page)."""
    client.force_login(alice)
    tagged(board, alice, "First", "sleep")
    few = count_queries(client, f"/b/{board.slug}/")
    few_filtered = count_queries(client, f"/b/{board.slug}/?topic=sleep")
    for i in range(15):
        tagged(board, make_member(), f"Thread {i}", "sleep", "family", "self-care")
    assert count_queries(client, f"/b/{board.slug}/") == few
    assert count_queries(client, f"/b/{board.slug}/?topic=sleep") == few_filtered


# --- Topic pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_topic_page_lists_threads_from_every_board_the_person_may_read(
    client, board, public_board, alice, bob
):
    tagged(board, alice, "Members-only sleep thread", "sleep")
    tagged(public_board, alice, "Public sleep thread", "sleep")
    tagged(public_board, alice, "Public family thread", "family")
    visitor = client.get("/topics/sleep/").content.decode()
    assert "Public sleep thread" in visitor
    assert "Members-only sleep thread" not in visitor and "Public family thread" not in visitor
    assert "Sign in</a> to see the members-only boards too" in visitor
    client.force_login(bob)
    member = client.get("/topics/sleep/").content.decode()
    assert "Public sleep thread" in member and "Members-only sleep thread" in member
    assert f'href="/b/{board.slug}/"' in member  # each row says which board


@pytest.mark.django_db
def test_topic_page_never_lists_a_hidden_thread(client, board, alice, bob, hold_first_posts):
    newcomer = make_member("Newcomer")
    held = make_thread(board, newcomer, title="Waiting for review")
    assert not held.is_visible
    actions.set_topics(held, topics("sleep"))
    shown = tagged(board, alice, "Hidden later", "sleep")
    actions.hide_post(post=shown.posts.get(number=1))
    client.force_login(bob)
    html = client.get("/topics/sleep/").content.decode()
    assert "Waiting for review" not in html and "Hidden later" not in html
    assert "No threads with this topic yet" in html
    index = client.get("/topics/").content.decode()
    assert "· 0 threads" in index


@pytest.mark.django_db
def test_topic_page_refuses_writes_and_unknown_topics(client, alice):
    assert client.post("/topics/sleep/").status_code == 405
    assert client.get("/topics/not-a-topic/").status_code == 404
    client.force_login(alice)
    assert client.post("/topics/").status_code == 405


@pytest.mark.django_db
def test_topic_index_counts_only_what_the_person_may_read(client, board, public_board, alice):
    tagged(board, alice, "Members only", "sleep")
    tagged(board, alice, "Members only too", "sleep")
    tagged(public_board, alice, "Public", "sleep")
    visitor = client.get("/topics/").content.decode()
    assert 'href="/topics/sleep/">Sleep</a>\n    <span class="muted">· 1 thread</span>' in visitor
    client.force_login(alice)
    member = client.get("/topics/").content.decode()
    assert 'href="/topics/sleep/">Sleep</a>\n    <span class="muted">· 3 threads</span>' in member


@pytest.mark.django_db
def test_topic_page_costs_the_same_as_threads_grow(client, board, alice):
    """Guards the N+1 of each row's board, people, topics and read state."""
    client.force_login(alice)
    tagged(board, alice, "First", "sleep")
    few = count_queries(client, "/topics/sleep/")
    index = count_queries(client, "/topics/")
    for i in range(15):
        other = make_board(name=f"Board {i}")
        thread = tagged(other, make_member(), f"Thread {i}", "sleep", "setbacks")
        actions.post_reply(thread=thread, author=make_member(), body="Me too")
    assert count_queries(client, "/topics/sleep/") == few
    assert count_queries(client, "/topics/") == index


@pytest.mark.django_db
def test_latest_and_needs_reply_show_topics_at_a_constant_cost(client, board, alice, bob):
    """Guards the N+1 of each thread's topics on Latest and Needs a reply."""
    client.force_login(bob)
    tagged(board, alice, "Tagged and waiting", "asking-for-advice")
    latest, waiting = count_queries(client, "/latest/"), count_queries(client, "/needs-reply/")
    assert 'href="/topics/asking-for-advice/"' in client.get("/latest/").content.decode()
    assert 'href="/topics/asking-for-advice/"' in client.get("/needs-reply/").content.decode()
    for i in range(12):
        tagged(board, make_member(), f"Waiting {i}", "sleep", "family")
    assert count_queries(client, "/latest/") == latest
    assert count_queries(client, "/needs-reply/") == waiting


# --- In the admin ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_moderator_changes_a_threads_topics_in_the_admin(client, moderator, board, alice, bob):
    thread = tagged(board, alice, "Sleep again", "sleep")
    url = f"/admin/forums/thread/{thread.pk}/change/"
    client.force_login(moderator)
    stale = client.get(url)
    assert stale.status_code == 200 and 'name="topics"' in stale.content.decode()
    actions.post_reply(thread=thread, author=bob, body="A reply while the page was open")
    family, setbacks = topics("family", "setbacks")
    response = client.post(url, {"topics": [family.pk, setbacks.pk]})
    assert response.status_code == 302
    assert set(thread.topics.all()) == {family, setbacks}
    thread.refresh_from_db()
    # Saving the topics never writes the thread's counters back from the open page.
    assert (thread.reply_count, thread.post_count) == (1, 2)
    too_many = client.post(url, {"topics": [t.pk for t in Topic.objects.all()[:6]]})
    assert too_many.status_code == 200 and "Please keep it to 5 or fewer" in (
        too_many.content.decode()
    )
    assert set(thread.topics.all()) == {family, setbacks}


@pytest.mark.django_db
def test_only_staff_keep_the_list_of_topics(client, moderator, staff, alice):
    client.force_login(moderator)
    assert client.get("/admin/forums/topic/").status_code == 200  # moderators may look
    assert (
        client.post("/admin/forums/topic/add/", {"name": "Pets", "slug": "pets"}).status_code == 403
    )
    client.force_login(staff)
    response = client.post(
        "/admin/forums/topic/add/",
        {
            "name": "Pets and animals",
            "slug": "pets-and-animals",
            "description": "The animals who keep us going.",
        },
    )
    assert response.status_code == 302
    assert Topic.objects.get(slug="pets-and-animals").name == "Pets and animals"
    client.force_login(alice)
    assert client.get("/admin/forums/topic/").status_code == 302  # to the admin's sign-in


@pytest.mark.django_db
def test_members_cannot_change_topics_in_the_admin(client, board, alice):
    thread = tagged(board, alice, "Mine", "sleep")
    client.force_login(alice)
    client.post(
        f"/admin/forums/thread/{thread.pk}/change/",
        {"topics": [Topic.objects.get(slug="family").pk]},
    )
    assert [t.slug for t in thread.topics.all()] == ["sleep"]


@pytest.mark.django_db
def test_a_topic_with_a_non_ascii_name_gets_a_working_address():
    topic = Topic.objects.create(name="Émotions")
    assert topic.get_absolute_url() == "/topics/emotions/"
    assert Topic.objects.create(name="✨").get_absolute_url() == "/topics/topic/"
    assert Topic.objects.create(name="✨✨").get_absolute_url() == "/topics/topic-1/"


@pytest.mark.django_db
def test_removed_opening_post_takes_the_thread_off_topic_pages(client, board, alice, bob):
    thread = tagged(board, alice, "Taking it back", "setbacks")
    actions.remove_post(post=thread.posts.get(number=1))
    assert thread.posts.get(number=1).status == PostStatus.REMOVED
    client.force_login(bob)
    assert "Taking it back" not in client.get("/topics/setbacks/").content.decode()


@pytest.mark.django_db
def test_the_thread_page_shows_each_threads_own_topics_after_every_change(client, board, alice):
    """The thread page reads its topics with a query built once per process
    (forums.models.topics_of): each thread gets its own, in the order they were given,
    changed at once, in the reader's language."""
    from forums.models import topics_of

    def chips(thread) -> list[str]:
        html = client.get(thread.get_absolute_url()).content.decode()
        return re.findall(r'<a class="topic-chip" href="[^"]+">([^<]+)</a>', html)

    client.force_login(alice)
    sleep = tagged(board, alice, "Sleep again", "sleep", "setbacks")
    work = tagged(board, alice, "Work stress", "work-and-study")
    bare = make_thread(board, alice, title="No topics")
    for thread in (sleep, work, bare):
        assert topics_of(thread) == list(thread.topics.order_by("thread_links__id"))
    assert chips(sleep) == ["Sleep", "Setbacks"]
    assert chips(work) == ["Work and study"]
    assert (
        chips(bare) == []
        and 'class="topic-chips"' not in client.get(bare.get_absolute_url()).content.decode()
    )
    actions.set_topics(sleep, topics("good-news"))
    assert chips(sleep) == ["Good news"]
    Topic.objects.filter(slug="good-news").update(names={"es": "Buenas noticias"})
    client.cookies["django_language"] = "es"
    assert chips(sleep) == ["Buenas noticias"]
