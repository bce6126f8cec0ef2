from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.forms import form_page, form_status
from core.indexing import allow_indexing
from forums.models import Post, Thread
from members.http import SignedInRequest

from . import actions
from .forms import FlagForm, SecondLookForm
from .help import resources_for
from .models import (
    CrisisPostBehaviour,
    FlagReason,
    ModerationSettings,
    Sanction,
    SanctionKind,
    SecondLook,
)


@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    allow_indexing(request)
    held = ModerationSettings.load().crisis_post_behaviour == CrisisPostBehaviour.HOLD
    return render(
        request,
        "moderation/help.html",
        {
            "resources": resources_for(request),
            "crisis_posts_held": held,
            "hours": ModerationSettings.load().moderator_hours(),
        },
    )


def _thanks(post: Post, reason: str) -> str:
    if reason == FlagReason.SAFETY:
        return _(
            "Thank you. The moderators will look at this first. If someone is in danger "
            "right now, please also contact emergency services."
        )
    post.refresh_from_db(fields=["status"])
    if post.is_hidden:
        if post.is_opening:
            return _(
                "Thank you. Several members have asked the moderators to look at this "
                "thread, so it's hidden for now, until a moderator decides."
            )
        return _(
            "Thank you. Several members have asked the moderators to look at this post, so "
            "it's hidden for now, until a moderator decides."
        )
    return _("Thank you. The moderators will take a look.")


def _back_after_flagging(request: HttpRequest, post: Post) -> HttpResponse:
    """Back to the thread they were reading, at the post with the thank-you just above
    it — or, if the flags hid the thread's opening post (and so the thread), to its
    board: never a "not found"."""
    thread = Thread.objects.visible_to(request.user).filter(pk=post.thread_id).first()
    if thread is None:
        return redirect(post.thread.board)
    return redirect(post.notice_url)


@login_required
@form_page
def flag_post(request: SignedInRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible().select_related("thread"), pk=pk)
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404
    if post.author_id == request.user.pk:
        raise Http404(_("You can't flag your own post; you can edit or remove it."))
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.flag_post(
                post=post,
                member=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except actions.AlreadyFlagged:
            messages.info(request, _("You've already flagged this post. The moderators have it."))
        else:
            messages.success(request, _thanks(post, form.cleaned_data["reason"]))
        return _back_after_flagging(request, post)
    return render(
        request,
        "moderation/flag.html",
        {"post": post, "form": form},
        status=form_status(request),
    )


# --- A second look at a sanction -----------------------------------------------------------
# A silenced member is signed in: their page is at the sanction's number. A suspended
# member can't sign in, so the page they see when they try (members/suspended.html)
# links to a signed address that stands for their sanction alone (`second_look_token`).

SECOND_LOOK_SALT = "moderation.second-look"
SECOND_LOOK_LINK_DAYS = 30


def second_look_token(sanction: Sanction) -> str:
    return signing.dumps(sanction.pk, salt=SECOND_LOOK_SALT)


@login_required
@form_page
def second_look(request: SignedInRequest, pk: int) -> HttpResponse:
    sanction = get_object_or_404(
        Sanction.objects.exclude(kind=SanctionKind.WARNING), pk=pk, member=request.user
    )
    return _second_look_page(request, sanction)


@form_page
def second_look_signed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pk = signing.loads(token, salt=SECOND_LOOK_SALT, max_age=SECOND_LOOK_LINK_DAYS * 86400)
    except signing.BadSignature:
        raise Http404(_("This link doesn't work any more.")) from None
    # Only a suspension: anyone else can sign in and ask from their own page.
    sanction = get_object_or_404(Sanction, kind=SanctionKind.SUSPENSION, pk=pk)
    return _second_look_page(request, sanction)


def _second_look_page(request: HttpRequest, sanction: Sanction) -> HttpResponse:
    asked = SecondLook.objects.filter(sanction=sanction).first()
    may_ask = asked is None and actions.may_ask_second_look(sanction)
    form = SecondLookForm(request.POST if request.method == "POST" and may_ask else None)
    if request.method == "POST":
        if not may_ask:
            messages.info(
                request,
                _(
                    "You've already asked for a second look at this decision, so we haven't "
                    "sent it again. What the moderator decides is shown below."
                ),
            )
            return redirect(request.path)
        if form.is_valid():
            try:
                actions.ask_second_look(sanction, text=form.cleaned_data["text"])
            except actions.SecondLookRefused as refused:
                messages.info(request, str(refused))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. A different moderator will look again and let you know "
                        "what they decide, here and in your notifications."
                    ),
                )
            return redirect(request.path)
    return render(
        request,
        "moderation/second_look.html",
        {"sanction": sanction, "asked": asked, "may_ask": may_ask, "form": form},
        status=400 if request.method == "POST" else 200,
    )
