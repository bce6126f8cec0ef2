import time

from django.conf import settings
from django.utils.cache import patch_cache_control

from core.indexing import may_index


class PageHeadersMiddleware:
    """What every response says about privacy, and how a sign-in stays alive.

    - Pages are private unless a view says otherwise with `allow_indexing(request)`
      (home, a public board; see core/indexing.py): everything else tells search
      engines not to index it.
    - Anything shown to a signed-in member is never stored by a shared cache or
      kept in the browser's history cache on a shared computer.
    - A sign-in lasts SESSION_COOKIE_AGE after the last visit: the session is
      renewed at most every BOOMITY_SESSION_RENEW_SECONDS, so a busy reader
      doesn't cost a database write per page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if not may_index(request):
            response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
            self._renew(request.session)
        return response

    @staticmethod
    def _renew(session) -> None:
        now = int(time.time())
        if now - session.get("_renewed", 0) >= settings.BOOMITY_SESSION_RENEW_SECONDS:
            session["_renewed"] = now  # marks the session modified: saved with a new expiry
