"""Mutes: a word or phrase, a kind of content warning, a board, a topic or a thread,
each made from the thing itself, kept private, and undone on one page."""

import pytest

from forums import actions
from forums.models import Mute, MuteKind, Topic, WarningMute
from members.models import Notification
from tests.conftest import count_queries, page
from tests.factories import make_board, make_member, make_thread

FOLDED_POST = "Collapsed because it mentions a word or phrase you muted"
FOLDED_ROW = "A thread with a word you muted — show"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Telling followers is a task queued when the post commits: run it here."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def mute_word(member, phrase):
    return actions.mute_phrase(member=member, phrase=phrase)


# --- Words and phrases ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_post_with_a_muted_word_is_folded_for_me_with_why_and_openable(
    client, thread, alice, bob
):
    actions.post_reply(thread=thread, author=bob, body="The RELAPSE last spring was hard.")
    mute_word(alice, "relapse")
    client.force_login(alice)
    html = page(client.get(thread.get_absolute_url()))
    assert FOLDED_POST in html
    # Folded, not gone: the words are inside a <details> they can open.
    folded = html.split(FOLDED_POST, 1)[1]
    assert "The RELAPSE last spring was hard." in folded.split("</details>", 1)[0]
    # The reason never repeats the muted word itself.
    assert "mentions a word or phrase you muted. Show post" in html


@pytest.mark.django_db
def test_whole_words_and_phrases_only(client, thread, alice, bob):
    actions.post_reply(thread=thread, author=bob, body="What a cute dog.")
    actions.post_reply(thread=thread, author=bob, body="Bad   night  again, sorry.")
    mute_word(alice, "cut")
    mute_word(alice, "bad night")
    client.force_login(alice)
    html = page(client.get(thread.get_absolute_url()))
    assert html.count(FOLDED_POST) == 1
    assert "What a cute dog." in html.split(FOLDED_POST)[0]


@pytest.mark.django_db
def test_a_mute_never_folds_my_own_post(client, thread, alice):
    mute_word(alice, "awake")  # her opening post: "Does anyone else lie awake?"
    client.force_login(alice)
    assert FOLDED_POST not in page(client.get(thread.get_absolute_url()))


@pytest.mark.django_db
def test_another_member_never_sees_my_mutes(client, thread, alice, bob):
    actions.post_reply(thread=thread, author=alice, body="Relapse talk")
    mute_word(bob, "relapse")
    Mute.objects.create(member=bob, kind=MuteKind.THREAD, thread=thread)
    carol = make_member("Carol")
    client.force_login(carol)
    html = page(client.get(thread.get_absolute_url()))
    assert FOLDED_POST not in html and "Relapse talk" in html
    assert "Muted — unmute" not in html
    assert "relapse" not in page(client.get("/mutes/")).lower()
    assert "Sleep when anxious" in page(client.get("/latest/"))


@pytest.mark.django_db
def test_a_title_with_a_muted_word_is_folded_in_lists(client, board, alice, bob):
    make_thread(board, bob, title="Thinking about relapse")
    mute_word(alice, "Relapse")
    client.force_login(alice)
    for url in ("/latest/", "/needs-reply/", f"/b/{board.slug}/"):
        html = page(client.get(url))
        assert FOLDED_ROW in html, url
        assert "Thinking about relapse" in html.split(FOLDED_ROW, 1)[1], url


@pytest.mark.django_db
def test_a_latest_title_with_a_muted_word_is_folded_on_home(client, board, alice, bob):
    make_thread(board, bob, title="Thinking about relapse", replies=1)
    mute_word(alice, "Relapse")
    client.force_login(alice)
    html = page(client.get("/"))
    assert "Latest in a thread with a word you muted — show" in html
    assert "Thinking about relapse" in html.split("a word you muted — show", 1)[1]
    client.force_login(bob)  # nobody else's home page folds it
    assert "a word you muted" not in page(client.get("/"))


@pytest.mark.django_db
def test_home_leaves_out_latest_titles_of_muted_boards_threads_topics(client, board, alice, bob):
    sleep = Topic.objects.get(slug="sleep")
    other, third = make_board(), make_board()
    make_thread(board, bob, title="In a muted board", replies=1)
    thread = make_thread(other, bob, title="A muted thread", replies=1)
    make_thread(third, bob, title="About a muted topic", topics=[sleep])
    client.force_login(alice)
    html = page(client.get("/"))
    assert "In a muted board" in html and "A muted thread" in html
    assert "About a muted topic" in html
    actions.toggle_mute(member=alice, target=board)
    actions.toggle_mute(member=alice, target=thread)
    actions.toggle_mute(member=alice, target=sleep)
    html = page(client.get("/"))
    for title in ("In a muted board", "A muted thread", "About a muted topic"):
        assert title not in html
    # The boards themselves stay, with when something last happened.
    assert html.count("last activity") == 3
    # Her own thread in a muted board is never hidden from her.
    make_thread(board, alice, title="Mine in a muted board")
    assert "Mine in a muted board" in page(client.get("/"))


