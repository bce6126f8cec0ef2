from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import actions
from .models import Block, Notification


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
