from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils.html import format_html

from .models import BIO_MAX, Experience, ExperienceVisibility, Profile, validate_display_name


class ServerCheckedLengthField(forms.CharField):
    """Length limits checked by the server only.

    With maxlength in the page a browser silently cuts a pasted text short; the
    server instead says what the limit is and keeps every word in the form.
    """

    def to_python(self, value):
        # Browsers send line breaks as CRLF; count and store them as one character.
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs.pop("minlength", None)
        return attrs


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


class ExperienceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Experience) -> str:
        return f"{obj.name} — {obj.description}" if obj.description else obj.name


class ProfileForm(forms.Form):
    """What a member shares: experiences picked from the vocabulary, never typed."""

    experiences = ExperienceChoiceField(
        queryset=Experience.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, label="Your lived experiences",
        help_text="Choose any that are part of your story. They help members who have been "
        "through similar things find each other. You can change them at any time.",
        error_messages={
            "invalid_choice": "Please choose from the list of experiences.",
            "invalid_pk_value": "Please choose from the list of experiences.",
        },
    )
    visibility = forms.ChoiceField(
        choices=ExperienceVisibility.choices, widget=forms.RadioSelect,
        label="Who can see your experiences?",
        help_text="Other members see them on your profile, beside your name on your posts and "
        "in the members list. With “Nobody but me”, they stay private to you.",
        error_messages={"required": "Please choose who can see your experiences."},
    )
    bio = ServerCheckedLengthField(
        label="About you", required=False, max_length=BIO_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"A few words, if you like (up to {BIO_MAX:,} characters). You can use "
        "Markdown. Please keep your real name, address and phone number out of it.",
        error_messages={"max_length": (
            "Your bio is a little long: it has %(show_value)d characters and can hold "
            "%(limit_value)d. Your text is still here to shorten."
        )},
    )

    def __init__(self, data=None, *, profile: Profile):
        super().__init__(data, initial={
            "experiences": list(profile.experiences.all()),
            "visibility": profile.experiences_visibility, "bio": profile.bio,
        })
        self.profile = profile
        self.fields["experiences"].queryset = Experience.objects.offered_to(profile)
        if not profile.can_post:
            # Paused from posting: the bio is writing others read, so it waits too.
            self.fields["bio"].disabled = True
            self.fields["bio"].help_text = (
                "You can't change your bio while you're paused from posting. Your "
                "experiences and who sees them can still change."
            )

class EmailPreferencesForm(forms.ModelForm):
    """How often a member hears about their notifications by e-mail."""

    class Meta:
        model = Profile
        fields = ["email_frequency"]
        labels = {"email_frequency": "E-mail me about my notifications"}
        widgets = {"email_frequency": forms.RadioSelect}
        error_messages = {
            "email_frequency": {
                "required": "Please choose one of the four options.",
                "invalid_choice": "Please choose one of the four options.",
            }
        }
