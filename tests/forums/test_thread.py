import re

import pytest

from forums import actions
from forums.models import Post
from tests.conftest import count_queries
from tests.factories import make_member, make_thread


@pytest.mark.django_db
def test_visitor_is_asked_to_sign_in_for_members_only_threads(client, thread):
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    # Same answer for a thread that doesn't exist: nothing is revealed.
    missing = client.get("/t/999999/anything/")
    assert missing.status_code == 302 and missing.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_visitor_reads_a_public_thread(client, public_board, alice):
    thread = make_thread(public_board, alice, title="Hi all", body="I'm *new* here")
    response = client.get(thread.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<em>new</em>" in html
    assert 'name="robots"' not in html
    assert "Reply to this thread" not in html
    assert "Sign in</a> or" in html


@pytest.mark.django_db
def test_member_reads_posts_in_order_with_author_time_and_permalink(client, thread, alice, bob):
    actions.post_reply(thread=thread, author=bob, body="You are not alone.")
    client.force_login(bob)
    response = client.get(thread.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Does anyone else lie awake?") < html.index("You are not alone.")
    assert ">Alice<" in html and ">Bob<" in html
    assert html.count("<time datetime=") >= 2
    reply = Post.objects.get(thread=thread, number=2)
    assert f'href="/p/{reply.pk}/"' in html
    assert 'id="p2"' in html
    assert html.count("<h1") == 1
    assert "Reply to this thread" in html


@pytest.mark.django_db
def test_thread_address_is_canonical(client, thread, alice):
    client.force_login(alice)
    for wrong in [f"/t/{thread.pk}/", f"/t/{thread.pk}/wrong-slug/"]:
        response = client.get(wrong)
        assert response.status_code == 301
        assert response.url == thread.get_absolute_url()


@pytest.mark.django_db
def test_thread_pages_hold_twenty_posts_each(client, board, alice):
    thread = make_thread(board, alice, replies=44)  # 45 posts: 3 pages
    client.force_login(alice)
    page2 = client.get(thread.get_absolute_url() + "?page=2").content.decode()
    assert 'id="p21"' in page2 and 'id="p40"' in page2
    assert 'id="p20"' not in page2 and 'id="p41"' not in page2
    assert "Reply to this thread" not in page2  # the reply box is on the last page
    page3 = client.get(thread.get_absolute_url() + "?page=3").content.decode()
    assert 'id="p45"' in page3 and "Reply to this thread" in page3
    # Past the last page (an old link, a typed number): the last page, not a dead end.
    for past in (4, 99):
        response = client.get(thread.get_absolute_url() + f"?page={past}")
        assert response.status_code == 302
        assert response["Location"] == thread.get_absolute_url() + "?page=3"
    assert client.get(thread.get_absolute_url() + "?page=0").status_code == 404


@pytest.mark.django_db
def test_permalink_goes_to_the_right_page_and_anchor(client, board, alice):
    thread = make_thread(board, alice, replies=24)
    post = Post.objects.get(thread=thread, number=23)
    client.force_login(alice)
    response = client.get(f"/p/{post.pk}/")
    assert response.status_code == 302
    assert response.url == f"{thread.get_absolute_url()}?page=2#p23"


@pytest.mark.django_db
def test_permalink_of_a_members_only_post_asks_visitors_to_sign_in(client, thread):
    post = thread.posts.get()
    response = client.get(f"/p/{post.pk}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


@pytest.mark.django_db
def test_thread_refuses_writes(client, thread, alice):
    client.force_login(alice)
    assert client.post(thread.get_absolute_url()).status_code == 405


@pytest.mark.django_db
def test_removed_post_keeps_its_place(client, thread, alice, bob):
    reply = actions.post_reply(thread=thread, author=bob, body="Something I regret")
    actions.post_reply(thread=thread, author=alice, body="Later reply")
    actions.remove_post(post=reply)
    client.force_login(alice)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "Something I regret" not in html
    assert "This post was removed by its author." in html
    assert 'id="p2"' in html and "Later reply" in html


@pytest.mark.django_db
def test_content_warning_collapses_the_posts(client, board, alice):
    thread = make_thread(board, alice, title="A hard week", content_warning="self-harm")
    client.force_login(alice)
    html = client.get(thread.get_absolute_url()).content.decode()
    assert '<details class="cw">' in html
    assert "Content warning: self-harm" in html


@pytest.mark.django_db
def test_thread_query_count_is_the_same_on_any_page(client, board, alice):
    """Guards the N+1 of loading each post's author profile, and OFFSET paging.

    The last page costs three queries more than the others: the reader's draft of a
    reply, whether the reader's reply would wait for a moderator (a new member's first
    posts), and whether someone else's post on it is in crisis (the note on how to
    respond; not asked when every post is the reader's own). The reply form's list of
    content warnings is kept by each process (forums.models.warning_choices).
    Besides the posts: session, account, thread, profile (header), the authors' shared
    experiences, blocks, read state, the reader's own reactions, following, the
    thread's topics."""
    thread = make_thread(board, alice)
    client.force_login(alice)
    few = count_queries(client, thread.get_absolute_url())  # the only page is the last
    people = [make_member() for _ in range(5)]
    for i in range(80):
        actions.post_reply(thread=thread, author=people[i % 5], body=f"Reply {i}")
    first_page = count_queries(client, thread.get_absolute_url())
    middle_page = count_queries(client, thread.get_absolute_url() + "?page=3")
    last_page = count_queries(client, thread.get_absolute_url() + "?page=5")
    assert first_page == middle_page
    assert few + 1 == last_page == first_page + 3
    assert last_page <= 15  # 14, + the reader's mutes (one query however many)


@pytest.mark.django_db
def test_thread_page_never_loads_lazily(client, board, alice, bob, monkeypatch):
    """Every relation the template touches is fetched up front."""
    from django.db.models import FETCH_RAISE

    from forums.models import PostQuerySet

    thread = make_thread(board, alice, replies=3)
    actions.post_reply(thread=thread, author=bob, body="hi")
    client.force_login(alice)
    real = PostQuerySet.with_authors
    monkeypatch.setattr(
        PostQuerySet, "with_authors", lambda self: real(self).fetch_mode(FETCH_RAISE)
    )
    assert client.get(thread.get_absolute_url()).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_page_navigation_links_each_page_around_this_one_in_the_readers_language(
    client, board, alice, settings, language
):
    settings.BOOMITY_POSTS_PER_PAGE = 2
    thread = make_thread(board, alice, title="Ten pages", replies=19)  # 20 posts, 10 pages
    url = thread.get_absolute_url()
    client.force_login(make_member())
    html = client.get(f"{url}?page=5", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    word = {"en": "Page", "es": "Página"}[language]
    start = html.index('<nav class="pagination"')
    nav = html[start : html.index("</nav>", start)]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)
    assert links == [
        (url if n == 1 else f"{url}?page={n}", f"{word} {n}") for n in (1, 3, 4, 6, 7, 10)
    ]
    assert f'<span aria-current="page">{word} 5</span>' in nav
    assert nav.count("…") == 2
    # The same navigation again below the posts.
    assert html.count('<nav class="pagination"') == 2


@pytest.mark.django_db
def test_a_thread_number_too_large_for_any_thread_is_simply_not_found(client, board, alice):
    """The thread is read with a query built once (core.queries): an id no row can have
    finds nothing, as it did through the ORM, rather than failing."""
    huge = "9" * 25
    assert client.get(f"/t/{huge}/").status_code == 302  # a visitor: sign in to read
    client.force_login(alice)
    assert client.get(f"/t/{huge}/").status_code == 404
    assert client.get(f"/t/{2**63 - 1}/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("per_page", [1, 3, 20])
def test_a_pages_posts_are_what_the_orm_reads(board, alice, bob, settings, per_page):
    """forums.models.posts_on_page, built once per process for each page size, against
    the ORM asked directly: every post on each page (held, hidden, anonymous, by an
    erased member), every column, its author and their profile; none after the last."""
    from forums.models import posts_on_page

    settings.BOOMITY_POSTS_PER_PAGE = per_page
    thread = make_thread(board, alice, replies=4)
    actions.post_reply(thread=thread, author=bob, body="Me too", anonymous=True)
    actions.post_reply(thread=thread, author=bob, body="Held", held_because="held")
    Post.objects.filter(thread=thread, number=2).update(author=None)
    Post.objects.filter(thread=thread, number=3).update(status="hidden")
    thread.refresh_from_db()
    seen = []
    for page in range(1, thread.page_count + 2):
        posts = posts_on_page(thread, page)
        first, last = thread.number_range(page)
        expected = list(
            Post.objects.filter(thread=thread, number__range=(first, last))
            .select_related("author__profile")
            .order_by("number")
        )
        assert [p.pk for p in posts] == [p.pk for p in expected]
        for made, orm in zip(posts, expected, strict=True):
            for field in Post._meta.concrete_fields:
                if field.attname != "search_vector":
                    assert getattr(made, field.attname) == getattr(orm, field.attname)
            assert made.author_name == orm.author_name
            assert made.author_profile == orm.author_profile
            if orm.author is not None:
                assert made.author.profile.role == orm.author.profile.role
        seen += [p.number for p in posts]
    assert seen == list(range(1, thread.last_number + 1))
