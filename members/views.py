from datetime import timedelta

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from . import actions
from .forms import BreakForm, EraseAccountForm
from .models import Block, Notification
from .privacy import erase_member, export_member


@login_required
@require_GET
def notifications(request: HttpRequest) -> HttpResponse:
    items = list(Notification.objects.for_member(request.user)[:100])
    unread = {n.pk for n in items if n.read_at is None}
    if unread:
        actions.mark_notifications_read(request.user)
        request.user.profile.unread_notifications = 0  # the header is drawn after this
    return render(request, "members/notifications.html",
                  {"notifications": items, "unread": unread})


@login_required
@require_GET
def blocked_members(request: HttpRequest) -> HttpResponse:
    blocks = Block.objects.filter(blocker=request.user).select_related("blocked__profile")
    return render(request, "members/blocked.html", {"blocks": blocks})


@login_required
@require_POST
def unblock(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Block, pk=pk, blocker=request.user)
    actions.unblock(request.user, item.blocked)
    messages.success(request, f"You unblocked {item.blocked.profile.display_name}.")
    return redirect("members:blocked")


@login_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "members/privacy.html")


@login_required
@require_POST
def export_data(request: HttpRequest) -> HttpResponse:
    data = export_member(request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="boomity-my-data-{day}.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erase_account(request: HttpRequest) -> HttpResponse:
    form = EraseAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if is_ratelimited(request, group="boomity.erase", key="user", rate="5/15m",
                          method="POST", increment=True):
            form.add_error(None, "That was several tries in a short time. Please wait a "
                                 "quarter of an hour and try again.")
        elif form.is_valid():
            user = request.user
            logout(request)
            erase_member(user, remove_posts=form.cleaned_data["posts"] == "remove")
            return redirect("members:goodbye")
    return render(request, "members/erase.html", {"form": form})


@require_GET
def goodbye(request: HttpRequest) -> HttpResponse:
    return render(request, "members/goodbye.html")


@login_required
@require_http_methods(["GET", "POST"])
def take_a_break(request: HttpRequest) -> HttpResponse:
    profile = request.user.profile
    form = BreakForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if request.POST.get("end") == "1":
            actions.take_a_break(request.user, None)
            messages.success(request, "Welcome back. Notifications are on again.")
            return redirect("members:break")
        if form.is_valid():
            until = timezone.now() + timedelta(days=form.cleaned_data["days"])
            actions.take_a_break(request.user, until)
            messages.success(request, "Your break has started. Take good care of yourself.")
            return redirect("members:break")
    return render(request, "members/break.html", {"form": form, "profile": profile})
