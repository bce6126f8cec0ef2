from typing import TYPE_CHECKING

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.forms import ServerCheckedLengthField

from . import addresses
from .conversations import MESSAGE_MAX
from .languages import offered
from .models import (
    BIO_MAX,
    CommunitySettings,
    Experience,
    Invitation,
    Profile,
    SignupPolicy,
    User,
    name_problem,
    normalized_code,
    validate_display_name,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

INVITATION_PROBLEMS = {
    "missing": _(
        "Please type the invitation code you were given. If you don't have one, the "
        "organization that told you about this community can give you one."
    ),
    "unknown": _(
        "We don't recognise that invitation code. Please check it against your "
        "invitation: it's letters and numbers (spaces and dashes don't matter). If it "
        "still doesn't work, please ask the person who gave it to you for a new one."
    ),
    "expired": _(
        "That invitation code has expired. Please ask the person who gave it to you for a new one."
    ),
    "used_up": _(
        "That invitation code has already been used by as many people as it allows. "
        "Please ask the person who gave it to you for a new one."
    ),
    "taken": _(
        "Someone joined with the last use of that invitation code a moment ago, so it "
        "has run out. Please ask the person who gave it to you for a new one."
    ),
}


class InvitationRanOut(Exception):
    """Between checking the form and saving it, someone else took the code's last use."""


def domain_problem(community: CommunitySettings) -> str:
    return _(
        "Joining %(community)s is for people with an e-mail address at "
        "%(domains)s. If you have one, please use it here. If not, "
        "please ask the organization that told you about %(community)s how to join."
    ) % {"community": community.name, "domains": community.domains_listed}


class LoginForm(AllauthLoginForm):
    """allauth's sign-in, labelled the way our sign-up page is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address")
        self.fields["password"].help_text = ""  # the page has its own reset link
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class AddEmailForm(AllauthAddEmailForm):
    """Changing one's address: labelled the way the rest of the site speaks, and kept to
    the allowed domains when joining is limited to them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("New e-mail address")
        self.fields["email"].widget.attrs.pop("placeholder", None)

    def clean_email(self) -> str:
        email = super().clean_email()
        community = CommunitySettings.current()
        if not community.accepts_email(email):
            raise forms.ValidationError(
                _(
                    "A new address needs to be at %(domains)s, because "
                    "joining %(community)s is for people there. Your current address stays "
                    "as it is."
                )
                % {"domains": community.domains_listed, "community": community.name}
            )
        self.belongs_to_another = addresses.belongs_to_another(email, self.user)
        if self.belongs_to_another and addresses.may_say_an_address_is_taken():
            raise forms.ValidationError(addresses.IN_USE, code="email_taken")
        return email

    def save(self, request):
        """The address the member signs in with changes only once the new one is
        confirmed (members/addresses.py); another account's address changes nothing."""
        email = self.cleaned_data["email"]
        if self.belongs_to_another:
            return addresses.tell_owner(request, self.user, email)
        return addresses.start_change(request, self.user, email)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, plus the two things our community asks of everyone."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=30,
        help_text=_(
            "This is how other members will see you. Please don't use your real name "
            "unless you want to. You can use letters, numbers, spaces, dots, dashes and "
            "underscores."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_guidelines = forms.BooleanField(
        label=_("I have read and accept the community guidelines"),
        error_messages={
            "required": _(
                "Please read the community guidelines and tick the box to say you "
                "accept them. They keep this a safe place for everyone."
            )
        },
    )

    invitation_code = forms.CharField(
        label=_("Invitation code"),
        max_length=40,
        help_text=_(
            "It's in the invitation you were given (if you followed an invitation link, "
            "it's filled in already)."
        ),
        error_messages={"required": INVITATION_PROBLEMS["missing"]},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    field_order = ["invitation_code", "email", "display_name", "password1", "accept_guidelines"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Who may join is the staff's choice (Community settings); the checks are here,
        # in the form, so a hand-made POST meets them too.
        self.community = CommunitySettings.current()
        self.invitation: Invitation | None = None
        if self.community.signup_policy != SignupPolicy.INVITATION:
            del self.fields["invitation_code"]
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].help_text = _(
            "Only used to sign in and to send you what you ask for. Never shown to anyone."
        )
        if self.community.signup_policy == SignupPolicy.DOMAINS:
            self.fields["email"].help_text = _(
                "Please use your address at %(domains)s. "
                "It's only used to sign in and to send you what you ask for, and never shown "
                "to anyone."
            ) % {"domains": self.community.domains_listed}
        self.fields["accept_guidelines"].help_text = format_html(
            '<a href="{}">{}</a>.',
            reverse("members:guidelines"),
            _("Read the community guidelines"),
        )
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def clean_invitation_code(self) -> str:
        code = normalized_code(self.cleaned_data["invitation_code"])
        invitation = Invitation.objects.filter(code=code).first() if code else None
        if invitation is None:
            raise forms.ValidationError(INVITATION_PROBLEMS["unknown"])
        if invitation.is_expired:
            raise forms.ValidationError(INVITATION_PROBLEMS["expired"])
        if invitation.is_used_up:
            raise forms.ValidationError(INVITATION_PROBLEMS["used_up"])
        self.invitation = invitation
        return code

    def clean_email(self) -> str:
        email = super().clean_email()
        if not self.community.accepts_email(email):
            raise forms.ValidationError(domain_problem(self.community))
        return email

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        validate_display_name(name)
        if problem := name_problem(name):
            raise forms.ValidationError(problem)
        return name

    def save(self, request):
        # The account, its profile and the invitation's use happen together or not at
        # all. The use is taken first, by a conditional UPDATE: if someone else took
        # the last one since the form was checked, nothing is created.
        with transaction.atomic():
            if self.invitation is not None and not self.invitation.take_one():
                raise InvitationRanOut
            return super().save(request)

    def custom_signup(self, request, user) -> None:
        profile = Profile.objects.create(user=user, display_name=self.cleaned_data["display_name"])
        profile.accept_guidelines()


# What a member can say about each experience on the list, one fieldset each.
LEAVE_OFF, SHOW, KEEP = "no", "shown", "kept"
EXPERIENCE_CHOICES = [
    (LEAVE_OFF, _("Leave it off my profile")),
    (SHOW, _("Add it, and show it to other members")),
    (KEEP, _("Add it, and keep it to myself")),
]


class ProfileForm(forms.Form):
    """What a member shares: experiences picked from the vocabulary, never typed, each
    shown to other members or kept to themselves; and a bio."""

    bio = ServerCheckedLengthField(
        label=_("About you"),
        required=False,
        max_length=BIO_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Your bio is a little long: it has %(show_value)d characters and can hold "
                "%(limit_value)d. Your text is still here to shorten."
            )
        },
    )

    def __init__(self, data=None, *, profile: Profile):
        super().__init__(data, initial={"bio": profile.bio})
        self.profile = profile
        self.fields["bio"].help_text = _(
            "A few words, if you like (up to %(limit)s characters). You can use "
            "Markdown. Please keep your real name, address and phone number out of it."
        ) % {"limit": number_format(BIO_MAX, force_grouping=True)}
        mine = dict(profile.experience_items.values_list("tag_id", "is_shown"))
        self.offered: dict[str, Experience] = {}
        fields = {}
        for experience in Experience.objects.offered_to(profile).in_reading_order():
            name = f"experience_{experience.pk}"
            self.offered[name] = experience
            choose_one = _("Please choose one of the three for “%(name)s”.") % {
                "name": experience.local_name
            }
            fields[name] = forms.ChoiceField(
                # Translators: an experience's name, then its description.
                label=_("%(name)s — %(description)s")
                % {"name": experience.local_name, "description": experience.local_description}
                if experience.description
                else experience.local_name,
                choices=EXPERIENCE_CHOICES,
                widget=forms.RadioSelect,
                initial=LEAVE_OFF
                if experience.pk not in mine
                else (SHOW if mine[experience.pk] else KEEP),
                error_messages={
                    "required": choose_one,
                    "invalid_choice": choose_one,
                },
            )
        # The experiences first, as the page explains them; the bio after.
        self.fields = {**fields, "bio": self.fields["bio"]}
        if not profile.can_post:
            # Paused from posting: the bio is writing others read, so it waits too.
            self.fields["bio"].disabled = True
            self.fields["bio"].help_text = _(
                "You can't change your bio while you're paused from posting. Your "
                "experiences and who sees them can still change."
            )

    def experience_fields(self):
        return [self[name] for name in self.offered]

    def chosen(self) -> tuple[list[Experience], list[Experience]]:
        """(the experiences on the profile, those of them shown to other members)."""
        answers = {name: self.cleaned_data[name] for name in self.offered}
        on_profile = [self.offered[n] for n, a in answers.items() if a in (SHOW, KEEP)]
        shown = [self.offered[n] for n, a in answers.items() if a == SHOW]
        return on_profile, shown


class ColourSchemeForm(forms.ModelForm):
    """Light or dark pages, or whatever the member's device is set to."""

    class Meta:
        model = Profile
        fields = ["colour_scheme"]
        labels = {"colour_scheme": _("Show the pages in")}
        widgets = {"colour_scheme": forms.RadioSelect}
        error_messages = {
            "colour_scheme": {
                "required": _("Please choose one of the three options."),
                "invalid_choice": _("Please choose one of the three options."),
            }
        }


def _language_choices() -> list[tuple[str, str | Promise]]:
    # Each language named in itself: someone looking for theirs finds it in words they
    # read. Read at every use: the languages on offer are the staff's (settings).
    return [("", _("The language of my browser")), *offered().items()]


class LanguageForm(forms.ModelForm):
    """The language of a member's pages and e-mails: one the community offers, or their
    browser's (blank)."""

    language = forms.ChoiceField(
        label=_("Show the pages in"),
        choices=_language_choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Please choose one of the languages listed.")},
    )

    class Meta:
        model = User
        fields = ["language"]


class EmailPreferencesForm(forms.ModelForm):
    """How often a member hears about their notifications by e-mail, and whether
    they'd like a notification when someone new posts for the first time."""

    class Meta:
        model = Profile
        fields = ["email_frequency", "hears_of_newcomers"]
        labels = {
            "email_frequency": _("E-mail me about my notifications"),
            "hears_of_newcomers": _("Tell me when someone new posts for the first time"),
        }
        widgets = {"email_frequency": forms.RadioSelect}
        error_messages = {
            "email_frequency": {
                "required": _("Please choose one of the four options."),
                "invalid_choice": _("Please choose one of the four options."),
            }
        }


def _label_code_field(form: forms.Form, label: "StrOrPromise") -> None:
    field = form.fields["code"]
    field.label = label
    field.widget.attrs.pop("placeholder", None)
    # App codes and recovery codes are digits; phones offer the number pad.
    field.widget.attrs.update(
        {"inputmode": "numeric", "autocomplete": "one-time-code", "spellcheck": "false"}
    )


class TwoStepCodeForm(AuthenticateForm):
    """Signing in: the second step."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_code_field(self, _("Code from your app, or a recovery code"))


class TwoStepReauthenticateForm(ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_code_field(self, _("Code from your app, or a recovery code"))


class TwoStepSetupForm(ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _label_code_field(self, _("The six-digit code your app shows"))


class EraseAccountForm(forms.Form):
    """Deleting one's account: what happens to the posts, and the password to be sure."""

    posts = forms.ChoiceField(
        label=_("What should happen to your posts?"),
        choices=[
            (
                "remove",
                _(
                    "Remove them. Their places in threads stay, marked “removed”, so "
                    "replies around them still make sense."
                ),
            ),
            (
                "keep",
                _("Keep them, shown as written by “A former member”, with no link to you."),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what should happen to your posts.")},
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Please enter your password, so we know it's you.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _(
                    "That password doesn't match your account. Please try again — or, if you "
                    "signed up another way or forgot it, reset your password first."
                ),
                code="wrong_password",
            )
        return password


BREAK_LENGTHS = {
    "1": _("A day"),
    "3": _("Three days"),
    "7": _("A week"),
    "14": _("Two weeks"),
    "30": _("A month"),
}


class BreakForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("How long would you like to take?"),
        choices=list(BREAK_LENGTHS.items()),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose how long your break should be.")},
    )


class MessageForm(forms.Form):
    """A message in a private conversation (members.conversations). Its limit is checked
    by the server, so a long paste is never cut short in the box."""

    body = ServerCheckedLengthField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Please write something before you send it."),
            "max_length": _(
                "That's longer than a message can be (%(limit_value)d characters). "
                "Your words are still here: could you make it a little shorter, or send it in "
                "two parts?"
            ),
        },
    )

    def clean_body(self) -> str:
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Please write something before you send it."))
        return body
