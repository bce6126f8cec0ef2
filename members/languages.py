"""The language a person reads in, and the one we write to them in.

A member may choose a language on their account (`User.language`); blank means "the
language of my browser". Their pages follow their choice, else LocaleMiddleware's
(the footer's switch, kept in a cookie, else the browser's Accept-Language).

E-mails are written where no browser asks — often by the task worker — so they are
rendered in the recipient's chosen language, or the community's own (LANGUAGE_CODE),
whatever language the page that caused them was in: `writing_to(member)`.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

if TYPE_CHECKING:
    from .models import User


def offered() -> dict[str, str]:
    """{code: the language's name in itself}, for the languages staff offer."""
    return dict(settings.LANGUAGES)


def chosen_language(user: User | None) -> str:
    """The language a member chose for their account, while the community still offers
    it; "" for their browser's, and for visitors."""
    if user is None or not user.is_authenticated:
        return ""
    code = user.language
    return code if code and code in offered() else ""


def explicit_language(request: HttpRequest | None) -> str:
    """A language the person picked themselves — on their account, or with the footer's
    switch (its cookie) — rather than one their browser asked for; "" if none."""
    if request is None:
        return ""
    code = chosen_language(getattr(request, "user", None))
    if code:
        return code
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return cookie if cookie in offered() else ""


def email_language(user: User | None) -> str:
    """The language of an e-mail to `user`: theirs, else the community's. None for
    people who aren't members (the moderators' contacts): the community's."""
    return chosen_language(user) or settings.LANGUAGE_CODE


def writing_to(user: User | None) -> AbstractContextManager[None]:
    """Render an e-mail (subject and body) inside this: `with writing_to(member): …`."""
    return translation.override(email_language(user))


def account_with_address(email: str) -> User | None:
    """The account an address belongs to: the one that signs in with it, else one that
    added it (confirmed first, then the newest)."""
    from allauth.account.models import EmailAddress

    from .models import User

    account = User.objects.filter(email__iexact=email).first()
    if account is None:
        address = (
            EmailAddress.objects.filter(email__iexact=email)
            .select_related("user")
            .order_by("-verified", "-pk")
            .first()
        )
        account = address.user if address else None
    return account


def writing_to_address(email: str, request: HttpRequest | None) -> AbstractContextManager[None]:
    """`writing_to` for e-mails addressed by address alone (allauth's): the language of
    the account it belongs to — the owner of an address someone else typed, too. The
    page's language stays for an address of nobody's, and for a member without a choice
    who asked for it themselves: whoever typed it will read it, in the page's language."""
    account = account_with_address(email)
    if account is None:
        return nullcontext()
    asking = getattr(request, "user", None)
    if not chosen_language(account) and asking is not None and asking.pk == account.pk:
        return nullcontext()
    return writing_to(account)


def language_at_signup(request: HttpRequest) -> str:
    """What a newcomer's account keeps from the page they joined on: its language when
    that isn't the community's own (a Spanish browser: "es"), so their e-mails, written
    away from any browser, come in it too; else "" (their browser's, as it is)."""
    code = getattr(request, "LANGUAGE_CODE", "")
    return code if code in offered() and code != settings.LANGUAGE_CODE else ""
