"""Notifications are shown in the reader's language, whoever's language was active
when they were made: their words are kept untranslated and composed when shown."""

from datetime import UTC, datetime

import polib
import pytest
from django.utils import translation
from django.utils.dates import MONTHS_3

from forums import actions
from members.actions import notify, notify_grouped, notify_grouped_many
from members.models import EmailFrequency, Notification, NotificationKind, Profile, User, Words
from moderation import actions as moderation
from tests.conftest import page
from tests.factories import make_member

# A few messages in Spanish: there is no Spanish catalogue yet, so the test makes one.
SPANISH = {
    "A note from the moderators: %(reason)s Nothing has changed for your account; "
    "please have a look at the community guidelines.": "Una nota de los moderadores: "
    "%(reason)s Nada ha cambiado en tu cuenta; echa un vistazo a las normas de la comunidad.",
    "The moderators have paused your posting until %(until)s (UTC). %(reason)s You can "
    "still read everything. If you think this isn't right, you can ask for a second look.": (
        "Los moderadores han pausado tus publicaciones hasta el %(until)s (UTC). %(reason)s "
        "Puedes seguir leyéndolo todo. Si crees que no es justo, puedes pedir una segunda "
        "revisión."
    ),
    "A moderator hid your post.": "Un moderador ocultó tu publicación.",
    "The moderators said: %(reason)s": "Los moderadores dijeron: %(reason)s",
    "your post in “%(title)s”": "tu publicación en «%(title)s»",
    "“%(title)s”": "«%(title)s»",
    "Sending support": "Enviando apoyo",
    "Me too": "A mí también",
    "%(first)s and %(second)s": "%(first)s y %(second)s",
    # A translator's slip: the placeholder misspelt.
    "Someone new posted for the first time: “%(title)s”.": "Alguien nuevo: «%(titulo)s».",
}
SPANISH_PLURALS = {
    "%(who)s replied in %(about)s.": (
        "%(who)s respondió en %(about)s.",
        "%(who)s respondieron en %(about)s.",
    ),
    "%(who)s reacted to %(about)s: %(did)s.": (
        "%(who)s reaccionó a %(about)s: %(did)s.",
        "%(who)s reaccionaron a %(about)s: %(did)s.",
    ),
}
REASON = "Please keep replies about the topic."


