"""The community's own settings, edited by staff, and who may join."""

from __future__ import annotations

import re
import time
from email.headerregistry import Address
from email.utils import parseaddr
from functools import reduce

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.markup import render_markdown
from core.vocabulary import InLanguage, Translations

from .. import defaults


class SignupPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may join")
    INVITATION = "invitation", _("By invitation: people need an invitation code")
    DOMAINS = "domains", _("By e-mail address: only addresses at the domains listed below")


DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")

# Where "Leave quickly" goes unless staff choose another neutral site.
LEAVE_QUICKLY_DEFAULT = "https://www.bbc.co.uk/weather"

# Each app process keeps the one row this long (see CommunitySettings.current).
_community_cache: dict[str, tuple[float, CommunitySettings]] = {}


def forget_community_settings() -> None:
    """Drop this process's copy, so the next read sees the database."""
    _community_cache.clear()


class CommunitySettings(models.Model):
    """The one row of settings that make this community its own, edited by staff.

    Every page shows the name, so it is read through `current()`, which keeps a
    copy per process: no query per page.
    """

    name = models.CharField(
        _("community name"),
        max_length=60,
        help_text=_("Shown at the top of every page, in page titles and in e-mails."),
    )
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        help_text=_(
            "One sentence about who the community is for, under the name on the home page."
        ),
    )
    taglines = Translations(
        _("tagline in other languages"),
        max_length=200,
        help_text=_("Leave a language empty to show the tagline above to its readers."),
    )
    welcome = models.TextField(
        _("welcome text"),
        blank=True,
        help_text=_(
            "Shown on the home page to people who aren't signed in: what happens here "
            "and why they might join. Markdown."
        ),
    )
    welcome_html = models.TextField(_("welcome html"), blank=True, editable=False)
    welcomes = Translations(
        _("welcome text in other languages"),
        multiline=True,
        help_text=_(
            "The welcome text above, for readers of each language. Leave a language "
            "empty to show them the text above."
        ),
    )
    welcomes_html = models.JSONField(_("welcomes html"), default=dict, blank=True, editable=False)
    guidelines = models.TextField(
        _("community guidelines"),
        help_text=_(
            "Shown on /guidelines/ and accepted by everyone who joins. Markdown: start "
            "each section with “# ” and its title, and keep them short and kind."
        ),
    )
    guidelines_html = models.TextField(_("guidelines html"), blank=True, editable=False)
    signup_policy = models.CharField(
        _("who may join"),
        max_length=12,
        choices=SignupPolicy.choices,
        default=SignupPolicy.OPEN,
        help_text=_(
            "The sign-up page explains this to anyone who can't join, and what they can do instead."
        ),
    )
    allowed_domains = models.TextField(
        _("e-mail domains that may join"),
        blank=True,
        help_text=_(
            "For “By e-mail address”: one domain per line, e.g. example.org. Addresses "
            "at its subdomains (mail.example.org) count too. Also checked when a member changes "
            "their address."
        ),
    )
    leave_quickly_url = models.URLField(
        _("“Leave quickly” goes to"),
        max_length=300,
        default=LEAVE_QUICKLY_DEFAULT,
        validators=[
            URLValidator(
                schemes=["https"],
                message=_(
                    "Please give a full address that starts with https://, for example "
                    "https://www.bbc.co.uk/weather."
                ),
            )
        ],
        help_text=_(
            "The “Leave quickly” button at the top of every page opens this address "
            "in place of the community, for someone who needs to close it fast. Choose an "
            "ordinary, neutral site (weather or news) that starts with https://."
        ),
    )
    responding = models.TextField(
        _("how to respond when someone is struggling"),
        blank=True,
        default=defaults.RESPONDING,
        help_text=_(
            "Shown to members beside the reply box on a thread with a post the "
            "moderators have as urgent crisis language (never to its author). Plain text, one "
            "paragraph per line, with a link to the help page under it. Leave empty for "
            "Boomity's own words, which follow #chatsafe and Samaritans' guidance."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("community settings")

    def __str__(self) -> str:
        return str(_("Community settings"))

    def save(self, *args, **kwargs):
        # Rendered once here, never per page view (like posts and board guidelines).
        self.welcome_html = render_markdown(self.welcome)
        self.welcomes_html = {code: render_markdown(text) for code, text in self.welcomes.items()}
        self.guidelines_html = render_markdown(self.guidelines, top_heading=2)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "welcome_html",
                "welcomes_html",
                "guidelines_html",
                "updated_at",
            }
        super().save(*args, **kwargs)
        forget_community_settings()
        # A read inside this transaction may have kept values that a rollback undoes.
        transaction.on_commit(forget_community_settings)

    @classmethod
    def current(cls) -> CommunitySettings:
        """The settings, read from the database at most every
        BOOMITY_COMMUNITY_CACHE_SECONDS in each app process.

        The process that saves a change forgets its copy at once; other processes
        (gunicorn workers, the task worker) see it within that many seconds.
        """
        cached = _community_cache.get("row")
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        row = cls.load()
        _community_cache["row"] = (time.monotonic() + settings.BOOMITY_COMMUNITY_CACHE_SECONDS, row)
        return row

    @classmethod
    def load(cls) -> CommunitySettings:
        """The row as the database has it now (made with the defaults the first time)."""
        return cls.objects.get_or_create(pk=1, defaults=cls.initial_values())[0]

    @staticmethod
    def initial_values() -> dict:
        # The welcome in the community's own language, whoever's visit makes the row, and
        # beside it in every other language the catalogues have (shown to its readers).
        with translation.override(settings.LANGUAGE_CODE):
            welcome = str(defaults.WELCOME)
            # Kept in the community's own language; while staff keep them unchanged, each
            # reader gets the catalogue's words (local_guidelines_html, responding_text).
            guidelines, responding = str(defaults.GUIDELINES), str(defaults.RESPONDING)
        return {
            "name": settings.BOOMITY_COMMUNITY_NAME,
            "tagline": settings.BOOMITY_TAGLINE,
            "welcome": welcome,
            "welcomes": defaults.welcome_translations(welcome),
            "guidelines": guidelines,
            "responding": responding,
        }

    def clean(self) -> None:
        if self.signup_policy == SignupPolicy.DOMAINS and not self.domains:
            raise ValidationError(
                {
                    "allowed_domains": _(
                        "Please list at least one domain, or choose another way for people to join."
                    )
                }
            )

    # The tagline and the welcome in the reader's language (core/vocabulary.py); the
    # welcome rendered on save.
    local_tagline = InLanguage("tagline", "taglines")
    local_welcome_html = InLanguage("welcome_html", "welcomes_html")

    @property
    def responding_text(self) -> str:
        """What members are told on how to respond to someone struggling: staff's words,
        or the default if they left it empty."""
        return defaults.in_reader_language(self.responding.strip(), defaults.RESPONDING) or str(
            defaults.RESPONDING
        )

    @property
    def local_guidelines_html(self) -> str:
        """The guidelines as this reader should read them: staff's own words as written;
        the shipped ones, while unchanged, in the reader's language."""
        shown = defaults.in_reader_language(self.guidelines, defaults.GUIDELINES)
        if shown == self.guidelines:
            return self.guidelines_html
        return defaults.rendered_guidelines(shown)

    @property
    def sender(self) -> str:
        """Who the community's e-mails come from: the name staff set, at the address
        the environment gives (DEFAULT_FROM_EMAIL)."""
        address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
        return str(Address(display_name=self.name, addr_spec=address))

    @property
    def domains(self) -> list[str]:
        return [
            normalized_domain(line)
            for line in self.allowed_domains.split()
            if normalized_domain(line)
        ]

    @property
    def domains_listed(self) -> str:
        """The allowed domains as a sentence says them: "a.org or b.org or c.org"."""
        if not self.domains:
            return ""
        return reduce(
            # Translators: two e-mail domains, or a list of them and one more.
            lambda first, second: _("%(first)s or %(second)s") % {"first": first, "second": second},
            self.domains,
        )

    def accepts_email(self, email: str) -> bool:
        """Whether this address may be used to join (or be changed to) under the policy."""
        if self.signup_policy != SignupPolicy.DOMAINS:
            return True
        domain = email.rpartition("@")[2].strip().lower().rstrip(".")
        return any(domain == allowed or domain.endswith(f".{allowed}") for allowed in self.domains)


def normalized_domain(text: str) -> str:
    """'@Example.org,' → 'example.org'."""
    return text.strip().strip(",;").lstrip("@").rstrip(".").lower()
