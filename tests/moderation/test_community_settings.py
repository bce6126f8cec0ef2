"""The admin's one Community settings page, and what it changes across the site."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import CommunitySettings, SignupPolicy
from moderation.models import CrisisPostBehaviour, ModerationSettings
from tests.conftest import count_queries, dangerous_markup, page

SETTINGS = "/admin/members/communitysettings/"


def form_data(**overrides) -> dict:
    """Everything on the page, as staff would send it after changing a few things."""
    community = CommunitySettings.load()
    moderation = ModerationSettings.load()
    data = {
        "name": community.name,
        "tagline": community.tagline,
        "welcome": community.welcome,
        "guidelines": community.guidelines,
        "signup_policy": community.signup_policy,
        "allowed_domains": community.allowed_domains,
        "leave_quickly_url": community.leave_quickly_url,
        "responding": community.responding,
        "crisis_post_behaviour": moderation.crisis_post_behaviour,
        "oncall_emails": moderation.oncall_emails,
        "repage_after_minutes": moderation.repage_after_minutes,
        "repage_limit": moderation.repage_limit,
        "new_member_hold_count": moderation.new_member_hold_count,
        "flag_hide_threshold": moderation.flag_hide_threshold,
        "break_after_minutes": moderation.break_after_minutes,
    }
    data.update(overrides)
    return data


# --- Who may open it -------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_and_members_are_sent_to_sign_in(client, alice):
    assert client.get(SETTINGS)["Location"].startswith("/admin/login/")
    client.force_login(alice)
    response = client.post(SETTINGS, form_data(name="Taken over"))
    assert response["Location"].startswith("/admin/login/")
    assert CommunitySettings.load().name == "Boomity"


@pytest.mark.django_db
def test_moderators_cannot_open_or_change_it(client, moderator):
    client.force_login(moderator)
    assert client.get(SETTINGS).status_code == 403
    assert client.post(SETTINGS, form_data(flag_hide_threshold=1)).status_code == 403
    assert ModerationSettings.load().flag_hide_threshold == 3
    assert 'href="/admin/members/communitysettings/"' not in page(client.get("/admin/"))


@pytest.mark.django_db
def test_staff_find_it_on_the_admin_index_with_every_setting_explained(client, staff):
    client.force_login(staff)
    assert f'href="{SETTINGS}"' in page(client.get("/admin/"))
    html = page(client.get(SETTINGS))
    for heading in ["The community", "Who may join", "Leave quickly", "Moderation"]:
        assert f'class="fieldset-heading">{heading}</h2>' in html
    for model, fields in [
        (
            CommunitySettings,
            [
                "name",
                "tagline",
                "welcome",
                "guidelines",
                "signup_policy",
                "allowed_domains",
                "leave_quickly_url",
            ],
        ),
        (
            ModerationSettings,
            [
                "crisis_post_behaviour",
                "oncall_emails",
                "repage_after_minutes",
                "repage_limit",
                "new_member_hold_count",
                "flag_hide_threshold",
                "break_after_minutes",
            ],
        ),
    ]:
        for field in fields:
            assert f'name="{field}"' in html, field
            assert str(model._meta.get_field(field).help_text) in html, field
    assert 'href="/admin/members/invitation/"' in html
    # Today's guidelines are there to edit, not a blank box.
    assert "# Be kind and don&#x27;t judge" in html


@pytest.mark.django_db
def test_a_get_or_other_method_changes_nothing(client, staff):
    client.force_login(staff)
    before = CommunitySettings.load().updated_at
    client.get(SETTINGS, form_data(name="Not saved"))
    client.generic("PUT", SETTINGS, "name=Not+saved")
    assert CommunitySettings.load().name == "Boomity"
    assert CommunitySettings.load().updated_at == before


# --- Saving -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_change_everything_in_one_save_and_see_it_at_once(client, staff):
    client.force_login(staff)
    client.get("/")  # this process has the old name in memory now
    response = client.post(
        SETTINGS,
        form_data(
            name="Riverside Circle",
            tagline="Peer support for Riverside families.",
            welcome="Hello. **You are welcome here.**",
            guidelines="A short start.\n\n# Be gentle\n\n- Kindness first",
            signup_policy=SignupPolicy.DOMAINS,
            allowed_domains="@Riverside.example\n",
            crisis_post_behaviour=CrisisPostBehaviour.HOLD,
            oncall_emails=" oncall@riverside.example \n\n",
            new_member_hold_count=2,
            flag_hide_threshold=4,
            break_after_minutes=45,
        ),
    )
    assert response.status_code == 302 and response["Location"] == SETTINGS
    community, moderation = CommunitySettings.load(), ModerationSettings.load()
    assert (community.name, community.signup_policy, community.allowed_domains) == (
        "Riverside Circle",
        "domains",
        "riverside.example",
    )
    assert community.guidelines_html == (
        "<p>A short start.</p>\n<h2>Be gentle</h2>\n<ul>\n<li>Kindness first</li>\n</ul>\n"
    )
    assert (
        moderation.crisis_post_behaviour,
        moderation.oncall_addresses,
        moderation.new_member_hold_count,
        moderation.flag_hide_threshold,
        moderation.break_after_minutes,
    ) == ("hold", ["oncall@riverside.example"], 2, 4, 45)
    assert LogEntry.objects.filter(user=staff).count() == 2

    # The saving process shows the change on the very next page.
    html = page(client.get(SETTINGS))
    assert "within 30 seconds" in html
    client.logout()
    home = page(client.get("/"))
    assert "<title>Welcome · Riverside Circle</title>" in home
    assert "Peer support for Riverside families." in home
    assert "<p>Hello. <strong>You are welcome here.</strong></p>" in home
    guidelines = page(client.get("/guidelines/"))
    assert "<h1>Community guidelines</h1>" in guidelines
    assert "<h2>Be gentle</h2>" in guidelines


@pytest.mark.django_db
def test_mistakes_are_explained_and_nothing_is_saved_or_lost(client, staff):
    client.force_login(staff)
    response = client.post(
        SETTINGS,
        form_data(
            name="New name",
            signup_policy=SignupPolicy.DOMAINS,
            allowed_domains="",
            oncall_emails="oncall@example.org\nnot an address",
            flag_hide_threshold=0,
        ),
    )
    html = page(response)
    assert response.status_code == 200
    assert "Nothing was saved yet" in html and "Everything you typed is still here" in html
    assert "Please list at least one domain" in html
    assert "These don&#x27;t look like e-mail addresses: not an address" in html
    assert "Please choose 1 or more" in html
    assert 'value="New name"' in html and "not an address</textarea>" in html
    assert CommunitySettings.load().name == "Boomity"
    assert ModerationSettings.load().oncall_emails == ""


@pytest.mark.django_db
def test_a_domain_that_is_not_one_is_refused(client, staff):
    client.force_login(staff)
    html = page(
        client.post(
            SETTINGS,
            form_data(
                signup_policy=SignupPolicy.DOMAINS, allowed_domains="example.org\nhttp://x y"
            ),
        )
    )
    assert "These don&#x27;t look like e-mail domains: http://x" in html
    assert CommunitySettings.load().signup_policy == SignupPolicy.OPEN


@pytest.mark.django_db
def test_staff_choose_where_leave_quickly_goes(client, staff):
    client.force_login(staff)
    client.get("/")  # the old address is in this process's memory now
    response = client.post(SETTINGS, form_data(leave_quickly_url="https://news.example.org/"))
    assert response.status_code == 302
    assert CommunitySettings.load().leave_quickly_url == "https://news.example.org/"
    assert 'class="leave-quickly" href="https://news.example.org/"' in page(client.get("/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["http://news.example.org/", "javascript:alert(1)", "data:text/html,hi", "not an address"],
)
def test_leave_quickly_must_be_an_https_address(client, staff, address):
    client.force_login(staff)
    html = page(client.post(SETTINGS, form_data(leave_quickly_url=address)))
    assert "Please give a full address that starts with https://" in html
    assert "Nothing was saved yet" in html
    assert CommunitySettings.load().leave_quickly_url == "https://www.bbc.co.uk/weather"


@pytest.mark.django_db
def test_an_address_without_its_https_gets_it(client, staff):
    client.force_login(staff)
    client.post(SETTINGS, form_data(leave_quickly_url="news.example.org/today"))
    assert CommunitySettings.load().leave_quickly_url == "https://news.example.org/today"


@pytest.mark.django_db
def test_markup_in_the_texts_never_runs(client, staff):
    client.force_login(staff)
    client.post(
        SETTINGS,
        form_data(
            name="<script>alert(1)</script>",
            tagline='"><img src=x onerror=alert(2)>',
            welcome="<script>alert(3)</script> [x](javascript:alert(4))",
            guidelines="<iframe src=//evil.test></iframe>\n\n# <b onclick=alert(5)>Hi</b>",
        ),
    )
    client.logout()
    for url in ["/", "/guidelines/"]:
        html = page(client.get(url))
        main = html[html.index("<main") : html.index("</main>")]
        assert dangerous_markup(main) == [], url
        assert "<script>alert" not in html and "<b onclick" not in html
    home = page(client.get("/"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in home


# --- Reading it costs no query per page ---------------------------------------------


@pytest.mark.django_db
def test_pages_read_the_settings_from_memory_not_the_database(client, alice):
    client.force_login(alice)
    count_queries(client, "/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/guidelines/")
    assert not [q for q in ctx.captured_queries if "communitysettings" in q["sql"]]


@pytest.mark.django_db
def test_another_process_sees_a_change_within_the_cache_time(client, settings, monkeypatch):
    """A change saved by another app process (here: straight to the database) shows
    once this process's copy is older than BOOMITY_COMMUNITY_CACHE_SECONDS."""
    import members.models.community

    now = [1000.0]
    monkeypatch.setattr(members.models.community.time, "monotonic", lambda: now[0])
    assert "· Boomity</title>" in page(client.get("/guidelines/"))
    CommunitySettings.objects.filter(pk=1).update(name="Elsewhere")
    now[0] += settings.BOOMITY_COMMUNITY_CACHE_SECONDS - 1
    assert "· Boomity</title>" in page(client.get("/guidelines/"))
    now[0] += 2
    assert "· Elsewhere</title>" in page(client.get("/guidelines/"))


@pytest.mark.django_db
def test_emails_carry_the_name_staff_chose(client, mailoutbox):
    community = CommunitySettings.load()
    community.name = "Riverside Circle"
    community.save()
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "display_name": "Newcomer",
            "password1": "calm-waters-2026",
            "accept_guidelines": "on",
        },
    )
    assert mailoutbox[0].subject == "Riverside Circle: Please confirm your e-mail address"
    assert "Riverside Circle" in mailoutbox[0].body


@pytest.mark.django_db
def test_the_crisis_alert_carries_the_name_staff_chose(
    mailoutbox, oncall, thread, bob, django_capture_on_commit_callbacks
):
    from forums import actions as forum_actions

    community = CommunitySettings.load()
    community.name = "Riverside Circle"
    community.save()
    with django_capture_on_commit_callbacks(execute=True):
        forum_actions.post_reply(thread=thread, author=bob, body="I want to end my life.")
    alert = next(m for m in mailoutbox if m.to == oncall)
    assert alert.subject.startswith("Riverside Circle: urgent")
    assert "Community settings" in alert.body