@pytest.fixture
def spanish(tmp_path, settings):
    """A Spanish catalogue holding SPANISH, first in LOCALE_PATHS (changing the setting
    empties Django's cache of catalogues, before and after the test)."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for msgid, msgstr in SPANISH.items():
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=msgstr))
    for msgid, (one, many) in SPANISH_PLURALS.items():
        catalogue.append(
            polib.POEntry(msgid=msgid, msgid_plural=msgid, msgstr_plural={0: one, 1: many})
        )
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue.save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [str(tmp_path), *settings.LOCALE_PATHS]


def shown_in(language: str, notification: Notification) -> str:
    notification = Notification.objects.with_people().get(pk=notification.pk)
    with translation.override(language):
        return notification.message


@pytest.mark.django_db
def test_a_note_written_in_spanish_reads_in_each_readers_language(spanish, bob, moderator):
    with translation.override("es"):  # the moderator's language
        moderation.warn(bob, by=moderator, reason=REASON)
    note = Notification.objects.get(recipient=bob)
    assert shown_in("en", note) == (
        "A note from the moderators: Please keep replies about the topic. Nothing has "
        "changed for your account; please have a look at the community guidelines."
    )
    # The moderator's own words stay as they wrote them.
    assert shown_in("es", note) == (
        "Una nota de los moderadores: Please keep replies about the topic. Nada ha cambiado "
        "en tu cuenta; echa un vistazo a las normas de la comunidad."
    )


@pytest.mark.django_db
def test_the_notifications_page_speaks_the_readers_language(spanish, client, alice, bob):
    with translation.override("es"):
        for member in (alice, bob):
            notify(
                member,
                kind=NotificationKind.MODERATION,
                text=Words("A moderator hid your post."),
            )
    User.objects.filter(pk=bob.pk).update(language="es")
    client.force_login(alice)
    assert "A moderator hid your post." in page(client.get("/notifications/"))
    client.force_login(bob)
    html = page(client.get("/notifications/"))
    assert "Un moderador ocultó tu publicación." in html
    assert "A moderator hid your post." not in html


@pytest.mark.django_db
def test_a_reaction_given_in_spanish_reads_in_the_authors_language(spanish, thread, alice, bob):
    post = thread.posts.get(number=1)
    with translation.override("es"):  # Bob's language
        actions.toggle_reaction(post=post, member=bob, kind="support")
    note = Notification.objects.get(recipient=alice)
    assert shown_in("en", note) == (
        "Bob reacted to your post in “Sleep when anxious”: Sending support."
    )
    assert shown_in("es", note) == (
        "Bob reaccionó a tu publicación en «Sleep when anxious»: Enviando apoyo."
    )


@pytest.mark.django_db
def test_the_e_mail_is_in_the_recipients_language(
    spanish, thread, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=alice).update(email_frequency=EmailFrequency.IMMEDIATE)
    User.objects.filter(pk=alice.pk).update(language="es")
    post = thread.posts.get(number=1)
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        actions.toggle_reaction(post=post, member=bob, kind="support")
    [message] = mailoutbox
    assert "Bob reaccionó a tu publicación en «Sleep when anxious»: Enviando apoyo." in (
        message.body
    )


@pytest.mark.django_db
def test_a_moment_is_written_as_the_readers_language_writes_dates(spanish, bob, moderator):
    with translation.override("es"):
        sanction = moderation.silence(bob, by=moderator, reason="A pause.", period="24h")
    note = Notification.objects.get(recipient=bob)
    ends = sanction.ends_at
    assert f"until {ends.day} {ends:%b %Y, %H:%M} (UTC). A pause." in shown_in("en", note)
    with translation.override("es"):
        month = str(MONTHS_3[ends.month])  # Django's own Spanish: "dic"
    spanish_date = f"{ends.day} {month} {ends:%Y, %H:%M}"
    assert f"hasta el {spanish_date} (UTC). A pause." in shown_in("es", note)


@pytest.mark.django_db
def test_a_notice_of_several_sentences_translates_each(spanish, bob):
    words = Words.sentences(
        Words("A moderator hid your post."),
        Words("The moderators said: %(reason)s", reason="Guideline 3."),
    )
    note = notify(bob, kind=NotificationKind.MODERATION, text=words)
    assert shown_in("en", note) == "A moderator hid your post. The moderators said: Guideline 3."
    assert shown_in("es", note) == (
        "Un moderador ocultó tu publicación. Los moderadores dijeron: Guideline 3."
    )


@pytest.mark.django_db
def test_grouped_words_agree_with_one_or_several_people(spanish, alice, bob):
    about = Words("“%(title)s”", title="Sleep when anxious")
    with translation.override("es"):
        note = notify_grouped_many(
            [alice.pk],
            kind=NotificationKind.REPLY,
            key="replies:1",
            actor=bob,
            did="replied",
            about=about,
        )[0]
    assert shown_in("en", note) == "Bob replied in “Sleep when anxious”."
    assert shown_in("es", note) == "Bob respondió en «Sleep when anxious»."
    notify_grouped_many(
        [alice.pk],
        kind=NotificationKind.REPLY,
        key="replies:1",
        actor=make_member("Sam"),
        did="replied",
        about=about,
    )
    assert shown_in("en", note) == "Sam and Bob replied in “Sleep when anxious”."
    assert shown_in("es", note) == "Sam y Bob respondieron en «Sleep when anxious»."


@pytest.mark.django_db
def test_a_reactions_name_is_shown_in_the_readers_language(spanish, alice, bob):
    with translation.override("es"):
        note = notify_grouped(
            alice.pk,
            kind=NotificationKind.REACTION,
            key="reactions:1",
            actor=bob,
            did="Sending support",
            about=Words("your post in “%(title)s”", title="Sleep"),
        )
    assert note is not None
    assert shown_in("en", note) == "Bob reacted to your post in “Sleep”: Sending support."
    assert shown_in("es", note) == "Bob reaccionó a tu publicación en «Sleep»: Enviando apoyo."
    with translation.override("es"):
        assert note.link_text.endswith(" tu publicación en «Sleep»")


@pytest.mark.django_db
def test_a_notification_made_before_is_shown_as_it_was_stored(spanish, bob):
    old = Notification.objects.create(
        recipient=bob, kind=NotificationKind.MODERATION, text="A moderator hid your post."
    )
    assert old.params is None
    assert shown_in("es", old) == "A moderator hid your post."


def test_words_keep_their_parts_through_the_database():
    moment = datetime(2026, 3, 5, 14, 7, tzinfo=UTC)
    words = Words("%(news)s until %(until)s, %(n)s", news=Words("Me too"), until=moment, n=3)
    kept = Words.stored(words.msgid, words.as_stored()["params"])
    assert str(kept) == str(words) == "Me too until 5 Mar 2026, 14:07, 3"


@pytest.mark.django_db
def test_a_mistaken_translation_shows_the_words_in_english(spanish, bob):
    words = Words("Someone new posted for the first time: “%(title)s”.", title="Hello")
    note = notify(bob, kind=NotificationKind.FIRST_POST, text=words)
    assert shown_in("es", note) == "Someone new posted for the first time: “Hello”."