@pytest.mark.django_db
def test_a_members_profile_leaves_out_threads_i_muted_and_folds_muted_words(
    client, board, alice, bob
):
    carol = make_member("Carol")
    muted = make_thread(board, carol, title="A thread Alice muted")
    actions.post_reply(thread=muted, author=bob, body="Here with you")
    worded = make_thread(board, carol, title="Thinking about relapse")
    actions.post_reply(thread=worded, author=bob, body="Me too")
    make_thread(board, bob, title="Started by Bob")
    client.force_login(alice)
    html = page(client.get("/members/Bob/"))
    assert "A thread Alice muted" in html and FOLDED_ROW not in html
    actions.toggle_mute(member=alice, target=muted)
    mute_word(alice, "relapse")
    html = page(client.get("/members/Bob/"))
    assert "A thread Alice muted" not in html
    assert FOLDED_ROW in html
    assert "Thinking about relapse" in html.split(FOLDED_ROW, 1)[1]
    assert "Started by Bob" in html
    # Bob's own page is his: what Alice muted changes nothing there.
    client.force_login(bob)
    html = page(client.get("/members/Bob/"))
    assert "A thread Alice muted" in html and FOLDED_ROW not in html


@pytest.mark.django_db
def test_search_snippets_with_a_muted_word_are_folded(client, board, alice, bob):
    make_thread(board, bob, title="Evenings", body="Harbour walks and relapse worries")
    mute_word(alice, "relapse")
    client.force_login(alice)
    html = page(client.get("/search/?q=harbour"))
    assert "Collapsed because it mentions a word or phrase you muted. Show it" in html


# --- Content warnings -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_warning_muted_from_the_thread_leaves_its_threads_out_of_lists(client, board, alice, bob):
    warned = make_thread(board, bob, title="A hard week", content_warning="self-harm")
    make_thread(board, bob, title="Good news")
    client.force_login(alice)
    html = page(client.get(warned.get_absolute_url()))
    assert "Leave their threads out of my lists" in html
    response = client.post(
        "/mutes/warning/",
        {"label": "self-harm", "mode": "left_out", "next": warned.get_absolute_url()},
    )
    assert response.status_code == 302 and response["Location"] == warned.get_absolute_url()
    for url in ("/latest/", "/needs-reply/", f"/b/{board.slug}/"):
        html = page(client.get(url))
        assert "A hard week" not in html and "Good news" in html, url


@pytest.mark.django_db
def test_a_warning_kept_closed_folds_its_rows_and_says_so_on_posts(client, board, alice, bob):
    warned = make_thread(board, bob, title="A hard week", content_warning="self-harm")
    actions.mute_warning(member=alice, label="self-harm", mode=WarningMute.COLLAPSED)
    client.force_login(alice)
    assert "A thread with a content warning you keep closed — show" in page(client.get("/latest/"))
    html = page(client.get(warned.get_absolute_url()))
    assert "Content warning: self-harm. You chose to keep these closed. Show post" in html
    assert "its posts stay closed for you" in html
    assert "<details open" not in html


@pytest.mark.django_db
def test_my_own_warned_thread_stays_in_my_lists(client, board, alice):
    make_thread(board, alice, title="My hard week", content_warning="self-harm")
    actions.mute_warning(member=alice, label="self-harm", mode=WarningMute.LEFT_OUT)
    client.force_login(alice)
    assert "My hard week" in page(client.get("/latest/"))


@pytest.mark.django_db
def test_only_known_warnings_can_be_muted(client, alice):
    client.force_login(alice)
    assert (
        client.post("/mutes/warning/", {"label": "made up", "mode": "left_out"}).status_code == 404
    )
    assert client.post("/mutes/warning/", {"label": "trauma", "mode": "odd"}).status_code == 404
    assert not Mute.objects.exists()


# --- Boards, topics, threads: the buttons ---------------------------------------------------


