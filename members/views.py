from datetime import timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from allauth.account.views import EmailView as AllauthEmailView
from allauth.account.views import SignupView as AllauthSignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views import i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from django_ratelimit.core import is_ratelimited

from core.forms import form_page, form_status
from core.indexing import allow_indexing
from core.privacy import erase_member, export_member

from . import actions, addresses, conversations
from .forms import (
    INVITATION_PROBLEMS,
    BreakForm,
    ColourSchemeForm,
    EmailPreferencesForm,
    EraseAccountForm,
    InvitationRanOut,
    LanguageForm,
    MessageForm,
    ProfileForm,
)
from .http import SignedInRequest
from .languages import offered
from .mail import has_confirmed_address, member_from_token
from .models import (
    Block,
    CommunitySettings,
    Conversation,
    EmailFrequency,
    Experience,
    Message,
    Notification,
    Participant,
    Profile,
    User,
    shown_experiences,
)
from .muted import mentions, muted_words_pattern

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MEMBERS_PER_PAGE = 30


class SignupView(AllauthSignupView):
    """allauth's sign-up, with two things it can't know about invitations.

    An invitation link (?code=…) fills the code in. And if the code's last use was
    taken by someone else between checking the form and saving it, the person sees
    the form again with a kind message and everything they typed.
    """

    def get_initial(self) -> dict:
        initial = super().get_initial()
        code = self.request.GET.get("code", "").strip()
        if code:
            initial["invitation_code"] = code[:40]
        return initial

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except InvitationRanOut:
            form.add_error("invitation_code", INVITATION_PROBLEMS["taken"])
            return self.form_invalid(form)


signup = SignupView.as_view()


class EmailView(AllauthEmailView):
    """allauth's page for changing one's address, keeping the address a member signs
    in with until the new one is confirmed (members/addresses.py)."""

    http_method_names = ["get", "head", "post", "options"]  # allauth's form takes PUT too

    def post(self, request, *args, **kwargs):
        # Only opening the link makes an address the sign-in one; the page never
        # offers "make primary", and an unconfirmed address mustn't become it.
        if "action_primary" in request.POST:
            return redirect("account_email")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_emailaddress"] = addresses.current_address(self.request.user)
        context["new_emailaddress"] = addresses.pending_address(self.request.user)
        return context


email = EmailView.as_view()


@login_required
@require_safe
def two_step_needed(request: SignedInRequest) -> HttpResponse:
    """Where the admin sends someone who may use it but has no two-step sign-in yet."""
    if not request.user.is_staff:
        raise Http404
    if request.user.has_two_step_sign_in():
        return redirect("admin:index")
    return render(request, "members/two_step_needed.html")


@login_required
@require_safe
def notifications(request: SignedInRequest) -> HttpResponse:
    items = list(Notification.objects.for_member(request.user).with_people()[:100])
    unread = {n.pk for n in items if n.read_at is None}
    # One with a word they muted (a thread's title, mostly) is folded, as list rows are.
    muted = muted_words_pattern(request.user) if items else None
    for n in items:
        n.folded = mentions(muted, n.message)
    if unread:
        actions.mark_notifications_read(request.user)
        request.user.profile.unread_notifications = 0  # the header is drawn after this
    return render(request, "members/notifications.html", {"notifications": items, "unread": unread})


@login_required
@require_safe
def blocked_members(request: SignedInRequest) -> HttpResponse:
    blocks = Block.objects.filter(blocker=request.user).select_related("blocked__profile")
    return render(request, "members/blocked.html", {"blocks": blocks})


@login_required
@require_POST
def unblock(request: SignedInRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Block, pk=pk, blocker=request.user)
    actions.unblock(request.user, item.blocked)
    messages.success(
        request,
        _("You unblocked %(name)s.") % {"name": item.blocked.profile.display_name},
    )
    return redirect("members:blocked")


@login_required
@form_page
def profile_edit(request: SignedInRequest) -> HttpResponse:
    profile = request.user.profile
    form = ProfileForm(request.POST if request.method == "POST" else None, profile=profile)
    if form.is_valid():
        experiences, shown = form.chosen()
        actions.update_profile(
            profile, experiences=experiences, shown=shown, bio=form.cleaned_data["bio"]
        )
        messages.success(request, _("Your profile is saved. This is how other members see it."))
        return redirect(profile)
    return render(
        request,
        "members/profile_edit.html",
        {"form": form, "profile": profile},
        status=form_status(request),
    )


