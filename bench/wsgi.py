"""What the bench's gunicorn servers serve (bench/servers.py): the site, and beside
it the bare ceiling.

A request for the bare page's path goes to BareHandler (bench/bare.py), Django with
no middleware; every other request to the site's own application, untouched. Both
run in the same gunicorn workers, so the two ceilings are served the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from boomity.wsgi import application as site  # sets Django up, as in production

from .bare import BARE_PATH, BareHandler

bare = BareHandler()


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare(environ, start_response)
    return site(environ, start_response)
