"""Members in the admin: their profiles (a bio with crisis language folded), and the
moderators' page about one member — everything about them in one place, with the notes
the moderators keep on them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forums.admin import FoldedRowsMixin, FoldMedia, folded
from forums.models import Post, PostStatus, PostVersion
from forums.screening import distressing, distressing_titles
from members.admin import ProfileAdmin, member_link
from members.models import Conversation, Profile, User, profile_url

from .. import actions, folding
from ..forms import MemberNoteForm
from ..models import Flag, MemberNote, ReviewItem, Sanction
from ..screening import crisis_words

# How many rows each part of a member's page shows: the newest, with the count of all.
SHOWN = 20


class FoldedTextarea(forms.Textarea):
    """A text box inside the fold: opened only to read or change the words."""

    def __init__(self, what: str, why: list[str], attrs=None):
        super().__init__(attrs)
        self.what, self.why = what, why

    def render(self, name, value, attrs=None, renderer=None):
        return folded(self.what, self.why, super().render(name, value, attrs, renderer))


# members' own admin can't know crisis language (it lives here, above members): this one
# adds the fold to it, by the rule for any text written in the community.
admin.site.unregister(Profile)


@admin.register(Profile)
class FoldedProfileAdmin(FoldedRowsMixin, ProfileAdmin):
    """A bio with crisis language stays folded until the moderator opens it. The
    moderators' page about a member hangs off it (`member_view`)."""

    Media = FoldMedia
    list_display = ["name_linked", *ProfileAdmin.list_display[1:]]
    # The name links to the member's page; the profile's own link is the next column, so
    # no link sits inside another (axe: an empty outer link has no name).
    list_display_links = ProfileAdmin.list_display[1:2]
    list_select_related = ["user__profile"]

    def fold_reasons(self, rows: list[Profile]) -> Mapping[Any, list[str]]:
        words = crisis_words()
        return {profile.pk: folding.text_why(profile.bio, words) for profile in rows}

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and "bio" in form.base_fields and self.fold_why(obj):
            field = form.base_fields["bio"]
            field.widget = FoldedTextarea("bio", self.fold_why(obj), field.widget.attrs)
        return form

    @admin.display(description=_("display name"), ordering="display_name")
    def name_linked(self, profile: Profile) -> str:
        return member_link(profile.user)

    # --- everything about one member, for moderators ---------------------------------
    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("member/<int:user_id>/", view(self.member_view), name="moderation_member"),
            path(
                "member/<int:user_id>/notes/",
                view(self.write_note_view),
                name="moderation_member_note",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    def may_work_cases(request: HttpRequest) -> bool:
        return request.user.has_perm("moderation.work_queue")

    def member_view(self, request: HttpRequest, user_id: int) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        if not self.may_work_cases(request):
            raise PermissionDenied
        member = get_object_or_404(User.objects.select_related("profile"), pk=user_id)
        return self._render_member(request, member, MemberNoteForm())

    def write_note_view(self, request: HttpRequest, user_id: int) -> HttpResponse:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.may_work_cases(request):
            raise PermissionDenied
        member = get_object_or_404(User.objects.select_related("profile"), pk=user_id)
        form = MemberNoteForm(request.POST)
        if not form.is_valid():
            # What they wrote stays in the box, with what to change.
            return self._render_member(request, member, form, status=400)
        actions.write_member_note(member, by=request.user, text=form.cleaned_data["text"])
        messages.success(
            request,
            gettext("Note saved on %(name)s. Other moderators see it here.") % {"name": member},
        )
        return HttpResponseRedirect(reverse("admin:moderation_member", args=[member.pk]) + "#notes")

    def _render_member(
        self, request: HttpRequest, member: User, form: MemberNoteForm, status: int = 200
    ) -> HttpResponse:
        status_shown = request.GET.get("posts", "")
        if status_shown not in PostStatus.values:
            status_shown = ""
        return render(
            request,
            "admin/moderation/member.html",
            {
                **self.admin_site.each_context(request),
                **member_case(member, posts_status=status_shown),
                "title": gettext("Everything about %(name)s")
                % {"name": member.profile.display_name},
                "opts": self.model._meta,
                "member": member,
                "note_form": form,
                "public_profile": profile_url(member.profile.display_name),
                "posts_status": status_shown,
                "post_statuses": PostStatus.choices,
            },
            status=status,
        )


def member_case(member: User, *, posts_status: str = "") -> dict[str, Any]:
    """What the moderators' page shows about `member`: each part the newest SHOWN rows
    with the count of all, and the words that may distress folded. A fixed number of
    queries however much there is. Never their check-ins, e-mail address or lived
    experiences: those are theirs, not casework."""
    words = crisis_words()
    mine = Post.objects.filter(author=member)
    post_counts = mine.aggregate(
        total=Count("pk"),
        anonymous=Count("pk", filter=Q(is_anonymous=True)),
        **{status: Count("pk", filter=Q(status=status)) for status in PostStatus.values},
    )
    shown_posts = mine.filter(status=posts_status) if posts_status else mine
    posts = list(
        shown_posts.select_related("thread__board")
        .prefetch_related(
            Prefetch("versions", PostVersion.objects.select_related("replaced_by__profile"))
        )
        .order_by("-created_at")[:SHOWN]
    )

    raised = list(
        Flag.objects.filter(member=member)
        .select_related("post__thread", "post__author__profile")
        .order_by("-created_at")[:SHOWN]
    )
    received = list(
        Flag.objects.filter(post__author=member)
        .select_related("post__thread", "member__profile")
        .order_by("-created_at")[:SHOWN]
    )
    flag_counts = {
        "raised": Flag.objects.filter(member=member).count(),
        "received": Flag.objects.filter(post__author=member).aggregate(
            total=Count("pk"), open=Count("pk", filter=Q(dismissed_at__isnull=True))
        ),
    }
    items = list(
        ReviewItem.objects.filter(post__author=member)
        .select_related("post__thread", "resolved_by__profile")
        .order_by("-created_at")[:SHOWN]
    )
    item_counts = ReviewItem.objects.filter(post__author=member).aggregate(
        total=Count("pk"), open=Count("pk", filter=~Q(state="resolved"))
    )
    sanctions = list(
        Sanction.objects.filter(member=member)
        .select_related("created_by__profile")
        .order_by("-starts_at")[:SHOWN]
    )
    sanction_count = Sanction.objects.filter(member=member).count()
    notes = list(MemberNote.objects.filter(member=member).with_authors()[:SHOWN])
    with_team = Conversation.objects.of(member).filter(team=actions.TEAM)
    conversations = list(with_team[:SHOWN])
    conversation_count = with_team.count()
    note_count = MemberNote.objects.filter(member=member).count()

    # Why each post's words, and its thread's title, fold: for every post on the page at
    # once (the member's own, and the ones their flags are about).
    about = {p.pk: p for p in posts}
    about.update({f.post_id: f.post for f in raised + received})
    post_why = distressing(about.values())
    title_why = distressing_titles({p.thread_id for p in about.values()})
    item_why = {item.pk: folding.item_why(item, post_why) for item in items}
    sanction_why = folding.sanctions_why(sanctions)

    def post_row(post: Post) -> dict[str, Any]:
        excerpt = post.body[:300] + ("…" if len(post.body) > 300 else "")
        return {
            "post": post,
            "title": folded("title", title_why.get(post.thread_id, []), post.thread.title),
            "words": folded(
                "post",
                post_why.get(post.pk, []),
                format_html('<p class="post-excerpt">{}</p>', excerpt),
            ),
            "versions": [
                (version, folding.version_why(version, words, post_why.get(post.pk, [])))
                for version in post.versions.all()
            ],
        }

    def flag_row(flag: Flag) -> dict[str, Any]:
        why = post_why.get(flag.post_id, [])
        return {
            "flag": flag,
            "title": folded(
                "title", title_why.get(flag.post.thread_id, []), flag.post.thread.title
            ),
            "note": folded("note", folding.text_why(flag.note, words, why), flag.note),
        }

    return {
        "post_counts": post_counts,
        "posts": [post_row(p) for p in posts],
        "flags_raised": [flag_row(f) for f in raised],
        "flags_received": [flag_row(f) for f in received],
        "flag_counts": flag_counts,
        "review_items": [
            {
                "item": item,
                "what": folding.what_it_is(item, item_why[item.pk]),
                "reasons": folding.reasons_in_words(item.reasons),
            }
            for item in items
        ],
        "item_counts": item_counts,
        "sanctions": [
            {"sanction": s, "reason": folded("reason", sanction_why[s.pk], s.reason)}
            for s in sanctions
        ],
        "sanction_count": sanction_count,
        "notes": [
            {"note": n, "text": folded("note", folding.text_why(n.text, words), n.text)}
            for n in notes
        ],
        "note_count": note_count,
        # Only the subjects (the team's own words) here: the conversation's page holds
        # the messages, with a member's words folded when they may distress.
        "conversations": conversations,
        "conversation_count": conversation_count,
        "shown": SHOWN,
    }
