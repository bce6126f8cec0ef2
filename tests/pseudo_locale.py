"""A pseudo-locale for tests only: every message turned into a recognisable form.

`build(directory)` writes `<directory>/en_XA/LC_MESSAGES/django.mo` (and djangojs.mo), holding a
"translation" of every message Boomity marks (read from its Spanish catalogue, which
CI keeps current) and of every message Django and the installed apps (allauth, the
admin, taggit…) translate themselves. Each translation keeps the message's
placeholders and markup and turns its letters into look-alikes outside ASCII:
"Reply to %(name)s" becomes "Ŕéþĺý ţó %(name)s". A page rendered in this language
therefore shows no ASCII word except where a string escaped translation — or is a
person's own words, which tests write in another script.

Put the directory first in LOCALE_PATHS and add PSEUDO_LANGUAGE to LANGUAGES.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings

PSEUDO_LANGUAGE = "en-xa"
PSEUDO_LOCALE = "en_XA"
# The catalogue whose messages are read: Boomity's and every installed app's.
SOURCE_LANGUAGE = "es"

_LOOKALIKES = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥíĵķĺɱñóþʠŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞɊŔŠŢÚṼŴẊÝŽ",
)
# What must survive translation untouched: placeholders (%(name)s, %s, %d, %%, {name}),
# markup (<a href="…">, &nbsp;) and addresses.
_KEEP = re.compile(r"%\([^)]+\)[sdirf]|%[sdirf%]|\{[^{}]*\}|<[^>]+>|&[a-z]+;|&#\d+;|https?://\S+")
# Words every language's pages may show as they are: the community's name, the clock's.
ALLOWED_WORDS = frozenset({"Boomity", "UTC"})


def pseudo(text: str) -> str:
    """The pseudo-translation of one message."""
    if not text:
        return text
    parts, last = [], 0
    for kept in _KEEP.finditer(text):
        parts.append(text[last : kept.start()].translate(_LOOKALIKES))
        parts.append(kept.group())
        last = kept.end()
    parts.append(text[last:].translate(_LOOKALIKES))
    return "".join(parts)


def _source_catalogues(domain: str) -> list[Path]:
    import django

    found = [Path(django.__file__).parent / "conf" / "locale"]
    found += [Path(p) for p in settings.LOCALE_PATHS]
    found += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    catalogues = []
    for locale_dir in found:
        # English catalogues (Django's, allauth's) list every message, newer ones too
        # ("Today (%(date)s)"); Spanish ones are what ours is written in.
        for language in (SOURCE_LANGUAGE, "en"):
            po = locale_dir / language / "LC_MESSAGES" / f"{domain}.po"
            if po.is_file():
                catalogues.append(po)
    return catalogues


def ours() -> Path:
    """Boomity's own catalogue in the source language (the sweep needs it)."""
    return Path(settings.BASE_DIR) / "locale" / SOURCE_LANGUAGE / "LC_MESSAGES" / "django.po"


def build(directory: Path) -> None:
    """Write the pseudo-locale's compiled catalogues under `directory`: the pages' words
    (django) and the admin's scripts' (djangojs: calendars, "0 of 3 selected")."""
    for domain in ("django", "djangojs"):
        _build(directory, domain)


def _build(directory: Path, domain: str) -> None:
    out = polib.POFile()
    out.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": PSEUDO_LOCALE,
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    seen: set[tuple[str | None, str]] = set()
    for path in _source_catalogues(domain):
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or key in seen:
                continue
            seen.add(key)
            made = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid)
            if entry.msgid_plural:
                made.msgid_plural = entry.msgid_plural
                made.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
            else:
                made.msgstr = pseudo(entry.msgid)
            out.append(made)
    target = directory / PSEUDO_LOCALE / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    out.save_as_mofile(str(target / f"{domain}.mo"))


# What is not a word: an invitation code, a reference ("VW4BP8HTR7").
_CODES = re.compile(r"\b[A-Z0-9]{8,}\b")
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def untranslated_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The ASCII words in `text` that a translated page should not show."""
    text = _CODES.sub(" ", text)
    return [w for w in _ASCII_WORD.findall(text) if w not in ALLOWED_WORDS | allowed]
