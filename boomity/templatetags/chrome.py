"""`{% site_header %}` and `{% site_footer %}`: what every page has around its content.

base.html's header and footer were a millisecond of every page: some twenty {% url %}
tags (a reverse() each) and thirty translations through Django's templates. Here the
addresses are reversed once per process and address prefix (core.addresses.fixed), and
the two are rendered by Jinja2 (templates/jinja2/_site_header.html, _site_footer.html),
as a list's rows are (forums/templatetags/thread_rows.py). The words are the same
catalogue's.

Nothing is kept between requests: the header says this reader's name, their unread
notifications and, for a moderator, the queue; the footer carries this request's form
token and address.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext, pgettext

from core import addresses
from core.forms import READING
from core.jinja2 import render

register = template.Library()

# The pages the header and footer link to, by the names templates use for them.
PAGES = {
    "home": "forums:home",
    "search": "forums:search",
    "help": "moderation:help",
    "latest": "forums:latest",
    "topics": "forums:topic-list",
    "guidelines": "members:guidelines",
    "notifications": "members:notifications",
    "directory": "members:directory",
    "profile_edit": "members:profile-edit",
    "sign_out": "account_logout",
    "sign_in": "account_login",
    "join": "account_signup",
    "welcome": "forums:welcome",
    "conversations": "members:conversations",
    "drafts": "forums:drafts",
    "saved": "forums:saved",
    "mutes": "forums:mutes",
    "blocked": "members:blocked",
    "privacy": "members:privacy",
    "set_language": "members:set-language",
}
# What the csrf context processor says when there is no request to make a token for.
NO_TOKEN = "NOTPROVIDED"  # noqa: S105 - a marker, not a secret
LEAVE_QUICKLY = "https://www.bbc.co.uk/weather"


def _context(context: template.Context) -> dict[str, Any]:
    user = context.get("user")
    token = str(context.get("csrf_token") or "")
    profile = user.profile if user is not None and user.is_authenticated else None
    return {
        "urls": addresses.fixed(PAGES),
        "community_name": context.get("community_name", ""),
        "signed_in": profile is not None,
        "profile": profile,
        # The page's one token (the csrf context processor's, worked out once a page).
        "csrf": "" if token == NO_TOKEN else token,
    }


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    values = _context(context)
    community = context.get("community")
    values["leave_quickly"] = getattr(community, "leave_quickly_url", "") or LEAVE_QUICKLY
    values["main_label"] = pgettext("the site's main navigation", "Main")
    values["new"] = pgettext("unread notifications, after their number", "new")
    # Moderators only (moderation.context_processors.queue_counts); worked out here
    # only for a member, as the template did.
    queue = context.get("review_queue") if values["signed_in"] else None
    values["queue"] = None
    if queue:
        count = queue.urgent.count
        values["queue"] = {
            "url": queue.urgent.url,
            "urgent": bool(count),
            "words": ngettext(
                "%(counter)s urgent in the queue", "%(counter)s urgent in the queue", count
            )
            % {"counter": count},
        }
    return render("_site_header.html", values)


@register.simple_tag(takes_context=True)
def site_footer(context: template.Context) -> SafeString:
    values = _context(context)
    request = context.get("request")
    about = gettext(
        "%(community_name)s is a peer-support community. It is not a crisis or emergency "
        "service: if you are in danger now, please call your local emergency number."
    )
    # The catalogue's words as they are, the name escaped: as {% blocktranslate %} did.
    values["about"] = mark_safe(about % {"community_name": escape(values["community_name"])})  # noqa: S308
    values["languages"] = context.get("offered_languages") or ()
    values["page_language"] = get_language()
    # Back to this page after the change: unless it answered a form sent here (a
    # refused token, a text too long), whose address asked for again says "use the
    # button" — then the front page.
    if request is not None and request.method in READING:
        values["next"] = request.get_full_path()
    else:
        values["next"] = values["urls"]["home"]
    return render("_site_footer.html", values)
