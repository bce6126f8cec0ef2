"""Changing the e-mail address an account signs in with.

`User.email` is the address a member signs in with and where we write to them;
allauth keeps its own records of addresses (`EmailAddress`). The two stay in step
like this:

- Asking for a new address adds a *pending* record (not confirmed, not primary) and
  mails it a link. `User.email` doesn't change: the member still signs in as before.
- Only confirming that link makes the new address the sign-in one
  (`AccountAdapter.confirm_email`, which allauth's `set_as_primary` follows by writing
  `User.email`); then the old record goes.
- An address that belongs to another account is never written to `User.email` nor
  kept as a pending record: asking for it changes nothing for either account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account import app_settings
from allauth.account.adapter import get_adapter
from allauth.account.internal.flows.email_verification import (
    add_email_verification_sent_message,
    handle_verification_email_rate_limit,
    send_verification_email_to_address,
)
from allauth.account.internal.flows.password_reset import get_reset_password_url
from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import User

if TYPE_CHECKING:
    from django.http import HttpRequest

IN_USE = _(
    "That address is already used by another account here, so it can't be added to "
    "yours. Your address stays as it is. You could try a different address."
)
IN_USE_AT_CONFIRMATION = _(
    "We couldn't change your address to %(email)s, because another account here uses it "
    "now. Your address stays as it is. You could try a different address."
)


def belongs_to_another(email: str, user: User) -> bool:
    """Whether an account other than `user` signs in with `email` or has confirmed it.

    Another member's pending, unconfirmed address doesn't count: anyone could type
    anyone's address, and only opening the link proves whose it is.
    """
    others = User.objects.exclude(pk=user.pk)
    return (
        others.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True)
        .exclude(user_id=user.pk)
        .exists()
    )


def may_say_an_address_is_taken() -> bool:
    """allauth's rule against telling who has an account: with confirmation required,
    a taken address looks like a new one (its owner is told by e-mail instead)."""
    prevent = app_settings.PREVENT_ENUMERATION
    mandatory = app_settings.EMAIL_VERIFICATION == app_settings.EmailVerificationMethod.MANDATORY
    return not prevent or (prevent != "strict" and not mandatory)


def current_address(user: User) -> EmailAddress | None:
    """The record of the address the member signs in with."""
    return EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email).first()


def pending_address(user: User) -> EmailAddress | None:
    """The new address waiting for its link to be opened, if any."""
    return (
        EmailAddress.objects.filter(user_id=user.pk, verified=False, primary=False)
        .exclude(email__iexact=user.email)
        .order_by("pk")
        .last()
    )


def start_change(request: HttpRequest, user: User, email: str) -> EmailAddress:
    """Add `email` as the pending address (in place of any earlier one) and send it a
    link. The address the member signs in with stays as it is.

    allauth's own `add_new_email` takes the newest unconfirmed record for the pending
    one: for a member who hasn't confirmed their first address yet, that is the
    address they sign in with, and removing it left the account with none.
    """
    with transaction.atomic():
        earlier = EmailAddress.objects.filter(user_id=user.pk, verified=False, primary=False)
        earlier.exclude(email__iexact=user.email).delete()
        address = EmailAddress.objects.create(user=user, email=email.lower())
    send_verification_email_to_address(request, address)
    return address


def tell_owner(request: HttpRequest, user: User, email: str) -> EmailAddress:
    """Someone asked for an address another account has: nothing changes, and the
    page says what it says for any new address. If that account confirmed the
    address, its owner gets a note; an unconfirmed address may be a stranger's, who
    mustn't learn from us that someone uses it here. Returns an unsaved record."""
    if handle_verification_email_rate_limit(request, email):
        if EmailAddress.objects.filter(email__iexact=email, verified=True).exists():
            get_adapter(request).send_mail(
                "account/email/email_in_use",
                email,
                {"email": email, "password_reset_url": get_reset_password_url(request)},
            )
        add_email_verification_sent_message(request, email, signup=False)
    return EmailAddress(user=user, email=email)
