from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html

from .models import Profile, validate_display_name


class LoginForm(AllauthLoginForm):
    """allauth's sign-in, labelled the way our sign-up page is."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "E-mail address"
        self.fields["password"].help_text = ""  # the page has its own reset link
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)


class AddEmailForm(AllauthAddEmailForm):
    """Changing one's address: labelled the way the rest of the site speaks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "New e-mail address"
        self.fields["email"].widget.attrs.pop("placeholder", None)


class SignupForm(AllauthSignupForm):
    """allauth's sign-up, plus the two things our community asks of everyone."""

    display_name = forms.CharField(
        label="Display name",
        max_length=30,
        help_text=(
            "This is how other members will see you. Please don't use your real name "
            "unless you want to. You can use letters, numbers, spaces, dots, dashes and "
            "underscores."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    accept_guidelines = forms.BooleanField(
        label="I have read and accept the community guidelines",
        error_messages={
            "required": "Please read the community guidelines and tick the box to say you "
            "accept them. They keep this a safe place for everyone."
        },
    )

    field_order = ["email", "display_name", "password1", "accept_guidelines"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "E-mail address"
        self.fields["email"].help_text = (
            "Only used to sign in and to send you what you ask for. Never shown to anyone."
        )
        self.fields["accept_guidelines"].help_text = format_html(
            '<a href="{}">Read the community guidelines</a>.',
            reverse("guidelines"),
        )
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        validate_display_name(name)
        if Profile.objects.with_name(name).exists():
            raise forms.ValidationError(
                "Someone in the community is already using that name. Please try another "
                "— adding a number or a word often works."
            )
        return name

    def save(self, request):
        # The account and its profile exist together or not at all.
        with transaction.atomic():
            return super().save(request)

    def custom_signup(self, request, user) -> None:
        profile = Profile.objects.create(user=user, display_name=self.cleaned_data["display_name"])
        profile.accept_guidelines()


class EraseAccountForm(forms.Form):
    """Deleting one's account: what happens to the posts, and the password to be sure."""

    posts = forms.ChoiceField(
        label="What should happen to your posts?",
        choices=[
            ("remove", "Remove them. Their places in threads stay, marked “removed”, so "
                       "replies around them still make sense."),
            ("keep", "Keep them, shown as written by “A former member”, with no link to you."),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose what should happen to your posts."},
    )
    password = forms.CharField(
        label="Your password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Please enter your password, so we know it's you."},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That password doesn't match your account. Please try again — or, if you "
                "signed up another way or forgot it, reset your password first.",
                code="wrong_password",
            )
        return password


BREAK_LENGTHS = {"1": "A day", "3": "Three days", "7": "A week", "14": "Two weeks",
                 "30": "A month"}


class BreakForm(forms.Form):
    days = forms.TypedChoiceField(
        label="How long would you like to take?", choices=list(BREAK_LENGTHS.items()),
        coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Please choose how long your break should be."},
    )
