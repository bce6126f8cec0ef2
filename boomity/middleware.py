import time

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from forums.forms import MAX_BODY


class PageHeadersMiddleware:
    """What every response says about privacy, and how a sign-in stays alive.

    - Pages are private unless a view says otherwise with `request.indexable =
      True` (home, a public board): everything else tells search engines not to
      index it.
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
        if not getattr(request, "indexable", False):
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


class RequestTooBigMiddleware:
    """A form too big to read gets a kind page (413), never Django's error page.

    Django refuses to read a request over DATA_UPLOAD_MAX_MEMORY_SIZE — set high
    enough that anything a person might paste gets the form back with a kind
    message and their words. Beyond it nothing was read, so nothing can be given
    back: the page says so, and how to find their words again (the browser's Back
    button). Reading the form here, before the CSRF check would, is what lets us
    answer before anything else trips over it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 — reading it is the check
            except RequestDataTooBig:
                context = {
                    "limit_mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
                    "max_body": f"{MAX_BODY:,}",
                }
                return render(request, "413.html", context, status=413)
        return self.get_response(request)
