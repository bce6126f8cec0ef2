"""Which crisis resources to show a person first."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation.trans_real import parse_accept_lang_header

from members.languages import explicit_language

from .models import CrisisResource

# The words of the services shipped in migration 0002, for the catalogue: while staff
# keep them as shipped, each reader reads them in their own language (shown_words).
# Services' own names ("Samaritans") stay as they are.
SHIPPED_WORDS = (
    gettext_noop("Your local emergency number"),
    gettext_noop(
        "If you are in immediate danger, or about to harm yourself, call emergency services "
        "now (for example 911 in the US and Canada, 999 or 112 in the UK, 112 across the EU)."
    ),
    gettext_noop(
        "Free, confidential support from trained counselors for anyone in emotional distress "
        "or suicidal crisis."
    ),
    gettext_noop("Someone to talk to, whatever you're going through. Free from any phone."),
    gettext_noop("24/7"),
    gettext_noop("Everywhere"),
    gettext_noop("United States"),
    gettext_noop("UK and Ireland"),
)


def shown_words(text: str) -> str:
    """A service's words as this reader reads them: the catalogue's, for the shipped
    ones; staff's own, as written (the catalogue has no entry for them)."""
    return gettext(text) if text else text


def _browser_language_tag(request: HttpRequest | None) -> list[str]:
    """The browser's preferred language tag, split ("en-GB" → ["en", "GB"]), or []: the
    one with the highest q-value, as LocaleMiddleware reads it for the page."""
    if request is None:
        return []
    tags = parse_accept_lang_header(request.headers.get("Accept-Language", "")[:1000])
    first = next((tag for tag, _q in tags if tag != "*"), "")
    return [part for part in first.replace("_", "-").split("-") if part]


def request_country(request: HttpRequest | None) -> str:
    """The country in the browser's first language tag ("en-GB" → "GB"), if any.

    We store no location; this only orders the list so the likeliest services
    come first.
    """
    parts = _browser_language_tag(request)
    return parts[1].upper() if len(parts) > 1 and len(parts[1]) == 2 else ""


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def person_language(request: HttpRequest | None) -> str:
    """The language the person reads in, as a two-letter code ("es").

    One they picked themselves — on their account, or with the footer's switch — is
    theirs. Otherwise their browser's first language, even one the community has no
    pages in (a French speaker on English pages still reads French lines best); with
    neither, the language of the page (LocaleMiddleware's, or an activated one).
    """
    chosen = explicit_language(request)
    if chosen:
        return _primary(chosen)
    browser = _browser_language_tag(request)
    if browser:
        return _primary(browser[0])
    return _primary(translation.get_language() or settings.LANGUAGE_CODE)


def resources_for(request: HttpRequest | None, limit: int | None = None) -> list[CrisisResource]:
    """Active resources: those for the person's country in their language first, then
    those for everywhere, then those for their country in other languages (a local line
    is still worth a call: many offer interpreters), then the rest — within each, those
    in their language first, then staff's order."""
    country = request_country(request)
    language = person_language(request)
    resources = list(CrisisResource.objects.filter(is_active=True))

    def rank(resource: CrisisResource) -> tuple[int, int]:
        speaks = language in resource.language_codes
        if country and country in resource.region_codes:
            where = 0 if speaks else 2
        else:
            where = 1 if not resource.region_codes else 3
        return where, 0 if speaks else 1

    resources.sort(key=rank)  # stable: staff's order within each rank
    return resources[:limit] if limit else resources
