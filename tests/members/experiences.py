"""Small helpers for tests of lived experiences, profiles and the directory."""

from __future__ import annotations

from django.utils.text import slugify

from members.actions import update_profile
from members.models import Experience, ExperienceVisibility, Profile


def experience(name: str, **extra) -> Experience:
    """An experience from the vocabulary (the starter list, or a new one)."""
    return Experience.objects.get_or_create(name=name, defaults={"slug": slugify(name), **extra})[0]


def share(user, *names: str, shown: bool = True, bio: str = "") -> Profile:
    """`user` chooses these experiences on their profile, shown to members or to nobody."""
    profile = Profile.objects.get(user=user)
    visibility = ExperienceVisibility.MEMBERS if shown else ExperienceVisibility.NOBODY
    return update_profile(
        profile, experiences=[experience(n) for n in names], visibility=visibility, bio=bio
    )


def make_peer_supporter(user) -> None:
    Profile.objects.filter(user=user).update(is_peer_supporter=True)


def main_of(response) -> str:
    """The page's main content: what the view put there, without the header and footer."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]
