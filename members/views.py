from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import actions
from .forms import INVITATION_PROBLEMS, InvitationRanOut
from .models import Block, Notification


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


@login_required
@require_GET
def two_step_needed(request: HttpRequest) -> HttpResponse:
    """Where the admin sends someone who may use it but has no two-step sign-in yet."""
    if not request.user.is_staff:
        raise Http404
    if request.user.has_two_step_sign_in():
        return redirect("admin:index")
    return render(request, "members/two_step_needed.html")


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
