import logging
import sys

from django.conf import settings
from django.contrib import messages
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render, resolve_url
from django.template import loader
from django.templatetags.static import static
from django.urls import Resolver404, resolve
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from core.forms import what_they_wrote
from forums.screening import crisis_in
from forums.views import crisis_message

logger = logging.getLogger(__name__)

# When even the error page can't be drawn (its template, or the translations it uses,
# broken too): a page with no moving parts, in English, still with the way to help.
PLAIN_ERROR_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Something went wrong</title></head>
<body>
<main id="main">
<h1>Something went wrong on our side</h1>
<p>We're sorry — this isn't your fault. Please try again in a minute. If you were writing
something, use your browser's back button: your text is usually still there.</p>
<p>If you are in danger or thinking about harming yourself, please call your local emergency
number now, or see <a href="/help/">who you can talk to now</a>.</p>
</main>
</body>
</html>
"""


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """400: an unknown host, a tampered request. Rendered without context processors:
    a request that failed this early may have no session or user yet."""
    return HttpResponse(loader.get_template("400.html").render(), status=400)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def method_not_allowed(request: HttpRequest, refused: HttpResponse) -> HttpResponse:
    """405: an address for a button (POST only) opened as a page, often because signing
    in came back to it (?next=/p/11/save/). Django answers with an empty page; this says
    what happened and links to the page the button is on (the address one level up,
    /p/11/ for /p/11/save/, when that is a page of ours), keeping the Allow header."""
    home = resolve_url(settings.BOOMITY_HOME_URL)
    back_to = home
    parent = request.path_info.rstrip("/").rpartition("/")[0] + "/"
    if parent not in ("/", request.path_info):
        try:
            resolve(parent)
        except Resolver404:
            pass
        else:
            prefix = request.path[: len(request.path) - len(request.path_info)]
            back_to = prefix.rstrip("/") + parent
    response = render(request, "405.html", {"back_to": back_to, "home": home}, status=405)
    if "Allow" in refused:
        response["Allow"] = refused["Allow"]
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form whose safety check failed (a page left open past a sign-out, a sign-in in
    another tab, cookies blocked): a kind page with their words, not Django's.

    Showing the words back is safe: they are escaped, sit in a read-only box, and go
    nowhere unless the person posts them again from a fresh form."""
    submitted = what_they_wrote(request)
    if submitted and crisis_in(
        author=request.user if request.user.is_authenticated else None,
        board=None,
        title=request.POST.get("title"),
        body=request.POST.get("body", ""),
    ):
        # The help first, on screen, as after any post with crisis language (base.html).
        messages.warning(request, crisis_message(), extra_tags="crisis")
    context = {"submitted": submitted, "sign_in_url": ""}
    if not request.user.is_authenticated:
        # Cookies cleared: they are signed out now. Offer the way back to the form
        # (only a form's own address; anything else, the boards).
        try:
            writes_words = getattr(resolve(request.path_info).func, "writes_words", False)
        except Resolver404:
            writes_words = False
        back_to = request.path if writes_words else resolve_url(settings.BOOMITY_HOME_URL)
        context["sign_in_url"] = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': back_to})}"
    return render(request, "403_csrf.html", context, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 when the database is what failed.

    Django calls this inside its exception handler, so the exception is still in
    sys.exc_info(). Nothing here may touch the database or the session: no
    context processors, no request.user. What the person just sent is shown
    back to them, so a failed post is never lost.
    """
    exc = sys.exc_info()[1]
    # Only a database that can't be reached is "back in a moment"; a bug in a
    # query (ProgrammingError, say) is an ordinary 500.
    if isinstance(exc, OperationalError | InterfaceError):
        try:
            context = {"submitted": what_they_wrote(request)}
            page = loader.get_template("503.html").render(context)
        except Exception:
            logger.exception("The 503 page couldn't be drawn; the plain one was sent")
            page = PLAIN_ERROR_PAGE
        response = HttpResponse(page, status=503)
        response["Retry-After"] = "60"
        return response
    try:
        page = loader.get_template("500.html").render()
    except Exception:
        logger.exception("The 500 page couldn't be drawn; the plain one was sent")
        page = PLAIN_ERROR_PAGE
    return HttpResponse(page, status=500)
