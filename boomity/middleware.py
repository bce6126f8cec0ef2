import time

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.log import log_response

from core.indexing import may_index
from forums.forms import MAX_BODY

from .views import bad_request, method_not_allowed, page_not_found, server_error


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
                    "max_body": MAX_BODY,  # grouped as the reader's language does
                }
                return render(request, "413.html", context, status=413)
        return self.get_response(request)


class FriendlyErrorsMiddleware:
    """Our own "not found" page even with DEBUG on, in the demo our own 500, and
    always a kind page for Django's empty 405 (a button's address opened as a page).

    With DEBUG off Django's handlers (boomity.views) already answer with our
    pages, and this does nothing. With it on — `make run`, the demo anyone may
    try — Django would show its technical pages instead: the list of every
    address the app answers, or a traceback. A visitor never sees those. A 404
    here is always ours; a server error is ours in the demo (BOOMITY_DEMO), and
    its traceback goes to the log, while a developer without the demo still gets
    Django's debugging page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            return method_not_allowed(request, response)
        if settings.DEBUG and response.status_code == 404 and request.resolver_match is None:
            # No address matched at all: Django's technical page lists them all.
            return page_not_found(request)
        return response

    def process_exception(self, request, exception):
        if not settings.DEBUG:
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django's handler403 (ours) answers, DEBUG or not: not a 500
        if isinstance(exception, SuspiciousOperation):
            return _refused(request, exception)
        if settings.DEMO:
            # server_error reads the exception being handled.
            return _logged(server_error(request), request, exception)
        return None


def _refused(request, exception) -> HttpResponse:
    return _logged(bad_request(request, exception), request, exception)


def _logged(response: HttpResponse, request, exception) -> HttpResponse:
    """Our page instead of Django's, with what happened in the log as Django would."""
    log_response(
        "%s: %s",
        response.reason_phrase,
        request.path,
        response=response,
        request=request,
        exception=exception,
    )
    return response


class UnknownHostMiddleware:
    """With DEBUG on, a request for a host the app doesn't serve gets our 400 page, not
    Django's technical one (its settings, paths and traceback). First in the list:
    the next middleware already asks for the host. With DEBUG off, Django's own
    handling answers with our page (handler400) and logs it as a security event."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEBUG:
            try:
                request.get_host()
            except DisallowedHost as exception:
                return _refused(request, exception)
        return self.get_response(request)
