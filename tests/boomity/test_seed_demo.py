import pytest
from django.core.management import CommandError, call_command

from forums.models import Board, Post, Thread
from members.models import User


@pytest.mark.django_db
def test_seed_demo_refuses_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert not Board.objects.exists()


@pytest.mark.django_db
def test_seed_demo_builds_an_inclusive_community_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        Board.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        User.objects.count(),
    )
    assert counts[0] >= 12
    assert Board.objects.values("group").distinct().count() >= 3
    assert all(b.thread_count >= 2 for b in Board.objects.all())
    call_command("seed_demo")  # idempotent
    assert counts == (
        Board.objects.count(),
        Thread.objects.count(),
        Post.objects.count(),
        User.objects.count(),
    )
    # Counters agree with the rows they count.
    for board in Board.objects.all():
        assert board.post_count == Post.objects.filter(thread__board=board).count()


@pytest.mark.django_db
def test_demo_accounts_sign_in_with_their_roles(client, settings):
    settings.DEBUG = True
    call_command("seed_demo", "--force")
    for email in ["member@example.org", "moderator@example.org", "staff@example.org"]:
        assert client.login(email=email, password="boomity-demo"), email
    moderator = User.objects.get(email="moderator@example.org")
    staff = User.objects.get(email="staff@example.org")
    member = User.objects.get(email="member@example.org")
    assert moderator.has_perm("forums.lock_thread") and not moderator.has_perm("forums.add_board")
    assert staff.has_perm("forums.add_board")
    assert not member.is_staff and not member.has_perm("forums.lock_thread")


@pytest.mark.django_db
def test_demo_content_has_warnings_where_it_should(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    for slug in ["trauma-and-ptsd", "eating-difficulties"]:
        threads = Thread.objects.filter(board__slug=slug)
        assert threads and all(t.content_warning for t in threads), slug


@pytest.mark.django_db
def test_demo_gives_the_moderator_a_queue_to_work(settings):
    from moderation.models import ModerationSettings, ReviewItem

    settings.DEBUG = True
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})
    call_command("seed_demo")
    items = ReviewItem.objects.open()
    assert items.filter(held=True).count() == 1
    assert items.filter(post__flags__isnull=False).distinct().count() == 1
    # The demo's own threads were not held: the only other items are urgent ones for
    # its stories that name suicide or self-harm, published as crisis language is.
    others = items.filter(held=False, post__flags__isnull=True)
    assert others.exists()
    assert set(others.values_list("priority", "crisis", "post__status")) == {(0, True, "visible")}
    count = ReviewItem.objects.count()
    call_command("seed_demo")
    assert ReviewItem.objects.count() == count


@pytest.mark.django_db
def test_demo_has_enough_check_ins_for_staff_figures(client, settings, staff):
    from checkins.models import CheckIn, CheckInOptIn

    settings.DEBUG = True
    call_command("seed_demo")
    assert CheckInOptIn.objects.count() >= 10
    assert CheckIn.objects.values("member").distinct().count() >= 10
    count = CheckIn.objects.count()
    call_command("seed_demo")  # idempotent
    assert CheckIn.objects.count() == count
    client.force_login(staff)
    html = client.get("/staff/check-ins/").content.decode()
    assert '<th scope="row">All members who checked in</th><td>11</td>' in html


@pytest.mark.django_db
def test_demo_moderator_and_staff_reach_the_admin_with_the_published_key(client, settings):
    """The demo keeps two-step sign-in (as production does); the README publishes the
    key, and `manage.py demo_code` prints the code to type."""
    from io import StringIO

    from boomity.management.commands.seed_demo import DEMO_TOTP_SECRET
    from tests.conftest import totp_code

    settings.DEBUG = True
    call_command("seed_demo", "--force")
    call_command("seed_demo", "--force")  # idempotent: still one authenticator each
    out = StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    assert code == totp_code(DEMO_TOTP_SECRET)
    assert not User.objects.get(email="member@example.org").has_two_step_sign_in()
    for email in ["moderator@example.org", "staff@example.org"]:
        client.logout()
        response = client.post(
            "/accounts/login/?next=/admin/", {"login": email, "password": "boomity-demo"}
        )
        assert response["Location"] == "/accounts/2fa/authenticate/", email
        response = client.post("/accounts/2fa/authenticate/", {"code": code})
        assert response["Location"] == "/admin/", email
        assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_demo_threads_carry_topics_from_the_starter_list(settings):
    from boomity import demo_content
    from forums.models import Topic

    settings.DEBUG = True
    titles = {thread["title"] for thread in demo_content.THREADS}
    titles.add(demo_content.QUEUE["held_first_post"]["title"])
    assert set(demo_content.THREAD_TOPICS) <= titles
    names = set(Topic.objects.values_list("name", flat=True))
    assert {n for chosen in demo_content.THREAD_TOPICS.values() for n in chosen} <= names
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: no topic twice
    for title, chosen in demo_content.THREAD_TOPICS.items():
        thread = Thread.objects.get(title=title)
        assert sorted(t.name for t in thread.topics.all()) == sorted(chosen), title
        assert len(chosen) <= 5
    assert Thread.objects.filter(topics__slug="sleep").count() >= 3


@pytest.mark.django_db
def test_demo_member_has_posted_before_so_trying_the_demo_is_not_held(client, settings):
    """Whoever signs in as the demo member can post and see it published: the member
    has a history of visible posts, so the first-post hold is behind them."""
    from forums.models import PostStatus
    from moderation.models import ModerationSettings, ReviewItem

    settings.DEBUG = True
    ModerationSettings.objects.update_or_create(pk=1, defaults={"new_member_hold_count": 1})
    call_command("seed_demo")
    member = User.objects.get(email="member@example.org")
    history = Post.objects.filter(author=member, status=PostStatus.VISIBLE)
    assert history.count() >= 3 and all(p.thread.is_visible for p in history)
    assert client.login(email="member@example.org", password="boomity-demo")
    form = client.get("/b/anxiety/new/").content.decode()
    assert "A moderator reads new members' first posts" not in form
    thread = Thread.objects.filter(board__slug="anxiety").first()
    response = client.post(f"/t/{thread.pk}/reply/", {"body": "Thank you, this helped."})
    assert response.status_code == 302
    reply = Post.objects.filter(author=member).latest("pk")
    assert reply.status == PostStatus.VISIBLE
    assert not ReviewItem.objects.filter(post=reply).exists()


@pytest.mark.django_db
def test_demo_sign_in_page_says_a_new_accounts_first_posts_wait(client, settings):
    settings.DEMO = True
    html = client.get("/accounts/login/").content.decode()
    assert "a brand-new account's first posts wait for a moderator" in html.lower()
    settings.DEMO = False
    html = client.get("/accounts/login/").content.decode()
    assert "first posts wait for a moderator" not in html