@pytest.mark.django_db
def test_mute_this_board_keeps_it_out_of_latest_and_needs_reply(client, board, alice, bob):
    make_thread(board, bob, title="Board thread")
    client.force_login(alice)
    assert "Mute this board" in page(client.get(f"/b/{board.slug}/"))
    response = client.post(f"/b/{board.slug}/mute/", follow=True)
    assert "muted this board. Its threads won" in page(response).replace("&#x27;", "'")
    assert "Muted — unmute this board" in page(response)
    assert "Board thread" not in page(client.get("/latest/"))
    assert "Board thread" not in page(client.get("/needs-reply/"))
    # The board's own page still lists it: they went there.
    assert "Board thread" in page(client.get(f"/b/{board.slug}/"))
    client.post(f"/b/{board.slug}/mute/")  # a toggle
    assert "Board thread" in page(client.get("/latest/"))


@pytest.mark.django_db
def test_a_muted_board_sends_no_new_thread_notifications(board, alice, bob, committed):
    actions.toggle_follow(member=alice, target=board)
    actions.toggle_mute(member=alice, target=board)
    with committed():
        make_thread(board, bob, title="New here")
    assert not Notification.objects.filter(recipient=alice).exists()


@pytest.mark.django_db
def test_mute_this_topic_keeps_its_threads_out_of_latest(client, board, alice, bob):
    sleep = Topic.objects.get(slug="sleep")
    make_thread(board, bob, title="Topic thread", topics=[sleep])
    client.force_login(alice)
    assert "Mute this topic" in page(client.get("/topics/sleep/"))
    response = client.post("/topics/sleep/mute/")
    assert response.status_code == 302 and response["Location"] == "/topics/sleep/"
    assert "Topic thread" not in page(client.get("/latest/"))


@pytest.mark.django_db
def test_mute_this_thread_keeps_it_out_of_latest_and_quiet(client, thread, alice, bob, committed):
    client.force_login(alice)
    assert "Mute this thread" in page(client.get(thread.get_absolute_url()))
    client.post(f"/t/{thread.pk}/mute/")
    assert "Sleep when anxious" in page(client.get("/latest/"))  # her own thread stays
    client.force_login(bob)
    actions.post_reply(thread=thread, author=bob, body="Me too")
    client.post(f"/t/{thread.pk}/mute/")
    assert "Sleep when anxious" not in page(client.get("/latest/"))
    with committed():
        actions.post_reply(thread=thread, author=alice, body="Thank you @Bob")
    assert not Notification.objects.filter(recipient=bob).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/b/anxiety/mute/", "/topics/sleep/mute/", "/t/{pk}/mute/"])
