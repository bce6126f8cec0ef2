"""Many addresses of one kind, cheaply: a list of 25 threads needs 25 thread addresses,
and reverse() for each measured as a tenth of a list page's cost.

`fixed({"home": "forums:home", …})`: addresses that take no arguments (a page's header
and footer link to twenty), by the names a template uses for them, reversed once per
process, address prefix and URLconf.

`maker("forums:thread-detail", 2)` calls reverse() once, with placeholders for the two
arguments, and returns a function that fills them in: `make(4312, "sleepless")`. The
result is what reverse() would give (the arguments quoted the same way), for arguments
reverse() would take as they are — ids, and slugs the app made. Unlike reverse(), it
does not check them against the address's converters, so never pass it words a person
typed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Digits fit every converter (int, slug, str, path); no address has them by chance.
_PLACEHOLDERS = ("73165000011", "73165000022", "73165000033")
_SAFE = RFC3986_SUBDELIMS + "/~:@"  # as reverse() quotes an address


def maker(viewname: str, arguments: int = 1) -> Callable[..., str]:
    if not 0 < arguments <= len(_PLACEHOLDERS):
        raise ValueError(f"{arguments} arguments: between 1 and {len(_PLACEHOLDERS)}")
    rest = reverse(viewname, args=_PLACEHOLDERS[:arguments])
    pieces = []
    for placeholder in _PLACEHOLDERS[:arguments]:
        before, found, rest = rest.partition(placeholder)
        if not found or placeholder in rest:
            raise ValueError(f"{viewname}'s address doesn't take its arguments in order")
        pieces.append(before)

    def make(*values: object) -> str:
        if len(values) != arguments:
            raise TypeError(f"{viewname} takes {arguments} arguments, not {len(values)}")
        quoted = (quote(str(value), safe=_SAFE) for value in values)
        return "".join(p + q for p, q in zip(pieces, quoted, strict=True)) + rest

    return make


def fixed(pages: Mapping[str, str]) -> dict[str, str]:
    """{key: address} for {key: viewname}, each viewname taking no arguments."""
    return _fixed(tuple(pages.items()), get_script_prefix(), get_urlconf())


@cache
def _fixed(pages: tuple[tuple[str, str], ...], prefix: str, urlconf: str | None) -> dict[str, str]:
    # The same for every request with this prefix and URLconf (a test may set another).
    return {key: reverse(name, urlconf=urlconf) for key, name in pages}