@login_required
@require_safe
def directory(request: SignedInRequest) -> HttpResponse:
    """Find people like me: members who chose to be found, by experience."""
    experience, canonical = Experience.objects.resolve(request.GET.get("experience", ""))
    supporters = request.GET.get("supporters") == "1"
    query = {
        k: v
        for k, v in [
            ("experience", experience.slug if experience else ""),
            ("supporters", "1" if supporters else ""),
        ]
        if v
    }
    if experience is not None and not canonical:
        return redirect(f"{request.path}?{urlencode(query)}")  # a merged name: its new home
    profiles = Profile.objects.in_directory(request.user)
    if experience is not None:
        profiles = profiles.sharing(experience, viewer=request.user)
    if supporters:
        profiles = profiles.filter(is_peer_supporter=True)
    page = Paginator(profiles.order_by(Lower("display_name"), "pk"), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    shared = shown_experiences([p.user_id for p in page.object_list], viewer=request.user)
    for profile in page.object_list:
        profile.shown_experiences = shared.get(profile.user_id, [])
    return render(
        request,
        "members/directory.html",
        {
            "page": page,
            "experiences": Experience.objects.order_by("name").in_reading_order(),
            "experience": experience,
            "supporters": supporters,
            "unknown": bool(request.GET.get("experience")) and experience is None,
        },
    )


_SAVED: "dict[str, StrOrPromise]" = {
    EmailFrequency.IMMEDIATE: _("Saved. We'll e-mail you as soon as there's something new."),
    EmailFrequency.DAILY: _("Saved. We'll send you one summary a day, when there's news."),
    EmailFrequency.WEEKLY: _("Saved. We'll send you one summary a week, when there's news."),
    EmailFrequency.NEVER: _(
        "Saved. We won't e-mail you about notifications. They'll be waiting here when you visit."
    ),
}
_SAVED_UNCONFIRMED = _(
    "Saved. We can't e-mail you yet, though: your e-mail address isn't confirmed. Please "
    "open the link we sent you, or ask for a new one below."
)


@login_required
@form_page
def colours(request: SignedInRequest) -> HttpResponse:
    profile = request.user.profile
    form = ColourSchemeForm(request.POST if request.method == "POST" else None, instance=profile)
    if form.is_bound and form.is_valid():
        # Only this field: a whole-row save could undo a notification's count.
        profile.save(update_fields=["colour_scheme"])
        messages.success(request, _("Saved. Every page now uses the colours you chose."))
        return redirect("members:colours")
    return render(
        request,
        "members/colours.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
@form_page
def language(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = LanguageForm(request.POST if request.method == "POST" else None, instance=user)
    if form.is_bound and form.is_valid():
        user.save(update_fields=["language"])
        response = redirect("members:language")
        if not user.language:
            # Their browser's from now on, not a language the footer once kept.
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        # The words on the next page (this message among them) in its language.
        translation.activate(user.language or translation.get_language_from_request(request))
        messages.success(request, _("Saved. Your pages and e-mails use the language you chose."))
        return response
    return render(
        request,
        "members/language.html",
        # Named in the reader's language inside their sentence ("en inglés").
        {
            "form": form,
            "community_language_name": get_language_info(settings.LANGUAGE_CODE)["name_translated"],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The footer's language switch, without JavaScript: Django's own view keeps the
    choice in a cookie and goes back to the page (`next`, only if it is ours). A member's
    choice is kept on their account as well, so it follows them to every device."""
    response = i18n.set_language(request)
    code = request.POST.get(i18n.LANGUAGE_QUERY_PARAMETER, "")
    if request.user.is_authenticated and code in offered():
        User.objects.filter(pk=request.user.pk).update(language=code)
    return response


@login_required
@form_page
def email_preferences(request: SignedInRequest) -> HttpResponse:
    profile = request.user.profile
    form = EmailPreferencesForm(
        request.POST if request.method == "POST" else None, instance=profile
    )
    # An address nobody has confirmed gets no e-mail from us (members/mail.py): the
    # page says so, with a way to send the confirmation again, rather than let a
    # member wait for e-mails that never come.
    confirmed = has_confirmed_address(request.user)
    if form.is_bound and form.is_valid():
        # Only this field: a whole-row save could undo a notification's count.
        profile.save(update_fields=["email_frequency", "hears_of_newcomers"])
        if confirmed or profile.email_frequency == EmailFrequency.NEVER:
            messages.success(request, _SAVED[profile.email_frequency])
        else:
            messages.warning(request, _SAVED_UNCONFIRMED)
        return redirect("members:email-preferences")
    return render(
        request,
        "members/email_preferences.html",
        {"form": form, "confirmed": confirmed},
        status=400 if form.errors else 200,
    )


# Mail apps post here on their own (RFC 8058 one-click), with no session and no
# CSRF token: the signed link is the proof. A GET only shows the button, because
# mail scanners open every link in an e-mail. Never cached: the link is personal.
@csrf_exempt
@never_cache
@form_page
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    member = member_from_token(token)
    if member is None:
        return render(request, "members/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        actions.stop_emails(member)
        return redirect("members:unsubscribe", token=token)
    return render(
        request,
        "members/unsubscribe.html",
        {"stopped": member.profile.email_frequency == EmailFrequency.NEVER},
    )


@login_required
@require_safe
def privacy(request: SignedInRequest) -> HttpResponse:
    return render(request, "members/privacy.html")


@login_required
@require_POST
def export_data(request: SignedInRequest) -> HttpResponse:
    data = export_member(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="boomity-my-data-{day}.json"'
    return response


@login_required
@form_page
def erase_account(request: SignedInRequest) -> HttpResponse:
    form = EraseAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if is_ratelimited(
            request, group="boomity.erase", key="user", rate="5/15m", method="POST", increment=True
        ):
            form.add_error(
                None,
                _(
                    "That was several tries in a short time. Please wait a "
                    "quarter of an hour and try again."
                ),
            )
        elif form.is_valid():
            user = request.user
            logout(request)
            erase_member(user, remove_posts=form.cleaned_data["posts"] == "remove")
            return redirect("members:goodbye")
    return render(request, "members/erase.html", {"form": form})


@require_safe
def guidelines(request: HttpRequest) -> HttpResponse:
    allow_indexing(request)
    # Staff write them in the admin's Community settings; rendered when saved.
    return render(
        request,
        "members/guidelines.html",
        {"guidelines_html": CommunitySettings.current().local_guidelines_html},
    )


@require_safe
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "members/goodbye.html")


@login_required
@form_page
def take_a_break(request: SignedInRequest) -> HttpResponse:
    profile = request.user.profile
    form = BreakForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if request.POST.get("end") == "1":
            actions.take_a_break(request.user, None)
            messages.success(request, _("Welcome back. Notifications are on again."))
            # The banner on every page sends the page it was on: back there, if it is
            # one of ours (never another site).
            back = request.POST.get("next", "")
            if url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ) and back.startswith("/"):
                return redirect(back)
            return redirect("members:break")
        if form.is_valid():
            until = timezone.now() + timedelta(days=form.cleaned_data["days"])
            actions.take_a_break(request.user, until)
            messages.success(request, _("Your break has started. Take good care of yourself."))
            return redirect("members:break")
    return render(request, "members/break.html", {"form": form, "profile": profile})


# --- Private conversations (members/conversations.py) ---------------------------------

CRISIS_MESSAGE = _(
    "It sounds like things are really hard right now. You don't have to face this alone — "
    "you can talk to someone now:"
)
MESSAGE_SENT = _("Your message is sent. Only you and the moderators can read it.")
MESSAGE_SENT_CRISIS = _(
    "Your message is sent, and we've let the moderators know about it. Only you and the "
    "moderators can read it."
)


def _conversation_for(request: SignedInRequest, pk: int) -> tuple[Conversation, bool]:
    """The conversation, if `request.user` may read it: theirs, or their team's. Anyone
    else gets "not found", never "not allowed": nobody learns that it exists."""
    conversation = (
        Conversation.objects.filter(pk=pk)
        .annotate(
            mine=Exists(
                Participant.objects.filter(conversation=OuterRef("pk"), member=request.user)
            )
        )
        .first()
    )
    if conversation is None:
        raise Http404
    if not conversation.mine and conversation.team not in conversations.teams_of(request.user):
        raise Http404
    return conversation, conversation.mine


@login_required
@require_safe
def conversation_list(request: SignedInRequest) -> HttpResponse:
    rows = list(
        Participant.objects.filter(member=request.user)
        .select_related("conversation")
        .order_by("-conversation__last_message_at", "-conversation__pk")[:100]
    )
    names = conversations.teams()
    for row in rows:
        talk = row.conversation
        team = names.get(talk.team)
        row.with_whom = team.name if team else _("Another member")  # type: ignore[attr-defined]
        row.unread = row.read_at is None or row.read_at < talk.last_message_at  # type: ignore[attr-defined]
    return render(request, "members/conversations.html", {"rows": rows})


@login_required
@form_page
def conversation(request: SignedInRequest, pk: int) -> HttpResponse:
    talk, mine = _conversation_for(request, pk)
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not mine:
            # A team's people answer from the admin, in the team's name.
            raise Http404
        if form.is_valid():
            _message, crisis = conversations.write_as_member(
                talk, member=request.user, body=form.cleaned_data["body"]
            )
            if crisis:
                # Help first, on screen: the page opens at its top (no #anchor), the
                # kind words and the resources before anything else (base.html).
                messages.warning(request, CRISIS_MESSAGE, extra_tags="crisis")
                messages.info(request, MESSAGE_SENT_CRISIS)
            else:
                messages.success(request, MESSAGE_SENT)
            return redirect(talk)
    elif mine:
        conversations.mark_read(talk, request.user)
    team = conversations.team(talk.team)
    rows = Message.objects.filter(conversation=talk).in_order()
    if not mine:
        rows = rows.select_related("author__profile")
    return render(
        request,
        "members/conversation.html",
        {
            "conversation": talk,
            "posted": list(rows),
            "team_name": team.name if team else "",
            "mine": mine,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )
