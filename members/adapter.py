import re

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import addresses, languages
from .models import CommunitySettings


class AccountAdapter(DefaultAccountAdapter):
    """Kinder words than allauth's defaults, and the community's name in e-mails."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "That e-mail address and password don't match an account. Please check them "
            "and try again, or reset your password if you've forgotten it."
        ),
        # Shown only where sign-ups aren't confirmed by e-mail (the demo): with
        # confirmation, allauth answers as for a new address and e-mails the owner,
        # so nobody learns who belongs to the community.
        "email_taken": _(
            "There's already an account with this e-mail address. You can sign in, or "
            "reset your password if you've forgotten it."
        ),
        "duplicate_email": _(
            "That address is already on your account. If you're waiting for its link, "
            "you can send it again from this page."
        ),
        "too_many_login_attempts": _(
            "There have been too many sign-in attempts for now. Please wait a few minutes "
            "and try again, or reset your password."
        ),
    }

    def confirm_email(self, request, email_address) -> bool:
        """Opening the link is the only thing that makes a new address the one a member
        signs in with (members/addresses.py): never one another account has now."""
        message = addresses.IN_USE_AT_CONFIRMATION % {"email": email_address.email}
        if addresses.belongs_to_another(email_address.email, email_address.user):
            self.add_message(request, messages.ERROR, message=message)
            return False
        try:
            with transaction.atomic():
                return super().confirm_email(request, email_address)
        except IntegrityError:  # another account took it a moment ago
            self.add_message(request, messages.ERROR, message=message)
            return False

    def can_delete_email(self, email_address) -> bool:
        """The address a member signs in with stays until a new one is confirmed."""
        if email_address.email.lower() == (email_address.user.email or "").lower():
            return False
        return super().can_delete_email(email_address)

    def get_from_email(self) -> str:
        return CommunitySettings.current().sender

    def format_email_subject(self, subject: str) -> str:
        # Translators: an e-mail's subject: the community's name, then what it is about.
        return _("%(community)s: %(subject)s") % {
            "community": CommunitySettings.current().name,
            "subject": subject,
        }

    def save_user(self, request, user, form, commit=True):
        # A newcomer keeps the language they joined in (members/languages.py).
        user.language = languages.language_at_signup(request)
        return super().save_user(request, user, form, commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        with languages.writing_to_address(email, self.request):
            # E-mails are rendered without context processors; give them the name.
            super().send_mail(
                template_prefix,
                email,
                {"community_name": CommunitySettings.current().name, **context},
            )


class MFAAdapter(DefaultMFAAdapter):
    """Two-step sign-in in our words, named after the community in people's apps."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _(
            "That code didn't work. Codes change every 30 seconds: please type the one your "
            "app shows now, or one of your recovery codes."
        ),
        "add_email_blocked": _(
            "Your account uses two-step sign-in, so its e-mail address can't be changed here. "
            "Please ask an administrator to change it for you in the admin."
        ),
        "unverified_email": _(
            "Please confirm your e-mail address first (we sent you a link), then set up "
            "two-step sign-in."
        ),
    }

    def get_totp_issuer(self) -> str:
        return CommunitySettings.current().name

    def build_totp_svg(self, url: str) -> str:
        """The QR code as an inline <svg> we serve in the page itself: nothing is fetched
        from elsewhere, and no data: image that our Content-Security-Policy would block."""
        svg = super().build_totp_svg(url)
        svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
        svg = re.sub(r'\s(width|height)="[^"]*"', "", svg, count=2)
        return svg.replace(
            "<svg ",
            '<svg class="qr-code__image" role="img" '
            f'aria-label="{escape(_("QR code for your authenticator app"))}" ',
            1,
        )
