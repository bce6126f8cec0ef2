"""Reading the community in another language, in tests: the browser's language
(Accept-Language) picks the reader's language, as it does for a visitor."""

from __future__ import annotations

LOCALE = "django.middleware.locale.LocaleMiddleware"
# Spanish ships; French is offered with nothing translated, to see the fallback.
LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français")]


def read_in_languages(settings) -> None:
    """The community offers English, Spanish and French, and each reader gets their
    browser's language (LocaleMiddleware, where the settings don't have it yet)."""
    settings.LANGUAGES = LANGUAGES
    if LOCALE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        at = middleware.index("django.contrib.sessions.middleware.SessionMiddleware") + 1
        settings.MIDDLEWARE = [*middleware[:at], LOCALE, *middleware[at:]]
