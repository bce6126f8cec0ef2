"""What a new community starts with, until staff change it in the admin's Community settings.

Written for people who may be having a very hard time: plain, warm, safe
messaging (no methods, places or amounts). The guidelines are Markdown; each
"# " line starts a section.
"""

from functools import lru_cache

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.markup import render_markdown

WELCOME = _(
    """\
Here, people who have lived through similar things support each other. You can share \
what you're going through, read how others cope, and reply when you feel able to. You \
choose the name others see; your e-mail address is never shown."""
)


def welcome_translations(welcome: str) -> dict[str, str]:
    """The shipped welcome in each other language the community offers, from the
    catalogues, kept on the community's row beside `welcome` (the row's own text): each
    visitor is greeted in their language, and staff can edit every version. A language
    whose catalogue lacks it gets none."""
    with translation.override(None):
        source = str(WELCOME)  # as written here, untranslated
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            text = str(WELCOME)
        if text not in (source, welcome):
            found[code] = text
    return found


GUIDELINES = _(
    """\
Welcome. These guidelines are short on purpose. They help keep this a safe, kind place \
for everyone, including people who are going through a very hard time.

# Why we're here

This is a place to support each other with our mental health. Many of us have lived \
through similar things. Sharing what happened, what helped and what didn't can make \
someone feel less alone. Reading without posting is welcome too.

# Be kind and don't judge

- Assume people are doing their best. Everyone's path looks different.
- Disagree gently, and about ideas, never about people.
- Use the names and pronouns people give you.
- Use person-first words: "a person living with bipolar disorder", "substance use", \
"died by suicide".

# Share your experience, not advice or diagnoses

"What helped me was…" is more useful than "You should…". Please don't tell anyone what \
condition they have, or what medicine or dose to take. Those are conversations for them \
and their doctor or care team.

# Talk about hard things safely

You can talk about self-harm, suicide, eating difficulties, trauma and abuse here. Some \
readers may be struggling with the same things, so:

- Leave out details of methods, places, amounts, weights or numbers.
- Avoid graphic descriptions. Talk about how you feel and how you're coping.
- Add a content warning when you post about any of these topics. Readers can then \
choose whether to open it.

# Keep personal details private

- Use a pseudonym, not your real name.
- Don't post phone numbers, addresses, e-mail addresses, workplaces or photos that \
could identify you.
- Protect other people in the same way. Leave out details that could identify a \
friend, family member, colleague or professional.

# Respect what people share

What people share here is personal. Please don't copy it, screenshot it or repeat it \
anywhere else. Don't try to find out who someone is outside the community.

# No selling or medical claims

Please don't advertise products or services, ask for money, or promote treatments or \
cures. If something helped you, you're welcome to say so as your own experience.

# If you're worried about someone

If a post makes you worried about someone's safety, please let the moderators know, \
and reply kindly if you feel able to. You don't have to handle it alone.

# If you're in danger now

If you might harm yourself or you're not safe right now, please don't wait for a reply \
here. Please call your local emergency number, or a crisis line where you live — for \
example the 988 Suicide & Crisis Lifeline in the US, or Samaritans in the UK and \
Ireland.

# How moderators help

Moderators look after this space. They may hide a post that goes against these \
guidelines. If they do, they'll tell you kindly which guideline it was and what you can \
do next. If you're not sure about something, you're always welcome to ask.

# Peer support, not professional care

This community is support from people with lived experience. It can sit alongside care \
from your doctor, therapist or other services, but it can't replace them. If things \
are getting harder, please reach out to a professional too.

Thank you for being here, and for helping make this a kind place.
"""
)

# Shown to other members beside the reply box, under "How to respond when someone is
# struggling", on a thread with a post the moderators have as urgent crisis language.
# Follows published guidance for talking about suicide online: #chatsafe by Orygen, and
# Samaritans' online safety guidance. Plain text, one line per paragraph.
RESPONDING = _(
    """\
You don't need the right words. A calm, kind reply without judgement helps.
Ask them how they are doing, and let them know you're glad they told us.
Encourage them to reach out to someone now: a person they trust, or a service on our help page.
Please don't share details of methods, and don't promise to keep it a secret.
Look after yourself too. If you're worried about their safety, flag the post."""
)


def in_reader_language(stored: str, shipped) -> str:
    """`stored` as this reader should read it: if it is still the shipped text (`shipped`,
    a lazy message) in the community's own language, the catalogue's words for the
    reader's language; anything staff wrote themselves, as written."""
    with translation.override(settings.LANGUAGE_CODE):
        untouched = stored == str(shipped)
    return str(shipped) if untouched else stored


@lru_cache(maxsize=8)
def rendered_guidelines(text: str) -> str:
    """The shipped guidelines in another language, rendered once per process."""
    return render_markdown(text, top_heading=2)