def test_mute_buttons_anonymous_and_wrong_method(client, thread, alice, url):
    url = url.format(pk=thread.pk)
    response = client.post(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(alice)
    assert client.get(url).status_code == 405
    assert not Mute.objects.exists()


@pytest.mark.django_db
def test_a_thread_someone_cannot_read_cannot_be_muted(client, board, alice, bob, hold_first_posts):
    newcomer = make_member("Newcomer")
    held = make_thread(board, newcomer, title="Held one")
    assert not held.is_visible
    client.force_login(alice)
    assert client.post(f"/t/{held.pk}/mute/").status_code == 404


# --- The page -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_mutes_page_adds_lists_and_removes(client, board, alice):
    client.force_login(alice)
    html = page(client.get("/mutes/"))
    assert "What you've muted" in html and "You haven't muted any words" in html
    response = client.post("/mutes/", {"phrase": "  Bad   Night "}, follow=True)
    assert "Muted." in page(response)
    mute = Mute.objects.get(member=alice)
    assert mute.phrase == "Bad Night"
    assert client.post("/mutes/", {"phrase": "bad night"}).status_code == 400
    actions.toggle_mute(member=alice, target=board)
    html = page(client.get("/mutes/"))
    assert "Bad Night" in html.split("<details", 1)[1]  # folded, not shown at a glance
    assert "Anxiety" in html
    client.post(f"/mutes/{mute.pk}/remove/")
    assert not Mute.objects.filter(pk=mute.pk).exists()


@pytest.mark.django_db
def test_the_mutes_page_is_linked_from_the_account_menu(client, alice):
    client.force_login(alice)
    assert 'href="/mutes/"' in page(client.get("/account/blocked/"))


@pytest.mark.django_db
def test_the_mutes_page_anonymous_wrong_member_wrong_method(client, alice, bob):
    assert "/accounts/login/" in client.get("/mutes/")["Location"]
    mine = mute_word(alice, "relapse")
    client.force_login(bob)
    assert client.post(f"/mutes/{mine.pk}/remove/").status_code == 404
    assert client.get(f"/mutes/{mine.pk}/remove/").status_code == 405
    assert client.put("/mutes/").status_code == 405
    assert Mute.objects.filter(pk=mine.pk).exists()


@pytest.mark.django_db
def test_data_download_has_my_mutes_and_erasing_removes_them(client, board, alice):
    from core.privacy import erase_member, export_member

    mute_word(alice, "relapse")
    actions.toggle_mute(member=alice, target=board)
    exported = export_member(alice)["mutes"]
    assert {m["word_or_warning"] for m in exported} == {"relapse", None}
    assert {m["board"] for m in exported} == {"Anxiety", None}
    erase_member(alice, remove_posts=False)
    assert not Mute.objects.exists()


# --- What it costs --------------------------------------------------------------------------


@pytest.mark.django_db
def test_query_counts_stay_flat_however_many_mutes(client, board, alice, bob):
    """One query reads the viewer's mutes; lists leave muted things out with subqueries.
    Home asks one more once anything is muted (which boards' latest threads are muted:
    forums.models.boards_with_latest), however much."""
    sleep = Topic.objects.get(slug="sleep")
    thread = make_thread(board, bob, title="Evenings", body="harbour", topics=[sleep])
    actions.post_reply(thread=thread, author=bob, body="harbour again")
    urls = [
        "/latest/",
        "/needs-reply/",
        f"/b/{board.slug}/",
        "/topics/sleep/",
        thread.get_absolute_url(),
        "/search/?q=harbour",
        "/mutes/",
        "/",
        "/members/Bob/",
    ]
    client.force_login(alice)
    few = [count_queries(client, url) for url in urls]
    for i in range(6):
        mute_word(alice, f"word{i}")
        actions.toggle_mute(member=alice, target=make_board())
        actions.toggle_mute(member=alice, target=make_thread(make_board(), bob, title=f"T{i}"))
    actions.mute_warning(member=alice, label="trauma", mode=WarningMute.LEFT_OUT)
    actions.mute_warning(member=alice, label="abuse", mode=WarningMute.COLLAPSED)
    actions.toggle_mute(member=alice, target=Topic.objects.exclude(pk=sleep.pk).first())
    home_asks_one_more = [n + (url == "/") for url, n in zip(urls, few, strict=True)]
    assert [count_queries(client, url) for url in urls] == home_asks_one_more


@pytest.mark.django_db
def test_a_moderators_mutes_never_touch_the_admin(client, board, moderator, bob):
    """A person at risk is never hidden from the moderators: mutes stay out of the admin."""
    make_thread(board, bob, title="Things are really hard", body="I feel hopeless tonight")
    actions.toggle_mute(member=moderator, target=board)
    mute_word(moderator, "hopeless")
    client.force_login(moderator)
    html = page(client.get("/admin/forums/thread/"))
    assert "Things are really hard" in html and "you muted" not in html


@pytest.mark.django_db
def test_when_only_muted_threads_wait_for_a_reply_the_pages_say_they_are_left_out(
    client, board, alice, bob
):
    """Needs a reply, the welcome page and home never say every thread has had a reply
    while one waits in a board the member muted: they say what they muted is left out."""
    make_thread(board, bob, title="Still waiting here")
    actions.toggle_mute(member=alice, target=board)
    client.force_login(alice)
    needs_reply = page(client.get("/needs-reply/"))
    welcome = page(client.get("/welcome/"))
    home = page(client.get("/"))
    assert "Still waiting here" not in needs_reply + welcome + home
    assert "Every thread has had a reply" not in needs_reply + welcome
    assert "Every thread outside what you muted has had a reply." in needs_reply
    assert "Every thread outside what you muted has had a reply" in welcome
    assert "all in what you muted" in home
    for html in (needs_reply, welcome, home):
        assert 'href="/mutes/"' in html
    # Nothing muted waits any more: the plain words again, without "just now".
    actions.toggle_mute(member=alice, target=board)
    actions.post_reply(thread=board.threads.get(), author=alice, body="I'm here too.")
    assert "Every thread has had a reply. Thank you, everyone." in page(client.get("/needs-reply/"))
    welcome = page(client.get("/welcome/"))
    assert "Every thread has had a reply." in welcome and "just now" not in welcome
    assert "all in what you muted" not in page(client.get("/"))
