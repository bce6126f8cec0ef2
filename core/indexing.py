"""Whether search engines may index a page: never, unless its view says so.

A view that shows only what anyone may read (the home page, a public board) calls
`allow_indexing(request)`; boomity's PageHeadersMiddleware and base.html tell search
engines to stay away from every other page.
"""

from django.http import HttpRequest


def allow_indexing(request: HttpRequest, allowed: bool = True) -> None:
    request.indexable = allowed  # type: ignore[attr-defined]  # our mark on Django's request


def may_index(request: HttpRequest) -> bool:
    return bool(getattr(request, "indexable", False))
