from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.indexing import allow_indexing
from forums.models import Post, Thread
from members.http import SignedInRequest

from . import actions
from .forms import FlagForm
from .help import resources_for
from .models import CrisisPostBehaviour, FlagReason, ModerationSettings


@require_GET
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
        return (
            "Thank you. The moderators will look at this first. If someone is in danger "
            "right now, please also contact emergency services."
        )
    post.refresh_from_db(fields=["status"])
    if post.is_hidden:
        what = "this thread" if post.is_opening else "this post"
        return (
            f"Thank you. Several members have asked the moderators to look at {what}, so "
            "it's hidden for now, until a moderator decides."
        )
    return "Thank you. The moderators will take a look."


def _back_after_flagging(request: HttpRequest, post: Post) -> HttpResponse:
    """Back to the thread they were reading, at the post with the thank-you just above
    it — or, if the flags hid the thread's opening post (and so the thread), to its
    board: never a "not found"."""
    thread = Thread.objects.visible_to(request.user).filter(pk=post.thread_id).first()
    if thread is None:
        return redirect(post.thread.board)
    return redirect(post.notice_url)


@login_required
@require_http_methods(["GET", "POST"])
def flag_post(request: SignedInRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.visible().select_related("thread"), pk=pk)
    if not Thread.objects.visible_to(request.user).filter(pk=post.thread_id).exists():
        raise Http404
    if post.author_id == request.user.pk:
        raise Http404("You can't flag your own post; you can edit or remove it.")
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
            messages.info(request, "You've already flagged this post. The moderators have it.")
        else:
            messages.success(request, _thanks(post, form.cleaned_data["reason"]))
        return _back_after_flagging(request, post)
    return render(
        request,
        "moderation/flag.html",
        {"post": post, "form": form},
        status=200 if request.method == "GET" else 400,
    )
