from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from itertools import groupby
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import EmptyPage, InvalidPage, PageNotAnInteger, Paginator
from django.db.models import CharField, Q, Value
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe
from django_stubs_ext import StrOrPromise

from checkins.models import check_in_due
from core import addresses, paging
from core.forms import READING, form_page, form_status, what_they_wrote
from core.indexing import allow_indexing
from core.markup import markdown_to_text, quote_markdown
from core.queries import BIGGEST_ID, Columns, Compiled
from core.vocabulary import in_reading_order
from members.actions import block as block_member
from members.http import SignedInRequest
from members.models import (
    Profile,
    blocked_ids,
    experiences_shown_by,
    has_blocked,
    members_sharing,
    shown_experiences,
    stand_in_member,
)
from members.views import CRISIS_MESSAGE

from . import actions, once
from . import search as search_
from .forms import (
    DraftForm,
    EditPostForm,
    MuteWordForm,
    ReplyForm,
    SearchForm,
    ThreadForm,
    writer_of,
)
from .limits import over_limit
from .models import (
    Board,
    ContentWarning,
    Draft,
    Mute,
    MuteKind,
    Mutes,
    Post,
    PostStatus,
    Reaction,
    ReactionKind,
    ReadState,
    SavedPost,
    Thread,
    ThreadQuerySet,
    Topic,
    WarningMute,
    boards_with_latest,
    follows,
    list_rows,
    moment_label,
    own_threads_waiting,
    posts_on_page,
    save_draft,
    topics_of,
    warning_words,
)
from .screening import at_risk, crisis_in, held_as_new, turned_away


# Shown at once to someone whose post has crisis language; base.html adds the
# crisis resources that fit them under it.
def crisis_message() -> str:
    """The words above the crisis help (members' own, one text for every page), in the
    language of the page being made."""
    return str(CRISIS_MESSAGE)


RECENT_POSTS = 10
HELD_MESSAGE = _(
    "Thank you for posting. A moderator will look at your post before others can see it — "
    "only you can see it for now."
)
# After crisis language, under the help: what became of their post, and that the
# moderators know (the screeners opened an urgent review item).
CRISIS_SHOWN = _(
    "Your post is up: other members can see it now, so they can support you. We've let "
    "the moderators know about it too."
)
CRISIS_HELD = _(
    "Your post is saved, and only you can see it for now: a moderator will read it before "
    "other members can. We've let the moderators know about it."
)
ALREADY_POSTED = _("That was already posted — here it is.")
STILL_POSTING = _("That's being posted right now. It will show here in a moment.")
WORDS_BACK = _(
    "Welcome back. Your words are in the box below, just as you left them. Nothing is "
    "posted until you press the button."
)
# What a signed-out POST leaves in the session for its form, {path: {field: value}}.
KEPT_WORDS = "forums.kept_words"
KEPT_FIELDS = ("title", "body", "content_warning", "anonymous")
KEPT_FORMS = 5
KEPT_SECONDS = 60 * 60


class _TurnedAway:
    """Why words can't be posted: said to the moderators and, kindly, to the author.

    Words with crisis language are never simply refused: a new thread or reply is
    kept, unpublished, for the author and the moderators (an urgent item); an edit
    isn't saved, but its words reach the moderators, and the author keeps them.
    """

    def __init__(self, reason: StrOrPromise, kept: StrOrPromise, edit: StrOrPromise):
        self.reason, self.kept, self.edit = reason, kept, edit


PAUSED = _TurnedAway(
    _("Written while the author can't post (paused): kept for the moderators, not published"),
    _(
        "Your posting is paused, so this isn't shown to other members. It's kept here for "
        "you, and the moderators will read it — only you and they can see it."
    ),
    _(
        "Your posting is paused, so this change isn't saved. Your words are below to keep, "
        "and the moderators will read them."
    ),
)
LOCKED = _TurnedAway(
    _("Written in a locked thread: kept for the moderators, not published"),
    _(
        "This thread is locked, so your reply isn't shown to other members. It's kept here "
        "for you, and the moderators will read it — only you and they can see it."
    ),
    _(
        "This thread is locked, so its posts can't be changed. Your words are below to keep, "
        "and the moderators will read them."
    ),
)


class _SignInToRead(Exception):
    pass


def _get_board_for(request: HttpRequest, slug: str) -> Board:
    row = _BOARD_CALLED.rows(slug)
    if not row:
        raise Http404("No such board.")
    board = _BOARD.instance(row[0])
    if not board.is_readable_by(request.user):
        raise _SignInToRead
    return board


def _get_thread_for(request: HttpRequest, pk: int) -> Thread:
    # A visitor asking for any thread outside public boards is sent to sign in,
    # whether or not it exists, so the answer reveals nothing. A thread whose
    # opening post waits for review exists only for its author.
    if not request.user.is_authenticated:
        row = _PUBLIC_THREAD.rows(pk) if pk <= BIGGEST_ID else []
        if not row:
            raise _SignInToRead
    else:
        row = _THREAD_FOR_MEMBER.rows(request.user.pk, pk) if pk <= BIGGEST_ID else []
        if not row:
            raise Http404("No such thread.")
    return _THREAD.instance(row[0])


# Each board and thread page reads its board or thread first, with what
# select_related("group") or ("board__group") reads: built once per process
# (core.queries), with the same rules (Thread.objects.visible_to) as every other read.
_BOARD = Columns(Board, "group")
_BOARD_CALLED = Compiled(lambda slug: Board.objects.filter(slug=slug).values_list(*_BOARD.names))
_THREAD = Columns(Thread, "board", "board__group")
_THREAD_FOR_MEMBER = Compiled(
    lambda viewer, pk: (
        Thread.objects.visible_to(stand_in_member(viewer)).filter(pk=pk).values_list(*_THREAD.names)
    )
)
_PUBLIC_THREAD = Compiled(
    lambda pk: (
        Thread.objects.visible_to(AnonymousUser())
        .in_boards_readable_by(AnonymousUser())
        .filter(pk=pk)
        .values_list(*_THREAD.names)
    )
)


def _get_own_post(request: HttpRequest, pk: int) -> Post:
    # Someone else's post is "not found", never "forbidden".
    return get_object_or_404(
        Post.objects.select_related("thread__board"),
        pk=pk,
        author=request.user,
        status__in=[PostStatus.VISIBLE, PostStatus.PENDING],
    )


def _cannot_post(request: SignedInRequest, context: dict) -> HttpResponse | None:
    """A silenced or suspended member is told plainly, and keeps what they wrote —
    with the crisis help first if their words have crisis language."""
    profile = request.user.profile
    if profile.can_post:
        return None
    if _in_crisis(request, context["board"], context.get("thread")):
        messages.warning(request, crisis_message(), extra_tags="crisis")
    return render(request, "forums/cannot_post.html", {**context, "profile": profile}, status=403)


def _in_crisis(request: HttpRequest, board: Board, thread: Thread | None = None) -> bool:
    """Whether the words just sent have crisis language (nothing is saved). In a
    thread, words quoted from others' posts in it aren't the author's."""
    return request.method == "POST" and crisis_in(
        author=request.user,
        board=board,
        title=request.POST.get("title"),
        body=request.POST.get("body", ""),
        thread=thread,
    )


def _turned_away(request: SignedInRequest, thread: Thread | None = None) -> _TurnedAway | None:
    if not request.user.profile.can_post:
        return PAUSED
    if thread is not None and thread.is_locked:
        return LOCKED
    return None


def _kept_for_moderators(request: HttpRequest, post: Post, why: _TurnedAway) -> HttpResponse:
    """Help first, then what happened to their words, on the page that shows them."""
    request.new_post = post  # type: ignore[attr-defined]  # for posted_once
    messages.warning(request, crisis_message(), extra_tags="crisis")
    messages.info(request, why.kept)
    return redirect(_help_first_url(post))


def _limited(request: HttpRequest, action: str, board: Board, thread: Thread | None = None) -> bool:
    """Over the posting limit — unless the text may come from someone in crisis."""
    if not over_limit(request, action):
        return False
    return not _in_crisis(request, board, thread)


def _tell_author(
    request: HttpRequest, post: Post, done: StrOrPromise, *, to: str | None = None
) -> HttpResponse:
    """Say what became of their post, and take them to it.

    After crisis language the help must be the first thing on screen, so they land
    on the top of the page their post is on, never on its #anchor: browsers jump to
    an anchor after the page has loaded (with or without JavaScript), thousands of
    pixels past the help on a phone. The help links on to the post (`?post=` names
    it for thread_detail).
    """
    request.new_post = post  # type: ignore[attr-defined]  # for posted_once
    if post.screening.crisis:
        messages.warning(request, crisis_message(), extra_tags="crisis")
        messages.info(request, CRISIS_HELD if post.is_pending else CRISIS_SHOWN)
        return redirect(_help_first_url(post))
    if post.is_pending:
        messages.info(request, HELD_MESSAGE)
    else:
        messages.success(request, done)
    return redirect(to or post.get_absolute_url())


def _help_first_url(post: Post) -> str:
    """The top of the page `post` is on, never its #anchor (see _tell_author)."""
    query = {"page": post.page} if post.page > 1 else {}
    query["post"] = post.number
    return f"{post.thread.get_absolute_url()}?{urlencode(query)}"


def _mark_unread(user, threads: list[Thread]) -> list[Thread]:
    """Give each thread (of forums.models.list_rows, which says how far the reader read)
    `.unread`: None (all read, or a visitor), "new" (never opened) or how many posts are
    new, and `.unread_url`, the first of them."""
    for thread in threads:
        thread.unread, thread.unread_url = None, ""
        if not user.is_authenticated or thread.last_post is None:
            continue
        last_seen = thread.read_to
        if last_seen is None:
            thread.unread = "new"
        elif thread.last_post.number > last_seen:
            # Counted by number: a post hidden in between may make it one too many.
            thread.unread = thread.last_post.number - last_seen
            thread.unread_url = thread.url_of(last_seen + 1)
    return threads


SAVED = "saved"  # in _my_reactions' sets: the member saved this post


_REACTED_OR_SAVED = Compiled(
    lambda member_id, post_ids: (
        Reaction.objects.filter(member_id=member_id, post_id__in=post_ids)
        .values_list("post_id", "kind")
        .union(
            SavedPost.objects.filter(member_id=member_id, post_id__in=post_ids).values_list(
                "post_id", Value(SAVED, output_field=CharField())
            ),
            all=True,
        )
    )
)


def _my_reactions(user, posts: list[Post]) -> dict[int, set[str]]:
    """This member's reactions to these posts, and SAVED for the ones they saved: one
    query for both (a UNION), so saving adds nothing to a thread page's count; built
    once per process (core.queries), as every thread page asks it."""
    if not user.is_authenticated or not posts:
        return {}
    mine: dict[int, set[str]] = {}
    rows = _REACTED_OR_SAVED.rows(user.pk, [post.pk for post in posts])
    for post_id, kind in rows:
        mine.setdefault(post_id, set()).add(kind)
    return mine


def _paginate(request: HttpRequest, items, per_page: int):
    try:
        return Paginator(items, per_page).page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page.") from None


def _paginate_rows(request: HttpRequest, threads: ThreadQuerySet, **shown: bool):
    """A numbered page of a thread list, ready for {% thread_rows %}: the page's threads
    are picked among `threads` by id alone, and only those 25 are then read with their
    people, latest post and board. Picking and joining at once joined every candidate
    before sorting them: for Needs a reply, 1,265 threads joined six times to show 25
    (18 ms of SQL against 2 ms)."""
    page = _paginate(
        request, threads.values_list("pk", flat=True), settings.BOOMITY_THREADS_PER_PAGE
    )
    page.object_list = list_rows(request.user, list(page.object_list), **shown)
    return page


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404("No such page.")
    return int(raw)


DRAFT_SAVED = _("Your draft is saved. Only you can see it, and it's here when you come back.")
DRAFT_EMPTY = _("There was nothing written yet, so there's no draft to keep.")
DRAFT_PAUSED = _(
    "We didn't save your draft just now, because it was saved many times in a short while. "
    "Your text is still here. Please try again in a minute."
)


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _keep_draft(
    request: SignedInRequest,
    render_again: Callable[[dict, str, int], HttpResponse],
    *,
    thread: Thread | None = None,
    board: Board | None = None,
    back_to: str,
) -> HttpResponse:
    """A "Save draft" press (or the page's script, every few seconds while typing): keep
    the words, and what they chose, as this member's draft. Never screened, never posted.
    Too long, or saved too often, and `render_again` shows the form as they left it, with
    a kind note (and none of the form's own checks: a draft may be half-written)."""
    wanted = DraftForm(request.POST)
    # "quietly": the page's last save as it is left (a beacon, which can't ask for JSON).
    # Nobody reads the answer, so no "Draft saved" note waits for them on the next page.
    json_ = _wants_json(request) or "quietly" in request.POST
    note: StrOrPromise
    if not wanted.is_valid():
        note, status = wanted.error_text(), 400
    # Counted after the checks: a refused save costs nothing. The script waits between
    # saves; this only stops something that saves far more often than it would.
    elif over_limit(request, "draft"):
        note, status = DRAFT_PAUSED, 429
    else:
        kept = wanted.cleaned_data
        draft = save_draft(
            member=request.user,
            thread=thread,
            board=board,
            title=kept["title"],
            body=kept["body"],
            # No box on the form (the board stopped allowing it): keep their choice.
            anonymous=kept["anonymous"] if _draft_board(board, thread).allow_anonymous else None,
            content_warning=kept["content_warning"],
            topic_ids=kept["topics"],
        )
        if json_:
            return JsonResponse({"saved": True})
        messages.success(request, DRAFT_SAVED if draft else DRAFT_EMPTY)
        return redirect(back_to)
    if json_:
        return JsonResponse({"saved": False, "message": note}, status=status)
    return render_again(_as_chosen(request), str(note), status)


def _draft_board(board: Board | None, thread: Thread | None) -> Board:
    if board is not None:
        return board
    assert thread is not None  # a draft belongs to a board or a thread
    return thread.board


def _as_chosen(request: HttpRequest) -> dict:
    """The form's fields as the member left them, for an unbound form's initial values
    (nothing checked, so nothing is shown as an error)."""
    sent = request.POST
    return {
        "title": sent.get("title", ""),
        "body": sent.get("body", ""),
        "content_warning": sent.get("content_warning", ""),
        "topics": [pk for pk in sent.getlist("topics") if pk.isdigit()],
        "anonymous": bool(sent.get("anonymous")),
    }


def _preview(
    request: SignedInRequest,
    form,
    template: str,
    context: dict,
    *,
    board: Board,
    thread: Thread | None = None,
    post: Post | None = None,
) -> HttpResponse:
    """The post as it will be saved (replaced words too), above the form with every word
    still in it. Nothing is saved, refused, held or posted, and no crisis help is shown
    for it: that comes when they post (see actions.preview)."""
    if not form.is_valid():
        return render(request, template, context, status=400)
    has_title = "title" in form.fields
    title, html = actions.preview(
        author=post.author if post is not None else request.user,
        board=board,
        title=form.cleaned_data["title"] if has_title else None,
        body=form.cleaned_data["body"],
        thread=thread,
        post=post,
    )
    context["preview_html"] = html
    context["preview_title"] = title
    return render(request, template, context)


def sign_in_to_read(view):
    """Turn _SignInToRead into the sign-in page, coming back here afterwards."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _SignInToRead:
            return redirect_to_login(request.get_full_path())

    return wrapped


def signed_in_to_post(view):
    """For the views that post words (a new thread, a reply, an edit), instead of
    login_required.

    A visitor who opens the form is sent to sign in, as login_required does. But a
    POST from someone signed out (their sign-in ended while they wrote, or the cookie
    went) is never just redirected: the words would be lost. They're told nothing was
    posted yet and shown their words — the crisis help first if the words have crisis
    language — and the words wait in this browser's session: signing in keeps the
    session's data (Django's login cycles its key), and the form's next GET gives them
    back once (`_kept_words`). Nothing is saved and nobody is alerted: anyone could
    send such a request. The urgent item comes when they post, signed in.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method != "POST":
            return redirect_to_login(request.get_full_path())
        return _signed_out_while_writing(request)

    # Where a form's words are written: a page that failed its safety check may send
    # the person back here after signing in (boomity.views.csrf_failure).
    wrapped.writes_words = True  # type: ignore[attr-defined]
    return wrapped


def _signed_out_while_writing(request: HttpRequest) -> HttpResponse:
    words = {name: request.POST[name] for name in KEPT_FIELDS if request.POST.get(name, "").strip()}
    # Kept only for the member the form was shown to (its signed token): on a shared
    # computer, the next person to sign in never finds someone else's words. Without
    # a good token the words are only shown back here, to copy.
    writer = writer_of(request)
    if words and writer is not None:
        kept = {
            path: kept_words
            for path, kept_words in request.session.get(KEPT_WORDS, {}).items()
            if path != request.path
        }
        kept[request.path] = {**words, "_at": int(time.time()), "_writer": writer}
        request.session[KEPT_WORDS] = dict(list(kept.items())[-KEPT_FORMS:])
    title, body = request.POST.get("title", "").strip(), request.POST.get("body", "").strip()
    if crisis_in(author=None, board=None, title=title, body=body):
        messages.warning(request, crisis_message(), extra_tags="crisis")
    submitted = what_they_wrote(request)
    sign_in = f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': request.path})}"
    return render(
        request,
        "forums/signed_out.html",
        {"submitted": submitted, "sign_in_url": sign_in, "kept": bool(words and writer)},
        status=403,
    )


def forget_others_words(sender, request: HttpRequest, user, **kwargs) -> None:
    """On signing in (a user_logged_in receiver, see apps.py): words another member left
    in this browser's session while signed out go, unread. Signing in keeps the
    session's data, so without this the next person would carry them."""
    session = getattr(request, "session", None)
    if session is None or KEPT_WORDS not in session:
        return
    theirs = {
        path: words
        for path, words in session[KEPT_WORDS].items()
        if words.get("_writer") == user.pk
    }
    if theirs:
        session[KEPT_WORDS] = theirs
    else:
        del session[KEPT_WORDS]


def _kept_words(request: HttpRequest) -> dict[str, Any]:
    """What a signed-out POST to this form left (see signed_in_to_post), as the form's
    initial data: given back once, on the form's first GET after signing in."""
    if request.method != "GET" or KEPT_WORDS not in request.session:
        return {}
    kept = request.session[KEPT_WORDS]
    words = kept.pop(request.path, None)
    if kept:
        request.session[KEPT_WORDS] = kept
    else:
        del request.session[KEPT_WORDS]
    if words is None:
        return {}
    # Kept for an hour, and for the member who wrote them only: on a shared computer,
    # the next person to sign in there never finds them in their box (they're gone).
    if time.time() - words.pop("_at", 0) > KEPT_SECONDS:
        return {}
    if words.pop("_writer", None) != request.user.pk:
        return {}
    messages.info(request, WORDS_BACK)
    if crisis_in(
        author=request.user, board=None, title=words.get("title"), body=words.get("body", "")
    ):
        # The help they saw when signed out stays with them, at the top of the form.
        messages.warning(request, crisis_message(), extra_tags="crisis")
    return {**words, "anonymous": bool(words.get("anonymous"))}


def _draft_notes(draft: Draft | None, kept: dict[str, Any]) -> dict[str, str]:
    """What the form says about a saved draft. Words kept from a signed-out post go in
    the box; a different draft isn't silently replaced: it stays saved, and they're
    told where it is (posting still removes it, as any post does)."""
    if draft is None:
        return {"draft_saved": "", "draft_set_aside": ""}
    differs = kept and any(
        kept.get(name, "").strip() != (draft.initial().get(name) or "").strip()
        for name in ("title", "body")
        if name in kept
    )
    if differs:
        return {"draft_saved": "", "draft_set_aside": draft.saved_label}
    return {"draft_saved": draft.saved_label, "draft_set_aside": ""}


def posted_once(landing: Callable[..., str], same_place: Callable[..., Q]):
    """A posting form sent twice (a double tap, or Back then Post again) posts once: the
    second time takes the member to the post already made.

    Two checks: the form's one-time token (forums/once.py), and — because a browser
    going Back may fetch the form again with a fresh token while keeping the typed
    words — the same words from the same member in the same place (`same_place(
    **view_kwargs)`, the posts there) within the last few minutes. The view says what it posted by
    setting `request.new_post` (_tell_author, _kept_for_moderators).
    `landing(**view_kwargs)` is where to go if the first is still being posted."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and request.user.is_authenticated:
                twin = _same_words_lately(request, same_place(**kwargs))
                if twin is not None:
                    return _already_posted(request, twin)
            token = once.sent_token(request)
            if token is None:
                return view(request, *args, **kwargs)
            member = request.user
            earlier = once.claim(member, token)
            if isinstance(earlier, once.StillPosting):
                messages.info(request, STILL_POSTING)
                return redirect(landing(**kwargs))
            if earlier is not None:
                post = _own_post_or_none(request, earlier)
                if post is not None:
                    return _already_posted(request, post)
                once.reclaim(member, token)  # they removed it since: this posts anew
            try:
                response = view(request, *args, **kwargs)
            except BaseException:
                once.release(member, token)
                raise
            if (post := getattr(request, "new_post", None)) is not None:
                once.record(member, token, post.pk)
            else:
                once.release(member, token)
            return response

        return wrapped

    return decorate


def _same_words_lately(request: SignedInRequest, here: Q) -> Post | None:
    """The member's latest post `here` (a place: a thread's replies, a board's threads),
    made in the last few minutes, if it has exactly the words (and title) this POST
    carries: one small query, on their recent posts only (every reply pays it), and
    the post itself only when it is the same. Drafts and previews are not posts, and
    are never stopped."""
    if "save_draft" in request.POST or "preview" in request.POST:
        return None
    body = request.POST.get("body", "").strip().replace("\r\n", "\n")
    if not body:
        return None
    since = timezone.now() - timedelta(seconds=once.SAME_WORDS_SECONDS)
    # Only their latest post there: "Thank you" said again after other words is new.
    latest = (
        Post.objects.filter(
            here,
            author=request.user,
            created_at__gte=since,
            status__in=[PostStatus.VISIBLE, PostStatus.PENDING],
        )
        .order_by("-created_at")
        .values_list("pk", "number", "body", "thread__title")
        .first()
    )
    if latest is None:
        return None
    pk, number, latest_body, latest_title = latest
    if latest_body.strip().replace("\r\n", "\n") != body:
        return None
    title = request.POST.get("title", "").strip()
    if number == 1 and title and latest_title != title:
        return None
    return _own_post_or_none(request, pk)


def _own_post_or_none(request: SignedInRequest, pk: int) -> Post | None:
    return (
        Post.objects.select_related("thread__board")
        .filter(pk=pk, author=request.user, status__in=[PostStatus.VISIBLE, PostStatus.PENDING])
        .first()
    )


def _already_posted(request: HttpRequest, post: Post) -> HttpResponse:
    """The same form again: their post, not a second copy — with the help first if
    the words have crisis language, as after the first time."""
    messages.info(request, ALREADY_POSTED)
    if _in_crisis(request, post.thread.board, None if post.is_opening else post.thread):
        messages.warning(request, crisis_message(), extra_tags="crisis")
        return redirect(_help_first_url(post))
    return redirect(post.notice_url)  # the notice just above their post, where they land


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # Read once, and used for all three: what the lists leave out, what they fold.
    mutes = Mutes.of(request.user)
    boards = boards_with_latest(request.user, mutes)
    board_url = addresses.maker("forums:board-detail")
    post_url = addresses.maker("forums:post-permalink")
    for board in boards:
        board.url = board_url(board.slug)
        # The latest thread's title is contents: for members, and for visitors on a
        # public board only; never one the reader blocked or muted (boards_with_latest).
        latest = board.last_post
        shown = latest is not None and not board.last_thread_hidden
        shown = shown and (board.is_public or request.user.is_authenticated)
        board.latest = latest.thread if shown and latest else None
        board.latest_url = post_url(latest.pk) if shown and latest else ""
    # A latest title with a word they muted is folded, as on Latest (muted places are
    # already left out by boards_with_latest).
    mutes.fold_rows(board.latest for board in boards if board.latest)
    groups = [(group, list(items)) for group, items in groupby(boards, key=lambda b: b.group)]
    waiting, waiting_muted = (
        Thread.objects.awaiting_reply_counts(request.user, mutes=mutes)
        if request.user.is_authenticated
        else (0, 0)
    )
    allow_indexing(request)
    return render(
        request,
        "forums/home.html",
        {
            "groups": groups,
            "waiting": waiting,
            "waiting_muted": waiting_muted,
            "checkin_due": check_in_due(request.user),
        },
    )


def _waiting_in_muted(user) -> bool:
    """Whether threads wait for a reply in what `user` muted: asked only when none wait
    elsewhere, so that an empty list says they are left out rather than that none wait."""
    if not user.is_authenticated:
        return False
    return Thread.objects.awaiting_reply_from(user, unmuted=False).exists()


@require_safe
@sign_in_to_read
def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = _get_board_for(request, slug)
    mutes = Mutes.of(request.user)
    threads = (
        Thread.objects.in_board(board)
        .listed_for(request.user)
        .unblocked_for(request.user)
        .unmuted_for(request.user, places=False, mutes=mutes)
    )
    my_experiences = _my_shared_experiences(request.user)
    shared = bool(my_experiences) and request.GET.get("shared") == "1"
    if shared:
        threads = threads.started_by_any(
            members_sharing(my_experiences, viewer=request.user)
        ).exclude(author_id=request.user.pk)
    topic = None
    if request.GET.get("topic"):
        topic = get_object_or_404(Topic, slug=request.GET["topic"])
        threads = threads.about(topic)
    # The filters every link to another page of the board keeps.
    keep = {"topic": topic.slug} if topic else {}
    if shared:
        keep["shared"] = "1"
    # Pinned threads come first on the newest page, and on no other.
    page = _newest_first(request, threads, board.get_absolute_url(), keep, first="is_pinned")
    if isinstance(page, HttpResponse):
        return page
    _mark_unread(request.user, page.rows)
    mutes.fold_rows(page.rows)
    following = follows(request.user, board)
    # A page filtered by topic repeats the board's own page: only that one is indexed.
    allow_indexing(request, board.is_public and topic is None)
    return render(
        request,
        "forums/board_detail.html",
        {
            "board": board,
            "page": page,
            "pages": page.links(board.get_absolute_url(), keep),
            "following": following,
            "muted": board.pk in mutes.board_ids,
            "offer_shared": bool(my_experiences),
            "shared": shared,
            "topic": topic,
            "topics": Topic.objects.in_reading_order(),
        },
    )


def _newest_first(
    request: HttpRequest,
    threads: ThreadQuerySet,
    url: str,
    keep: dict[str, str] | None = None,
    *,
    first: str | None = None,
    with_board: bool = False,
) -> paging.Page | HttpResponse:
    """The page of `threads` (newest activity first) the request asks for, each row ready
    for forums/templatetags/thread_rows.py — or a redirect: an old `?page=` link goes to where its
    threads start today, and a cursor that isn't one of ours to the newest page (a member
    following a broken link expects the list, not an error page)."""
    listing = paging.NewestFirst(
        "last_post_at",
        settings.BOOMITY_THREADS_PER_PAGE,
        first=first,
        read=lambda ids: list_rows(request.user, ids, with_board=with_board),
    )
    try:
        place = paging.Place.of(request.GET)
    except paging.BadCursor:
        return redirect(paging.address(url, keep))
    if place.page is not None:
        cursor = listing.cursor_for_page(threads, place.page)
        return redirect(paging.address(url, keep, **({"before": cursor} if cursor else {})))
    return listing.page(threads, place)


def _my_shared_experiences(user) -> list[int]:
    """The experiences this member shows others: the board's "share my experiences"
    filter is offered to those who show some themselves, and matches only those (one
    they keep to themselves never finds anyone)."""
    return experiences_shown_by(user)


@require_safe
@sign_in_to_read
def thread_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    thread = _get_thread_for(request, pk)
    page = _page_number(request)
    if slug != thread.slug:
        return redirect(thread.page_url(page), permanent=True)
    if page > thread.page_count:
        # An old link to a page that has gone (posts removed, or a number typed): the
        # thread's last page, where its newest posts are, not a dead end.
        return redirect(thread.page_url(thread.page_count))
    posts = [post for post in posts_on_page(thread, page) if post.shown_to(request.user)]
    # The members this reader blocked: their posts are collapsed for them alone.
    blocked = blocked_ids(request.user)
    # What they muted: posts with a muted word fold for them alone (never their own).
    mutes = Mutes.of(request.user)
    _attach_experiences(posts, request.user)
    mine = _my_reactions(request.user, posts)
    can_post = request.user.is_authenticated and request.user.profile.can_post
    for post in posts:
        post.reaction_list = post.reaction_counts(mine.get(post.pk, set()))
        post.muted_word = mutes.hides_post(post)
        post.warning_closed = post.author_id != request.user.pk and mutes.warning_kept_closed(
            post.content_warning or thread.content_warning
        )
        post.saved = SAVED in mine.get(post.pk, ())
        post.can_react = (
            can_post
            and post.author_id != request.user.pk
            and (post.is_anonymous or post.author_id not in blocked)
        )
    first_unread = None
    if request.user.is_authenticated and posts:
        known = ReadState.objects.last_read_in(request.user, thread)
        if known is not None and posts[0].number <= known + 1:
            # Their own posts are never news to them: after replying, the divider (if
            # any) comes before the first post someone else wrote since.
            first_unread = next(
                (p.number for p in posts if p.number > known and p.author_id != request.user.pk),
                None,
            )
        # Read when the page is read: a HEAD (a link checker, a preview fetcher) reads
        # nothing, so it moves no read mark.
        if request.method == "GET":
            ReadState.objects.mark(request.user, thread, posts[-1].number, known)
    following = follows(request.user, thread)
    reply_form, draft_saved, anonymity_lost = None, "", False
    if request.user.is_authenticated and not thread.is_locked and page == thread.page_count:
        # Their draft comes back in the box, from whichever device they wrote it on.
        # Asked here, on the last page only, rather than with the thread.
        initial = {}
        draft = Draft.objects.filter(member=request.user, thread=thread).first()
        if draft is not None and draft.body:
            initial = {
                "body": draft.body,
                "content_warning": draft.content_warning,
                "anonymous": draft.anonymous,
            }
            draft_saved = moment_label(draft.saved_at)
            anonymity_lost = draft.anonymous and not thread.board.allow_anonymous
        reply_form = ReplyForm(thread=thread, author=request.user, initial=initial)
    allow_indexing(request, thread.board.is_public)
    return render(
        request,
        "forums/thread_detail.html",
        {
            "thread": thread,
            "board": thread.board,
            "posts": posts,
            "page": page,
            "pages": thread.page_links(page),
            "reply_form": reply_form,
            "draft_saved": draft_saved,
            "anonymity_lost": anonymity_lost,
            "blocked": blocked,
            "first_unread": first_unread,
            "following": following,
            "topics": topics_of(thread),
            "muted": thread.pk in mutes.thread_ids,
            "mutes": mutes,
            "can_post": can_post,
            "your_post": _named_post(request, posts),
            "notice_at": _notice_at(request, posts),
            "first_posts_held": bool(reply_form and can_post) and held_as_new(request.user),
            "struggling": _struggling(request, posts, blocked) if reply_form and can_post else 0,
        },
    )


def _struggling(request: HttpRequest, posts: list[Post], blocked: set[int]) -> int:
    """How many posts on this page are by someone who may be at risk now (the
    moderators have an urgent crisis item for them): the reply box then says how to
    respond. Only published posts, never the reader's own (they get the crisis help
    instead), nor one by a member they blocked (collapsed for them). One query."""
    others = [
        post
        for post in posts
        if post.is_visible
        and post.author_id != request.user.pk
        and (post.is_anonymous or post.author_id not in blocked)
    ]
    return len(at_risk(others))


def _named_post(request: HttpRequest, posts: list[Post]) -> Post | None:
    """The post of theirs that `?post=<number>` names on this page, if any: the crisis
    help at the top of the page links on to it (see _tell_author)."""
    number = request.GET.get("post", "")
    if not number.isdigit() or not request.user.is_authenticated:
        return None
    return next(
        (p for p in posts if p.number == int(number) and p.author_id == request.user.pk), None
    )


def _notice_at(request: HttpRequest, posts: list[Post]) -> int | None:
    """The number of the post on this page that `?notice=<number>` names: the page's
    notices are shown just above it, where the reader is (see Post.notice_url)."""
    number = request.GET.get("notice", "")
    if not number.isdigit():
        return None
    shown = (
        p
        for p in posts
        if p.number == int(number) and (not p.is_pending or p.author_id == request.user.pk)
    )
    return next((p.number for p in shown), None)


def _attach_experiences(posts: list[Post], viewer) -> None:
    """Give each post `.author_experiences`: what its author shows `viewer` (see
    members.models.shown_experiences: nothing for a visitor). Never for an anonymous post."""
    shared = shown_experiences(
        {p.author_id for p in posts if p.author_profile is not None}, viewer=viewer
    )
    for post in posts:
        post.author_experiences = (
            shared.get(post.author_id, []) if post.author_id and post.author_profile else []
        )


@login_required
@require_safe
def member_profile(request: SignedInRequest, name: str) -> HttpResponse:
    """A member's page: what they chose to share, and their recent posts under their
    own name. Members only; the same for moderators (their tools are in the admin)."""
    profile = (
        Profile.objects.select_related("user").with_name(name).filter(user__is_active=True).first()
    )
    if profile is None:
        # The same words whether nobody had the name or its member has left.
        return render(
            request,
            "404.html",
            {
                # Never the name asked for: the address is anyone's to write.
                "message": _(
                    "We couldn't find that member. They may have changed their "
                    "display name, or left the community."
                )
            },
            status=404,
        )
    if profile.display_name != name:
        return redirect(profile, permanent=True)
    # Only the blocker's view changes: the blocked member sees the profile as before.
    apart = has_blocked(request.user, profile.user_id)
    own = profile.user_id == request.user.pk
    posts: list[Post] = []
    experiences: list = []
    resting = profile.on_break and not own  # a break hides what they've been doing lately
    if not apart:
        if not resting:
            listed = Post.objects.on_profile_of(profile.user, own=own)
            if not own:  # their own writing stays on their own page, muted or not
                listed = listed.unmuted_for(request.user)
            posts = list(listed.select_related("thread").order_by("-created_at")[:RECENT_POSTS])
            # Titles with a word the viewer muted fold, as on every thread list.
            Mutes.of(request.user).fold_rows(post.thread for post in posts)
        if own:
            # All of one's own, each marked when it is kept to oneself.
            experiences = []
            for item in profile.experience_items.select_related("tag"):
                item.tag.kept = not item.is_shown
                experiences.append(item.tag)
            experiences = in_reading_order(experiences)
        else:
            experiences = shown_experiences([profile.user_id], viewer=request.user).get(
                profile.user_id, []
            )
    return render(
        request,
        "forums/member_profile.html",
        {
            "profile": profile,
            "posts": posts,
            "experiences": experiences,
            "own": own,
            "apart": apart,
            "resting": resting,
        },
    )


@require_safe
def latest(request: HttpRequest) -> HttpResponse:
    """Recent activity across every board this person may read (and, for their author,
    threads waiting for a moderator)."""
    mutes = Mutes.of(request.user)
    threads = (
        Thread.objects.listed_in_readable_boards_for(request.user)
        .unblocked_for(request.user)
        .unmuted_for(request.user, mutes=mutes)
    )
    url = reverse("forums:latest")
    page = _newest_first(request, threads, url, with_board=True)
    if isinstance(page, HttpResponse):
        return page
    _mark_unread(request.user, page.rows)
    mutes.fold_rows(page.rows)
    return render(request, "forums/latest.html", {"page": page, "pages": page.links(url)})


@login_required
@require_safe
def needs_reply(request: SignedInRequest) -> HttpResponse:
    """Threads nobody else has answered yet, oldest first: nobody should be left
    without a reply. Never the member's own threads: this list is for answering others."""
    mutes = Mutes.of(request.user)
    threads = Thread.objects.awaiting_reply_from(request.user, mutes=mutes).order_by(
        "created_at", "pk"
    )
    page = _paginate_rows(request, threads, with_board=True, with_read=False)
    mutes.fold_rows(page.object_list)
    # Their own threads that wait too: said apart, so that an empty list never reads
    # as "every thread has had a reply" while theirs hasn't. One a moderator hasn't read
    # yet waits for the moderator, not for a reply: nobody else can see it.
    mine = own_threads_waiting(request.user)
    context = {
        "page": page,
        "mine": [t for t in mine if t.is_visible],
        "mine_held": [t for t in mine if not t.is_visible],
        "waiting_muted": not page.object_list and _waiting_in_muted(request.user),
    }
    return render(request, "forums/needs_reply.html", context)


WELCOME_WAITING = 3


@login_required
@require_safe
def welcome(request: SignedInRequest) -> HttpResponse:
    """Getting started: where a new member lands after joining, and can come back to.
    A few threads waiting for a first reply from someone (never their own), the
    board for saying hello if staff keep one, and whether a moderator reads their
    first posts before others do — so a held post never comes as a surprise."""
    waiting = list_rows(
        request.user,
        list(
            Thread.objects.awaiting_reply_from(request.user)
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)[:WELCOME_WAITING]
        ),
        with_board=True,
        with_read=False,
    )
    introductions = Board.objects.filter(slug=settings.BOOMITY_INTRODUCTIONS_BOARD).first()
    Mutes.of(request.user).fold_rows(waiting)
    return render(
        request,
        "forums/welcome.html",
        {
            "waiting": waiting,
            "waiting_muted": not waiting and _waiting_in_muted(request.user),
            "introductions": introductions,
            "first_posts_held": held_as_new(request.user),
        },
    )


@require_safe
def topic_list(request: HttpRequest) -> HttpResponse:
    """The topics staff keep, each with how many threads this person can read."""
    topics = Topic.objects.with_thread_counts(request.user).in_reading_order()
    return render(request, "forums/topic_list.html", {"topics": topics})


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Threads with this topic across every board this person may read, latest first
    (and, for their author, threads waiting for a moderator, marked so)."""
    topic = get_object_or_404(Topic, slug=slug)
    threads = (
        Thread.objects.listed_in_readable_boards_for(request.user)
        .unblocked_for(request.user)
        .about(topic)
        .order_by("-last_post_at", "-pk")
    )
    page = _paginate_rows(request, threads, with_board=True)
    _mark_unread(request.user, page.object_list)
    mutes = Mutes.of(request.user)
    mutes.fold_rows(page.object_list)
    return render(
        request,
        "forums/topic_detail.html",
        {"topic": topic, "page": page, "muted": topic.pk in mutes.topic_ids},
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Posts with these words that this person may see; see forums/search.py."""
    # The first visit (no words asked yet) shows the form without complaint.
    form = SearchForm(request.GET if "q" in request.GET else None, user=request.user)
    page = None
    if form.is_valid():
        data = form.cleaned_data
        wanted = search_.Search(
            data["q"], board=data["board"], topic=data["topic"], author=data["author"]
        )
        try:
            page = search_.find(request.user, wanted, _page_number(request))
        except InvalidPage:
            raise Http404("No such page.") from None
        mutes = Mutes.of(request.user)
        for post in page.object_list:
            post.muted_word = mutes.hides_post(post) or (
                post.author_id != request.user.pk and mutes.mentions_word(post.thread.title)
            )
    return render(
        request,
        "forums/search.html",
        {"form": form, "page": page, "max_results": search_.MAX_RESULTS},
        status=400 if form.errors else 200,
    )


@require_safe
@sign_in_to_read
def post_permalink(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post.objects.only("thread_id", "number", "status", "author_id"), pk=pk)
    if not post.shown_to(request.user):
        raise Http404  # a held post leaves no trace but for its author
    thread = _get_thread_for(request, post.thread_id)
    return redirect(f"{thread.page_url(post.page)}#{post.anchor}")


@signed_in_to_post
@form_page
@posted_once(
    landing=lambda slug: reverse("forums:board-detail", args=[slug]),
    same_place=lambda slug: Q(number=1, thread__board__slug=slug),
)
@sign_in_to_read
def thread_new(request: SignedInRequest, slug: str) -> HttpResponse:
    board = _get_board_for(request, slug)
    draft = None
    if request.method in READING:
        draft = Draft.objects.of(request.user).for_new_thread(board).first()
    initial = draft.initial() if draft else {}
    kept = _kept_words(request)
    initial.update(kept)  # words sent while signed out are the newest
    form = ThreadForm(request.POST or None, board=board, author=request.user, initial=initial)
    context = {
        "board": board,
        "form": form,
        **_draft_notes(draft, kept),
        "anonymity_lost": bool(draft and draft.anonymity_lost(board)),
    }
    # A draft or a preview is the author's alone: never screened, counted or posted.
    if "save_draft" in request.POST:

        def again(chosen: dict, note: str, status: int) -> HttpResponse:
            form = ThreadForm(board=board, author=request.user, initial=chosen)
            context.update(form=form, draft_problem=note, anonymity_lost=False)
            return render(request, "forums/thread_new.html", context, status=status)

        return _keep_draft(request, again, board=board, back_to=request.path)
    if "preview" in request.POST:
        return _preview(request, form, "forums/thread_new.html", context, board=board)
    why = _turned_away(request)
    if why and form.is_valid() and _in_crisis(request, board):
        post = actions.start_thread(
            board=board,
            author=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            content_warning=form.cleaned_data["content_warning"],
            anonymous=form.cleaned_data.get("anonymous", False),
            topics=form.cleaned_data["topics"],
            held_because=str(why.reason),
        )
        return _kept_for_moderators(request, post, why)
    if refusal := _cannot_post(request, context):
        return refusal
    if request.method == "POST" and form.is_valid():
        # Counted only once the post is ready to go: a form error costs nothing.
        if _limited(request, "thread", board):
            return render(
                request, "forums/thread_new.html", {**context, "limited": True}, status=429
            )
        try:
            post = actions.start_thread(
                board=board,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                content_warning=form.cleaned_data["content_warning"],
                anonymous=form.cleaned_data.get("anonymous", False),
                topics=form.cleaned_data["topics"],
            )
        except actions.PostRefused as refused:
            form.add_error(None, refused.message)
        else:
            return _tell_author(
                request,
                post,
                _("Your thread is posted. Thank you for sharing."),
                to=post.thread.get_absolute_url(),
            )
    context["first_posts_held"] = held_as_new(request.user)
    return render(request, "forums/thread_new.html", context, status=form_status(request))


@signed_in_to_post
@form_page
@posted_once(
    landing=lambda pk: reverse("forums:thread-detail-short", args=[pk]),
    same_place=lambda pk: Q(thread_id=pk, number__gt=1),
)
def thread_reply(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _get_thread_for(request, pk)
    initial = {}
    draft = None
    if request.method in READING:
        draft = Draft.objects.of(request.user).for_reply(thread).first()
        if draft:
            initial.update(draft.initial())
    quote_id = request.GET.get("quote", "")
    if request.method in READING and quote_id.isdigit():
        quoted = (
            Post.objects.visible().with_authors().filter(pk=int(quote_id), thread=thread).first()
        )
        # A member doesn't quote someone they blocked; the blocked member quotes as
        # before (the quote never reaches the blocker as a notification).
        if quoted is not None and (
            quoted.is_anonymous or not has_blocked(request.user, quoted.author_id)
        ):
            quote = quote_markdown(quoted.body, quoted.author_name, quoted.get_absolute_url())
            # Quoting into a reply they'd started: the quote goes after their words.
            initial["body"] = f"{initial['body'].rstrip()}\n\n{quote}" if draft else quote
            # Words behind a warning stay behind it when quoted: the reply takes the
            # quoted post's warning, unless the writer already chose one (the thread's
            # own warning covers every reply anyway).
            warning = quoted.content_warning
            if warning and warning != thread.content_warning and not initial.get("content_warning"):
                initial["content_warning"] = warning
    kept = _kept_words(request)
    initial.update(kept)  # words sent while signed out are the newest
    form = ReplyForm(request.POST or None, thread=thread, author=request.user, initial=initial)
    context = {
        "thread": thread,
        "board": thread.board,
        "form": form,
        **_draft_notes(draft, kept),
        "anonymity_lost": bool(draft and draft.anonymity_lost(thread.board)),
    }
    if "save_draft" in request.POST:

        def again(chosen: dict, note: str, status: int) -> HttpResponse:
            form = ReplyForm(thread=thread, author=request.user, initial=chosen)
            context.update(form=form, draft_problem=note, anonymity_lost=False)
            return render(request, "forums/thread_reply.html", context, status=status)

        back_to = reverse("forums:thread-reply", args=[thread.pk])
        return _keep_draft(request, again, thread=thread, back_to=back_to)
    if "preview" in request.POST:
        return _preview(
            request, form, "forums/thread_reply.html", context, board=thread.board, thread=thread
        )
    if (why := _turned_away(request, thread)) and _in_crisis(request, thread.board, thread):
        words = ReplyForm(request.POST, thread=thread, author=request.user, for_moderators=True)
        if words.is_valid():
            return _kept_for_moderators(request, _keep_reply(request, thread, words, why), why)
    if refusal := _cannot_post(request, context):
        return refusal
    if request.method == "POST" and form.is_valid():
        if _limited(request, "reply", thread.board, thread):
            return render(
                request, "forums/thread_reply.html", {**context, "limited": True}, status=429
            )
        try:
            post = actions.post_reply(
                thread=thread,
                author=request.user,
                body=form.cleaned_data["body"],
                content_warning=form.cleaned_data["content_warning"],
                anonymous=form.cleaned_data.get("anonymous", False),
            )
        except actions.ThreadLocked:
            thread.is_locked = True
            if _in_crisis(request, thread.board, thread):  # locked as they wrote: kept all the same
                return _kept_for_moderators(
                    request, _keep_reply(request, thread, form, LOCKED), LOCKED
                )
            form.is_valid()  # re-run clean() so the locked message shows beside the text
        except actions.PostRefused as refused:
            form.add_error(None, refused.message)
        else:
            return _tell_author(request, post, _("Your reply is posted."))
    context["first_posts_held"] = held_as_new(request.user)
    return render(
        request,
        "forums/thread_reply.html",
        context,
        status=form_status(request),
    )


def _keep_reply(request: HttpRequest, thread: Thread, form: ReplyForm, why: _TurnedAway) -> Post:
    return actions.post_reply(
        thread=thread,
        author=request.user,
        body=form.cleaned_data["body"],
        content_warning=form.cleaned_data["content_warning"],
        anonymous=form.cleaned_data.get("anonymous", False),
        held_because=str(why.reason),
    )


@signed_in_to_post
@form_page
def post_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    post = _get_own_post(request, pk)
    thread = post.thread
    if "preview" in request.POST:  # the author's alone: nothing saved, refused or held
        form = EditPostForm(request.POST, post=post)
        context = {"post": post, "thread": thread, "board": thread.board, "form": form}
        return _preview(
            request,
            form,
            "forums/post_edit.html",
            context,
            board=thread.board,
            thread=thread,
            post=post,
        )
    if (why := _turned_away(request, thread)) and _in_crisis(request, thread.board, thread):
        return _edit_turned_away(request, post, why)
    if thread.is_locked:
        messages.info(
            request,
            _(
                "This thread is locked, so its posts can't be edited. You can still remove "
                "your post if you want to."
            ),
        )
        return redirect(post.get_absolute_url())
    initial: dict[str, Any] = {
        "body": post.body,
        "title": thread.title,
        "content_warning": thread.content_warning if post.is_opening else post.content_warning,
    }
    if post.is_opening:
        initial["topics"] = list(thread.topics.all())
    initial.update(_kept_words(request))
    form = EditPostForm(request.POST or None, post=post, initial=initial)
    context = {"post": post, "thread": thread, "board": thread.board, "form": form}
    if refusal := _cannot_post(request, context):
        return refusal
    if request.method == "POST" and form.is_valid():
        try:
            post = actions.edit_post(
                post=post,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title"),
                content_warning=form.cleaned_data["content_warning"],
                topics=form.cleaned_data.get("topics"),
            )
        except actions.PostRefused as refused:
            form.add_error(None, refused.message)
        else:
            return _tell_author(request, post, _("Your changes are saved."))
    return render(request, "forums/post_edit.html", context, status=form_status(request))


def _edit_turned_away(request: SignedInRequest, post: Post, why: _TurnedAway) -> HttpResponse:
    """An edit with crisis language that can't be saved: help first, the words kept on
    the page, and the moderators get them in an urgent item."""
    thread = post.thread
    turned_away(
        post=post,
        title=request.POST.get("title"),
        body=request.POST.get("body", ""),
        because=str(why.reason),
    )
    messages.warning(request, crisis_message(), extra_tags="crisis")
    messages.info(request, why.edit)
    form = EditPostForm(request.POST, post=post)
    form.is_valid()
    context = {"post": post, "thread": thread, "board": thread.board, "form": form}
    if why is PAUSED:
        context["profile"] = request.user.profile
        return render(request, "forums/cannot_post.html", context, status=403)
    return render(request, "forums/post_edit.html", {**context, "locked": True}, status=403)


@login_required
@form_page
def post_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    post = _get_own_post(request, pk)
    if request.method == "POST":
        actions.remove_post(post=post)
        messages.success(request, _("Your post is removed. Its place in the thread stays."))
        return redirect(post.get_absolute_url())
    return render(
        request,
        "forums/post_delete.html",
        {"post": post, "thread": post.thread, "board": post.thread.board},
    )


# What a reaction's button says back, to a screen reader and (without the script) on the page.
REACTION_SAVED = _("Reaction saved")
REACTION_REMOVED = _("Reaction removed")
# The same, as a sentence in the notice above the post (without the script).
REACTION_SAVED_NOTICE = _("Reaction saved.")
REACTION_REMOVED_NOTICE = _("Reaction removed.")


@login_required
@require_POST
def react(request: SignedInRequest, pk: int) -> HttpResponse:
    """Toggle one supportive reaction. A form POST without JS; JSON for our script."""
    post = get_object_or_404(Post.objects.visible().select_related("thread"), pk=pk)
    _get_thread_for(request, post.thread_id)  # may they see it at all?
    kind = request.POST.get("kind", "")
    if (
        kind not in ReactionKind.values
        or post.author_id == request.user.pk
        or (not post.is_anonymous and has_blocked(request.user, post.author_id))
    ):
        raise Http404
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    if not request.user.profile.can_post or over_limit(request, "react"):
        if wants_json:
            return JsonResponse(
                {"error": _("Reactions are paused for you right now.")},
                status=429 if request.user.profile.can_post else 403,
            )
        messages.info(request, _("Reactions are paused for you right now. Please try again later."))
        return redirect(post.get_absolute_url())
    active, count = actions.toggle_reaction(post=post, member=request.user, kind=kind)
    said = REACTION_SAVED if active else REACTION_REMOVED
    if wants_json:
        return JsonResponse({"active": active, "count": count, "message": said})
    # Back to the same post, the notice just above it (read out as a status), so the
    # next Tab goes on into the post and its reactions.
    messages.success(request, REACTION_SAVED_NOTICE if active else REACTION_REMOVED_NOTICE)
    return redirect(post.notice_url)


# What following something brings, and its end: the words of the confirmation.
_FOLLOWING = {
    Thread: (
        _("You're following this thread: new replies will show in your notifications."),
        _("You've stopped following this thread."),
    ),
    Board: (
        _("You're following this board: new threads will show in your notifications."),
        _("You've stopped following this board."),
    ),
}


def _follow(request: HttpRequest, target: Thread | Board) -> HttpResponse:
    following, stopped = _FOLLOWING[type(target)]
    if actions.toggle_follow(member=request.user, target=target):
        messages.success(request, following)
    else:
        messages.success(request, stopped)
    return redirect(target)


@login_required
@require_POST
@sign_in_to_read
def follow_thread(request: SignedInRequest, pk: int) -> HttpResponse:
    return _follow(request, _get_thread_for(request, pk))


@login_required
@require_POST
@sign_in_to_read
def follow_board(request: SignedInRequest, slug: str) -> HttpResponse:
    return _follow(request, _get_board_for(request, slug))


@login_required
@require_POST
def block_author(request: SignedInRequest, pk: int) -> HttpResponse:
    """Block the member who wrote this post. Never for anonymous posts: that would
    let someone learn who wrote them."""
    post = get_object_or_404(
        Post.objects.select_related("thread", "author__profile"),
        pk=pk,
        is_anonymous=False,
        author__isnull=False,
    )
    _get_thread_for(request, post.thread_id)  # may they see it at all?
    if post.author_id == request.user.pk:
        raise Http404("You can't block yourself.")
    block_member(request.user, post.author)
    messages.success(
        request,
        _(
            "You blocked %(name)s. You won't see their posts unless you "
            "open them, nor their threads or name in lists, and you won't hear from them. They "
            "aren't told. You can undo this from your blocked members list."
        )
        % {"name": post.author_name},
    )
    # Told just above the post, where they are, not at the top of a long page.
    return redirect(post.notice_url)


@login_required
@require_POST
def save_post(request: SignedInRequest, pk: int) -> HttpResponse:
    """Save a post to come back to, or take the save back. A form POST without JS;
    JSON for our script. Only a post they can read can be saved; a save can always
    be taken back, whatever became of the post."""
    post = get_object_or_404(Post.objects.select_related("thread"), pk=pk)
    deleted, _count = SavedPost.objects.filter(member=request.user, post=post).delete()
    if not deleted:
        if not post.is_visible:
            raise Http404
        _get_thread_for(request, post.thread_id)  # may they read it at all?
        SavedPost.objects.get_or_create(member=request.user, post=post)
    saved = not deleted
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"saved": saved})
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        messages.success(request, _("Taken out of your saved posts.") if deleted else _("Saved."))
        return redirect(back)
    if saved:
        messages.success(request, _("Saved. You'll find it in your saved posts."))
    else:
        messages.success(request, _("Taken out of your saved posts."))
    return redirect(post.notice_url)  # told just above the post, where they are


SAVED_PER_PAGE = 50


@login_required
@require_safe
def saved_posts(request: SignedInRequest) -> HttpResponse:
    """The posts this member saved, newest save first. Theirs alone: see SavedPost.
    A post they can't read any more stays listed (so nothing vanishes without a word),
    saying why, with what it may still show and a way to take it off the list."""
    saves = (
        SavedPost.objects.filter(member=request.user)
        .select_related("post__thread__board", "post__author__profile")
        .order_by("-saved_at", "-pk")
    )
    page = _paginate(request, saves, SAVED_PER_PAGE)
    page.object_list = list(page.object_list)
    blocked = blocked_ids(request.user) if page.object_list else set()
    mutes = Mutes.of(request.user) if page.object_list else Mutes()
    for save in page.object_list:
        post, thread = save.post, save.post.thread
        mine = post.author_id == request.user.pk
        save.thread_open = thread.is_visible or thread.author_id == request.user.pk
        save.readable = save.thread_open and (post.is_visible or (post.is_pending and mine))
        save.by_blocked = not post.is_anonymous and post.author_id in blocked
        # A few of its words, so saved posts can be told apart: plain text, and only
        # where the thread page would show them open (no warning, no muted word, no block).
        save.warning = post.content_warning or thread.content_warning
        save.muted = mutes.hides_post(post)
        thread.folded = mutes.folds_row(thread)  # its title, as in every list
        if save.readable and not (save.by_blocked or save.muted or (save.warning and not mine)):
            save.excerpt = markdown_to_text(post.body)
    return render(request, "forums/saved_posts.html", {"page": page})


DRAFTS_PER_PAGE = 50


@login_required
@require_safe
def drafts(request: SignedInRequest) -> HttpResponse:
    """The member's own drafts, newest first. Nobody else's, ever: see Draft."""
    page = _paginate(request, Draft.objects.of(request.user).for_list(), DRAFTS_PER_PAGE)
    page.object_list = list(page.object_list)
    for draft in page.object_list:
        draft.open = draft.is_open_to(request.user)
    return render(request, "forums/drafts.html", {"page": page})


@login_required
@form_page
def draft_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    """Asks first, with the words shown to copy: a mis-tap on a phone mustn't lose them."""
    # Someone else's draft is "not found", whoever asks.
    draft = get_object_or_404(Draft.objects.of(request.user), pk=pk)
    if request.method in READING:
        return render(request, "forums/draft_delete.html", {"draft": draft})
    draft.delete()
    messages.success(request, _("Your draft is deleted."))
    return redirect("forums:drafts")


# --- Mutes: private to the member, made from the thing itself, undone on one page ---------

# Muting something, and its end: the words of the confirmation, each a whole.
_MUTED = {
    Board: (
        _(
            "You've muted this board. Its threads won't show in Latest or Needs a reply, and "
            "you won't get notifications about new threads in it. You can undo this on the "
            "page “What you've muted” in your account."
        ),
        _("This board isn't muted any more."),
    ),
    Topic: (
        _(
            "You've muted this topic. Threads with it won't show in Latest or Needs a reply, "
            "and you won't get notifications about them. You can undo this on the page "
            "“What you've muted” in your account."
        ),
        _("This topic isn't muted any more."),
    ),
    Thread: (
        _(
            "You've muted this thread. It won't show in Latest, and you won't get "
            "notifications about it. You can still open it whenever you like. You can undo "
            "this on the page “What you've muted” in your account."
        ),
        _("This thread isn't muted any more."),
    ),
}


def _mute(request: HttpRequest, target: Board | Topic | Thread) -> HttpResponse:
    muted, unmuted = _MUTED[type(target)]
    if actions.toggle_mute(member=request.user, target=target):
        messages.success(request, muted)
    else:
        messages.success(request, unmuted)
    return redirect(target)


@login_required
@require_POST
@sign_in_to_read
def mute_board(request: SignedInRequest, slug: str) -> HttpResponse:
    return _mute(request, _get_board_for(request, slug))


@login_required
@require_POST
def mute_topic(request: SignedInRequest, slug: str) -> HttpResponse:
    return _mute(request, get_object_or_404(Topic, slug=slug))


@login_required
@require_POST
@sign_in_to_read
def mute_thread(request: SignedInRequest, pk: int) -> HttpResponse:
    return _mute(request, _get_thread_for(request, pk))


def _warning_labels() -> list[str]:
    return list(ContentWarning.objects.values_list("label", flat=True))


@login_required
@require_POST
def mute_warning(request: SignedInRequest) -> HttpResponse:
    """Keep posts with one kind of content warning closed, or leave its threads out of
    lists, or neither: from a thread's warning, or from the mutes page."""
    label = request.POST.get("label", "")
    mode = request.POST.get("mode", "")
    if label not in _warning_labels() or mode not in {"", *WarningMute.values}:
        raise Http404("No such content warning.")
    actions.mute_warning(member=request.user, label=label, mode=mode)
    if mode == WarningMute.COLLAPSED:
        said = _(
            "Posts with the warning “%(label)s” will stay closed for you, and their threads "
            "are folded in lists. You can open each one when you feel ready. You can undo "
            "this on the page “What you've muted” in your account."
        )
    elif mode == WarningMute.LEFT_OUT:
        said = _(
            "Threads with the warning “%(label)s” are left out of Latest, Needs a reply and "
            "board pages for you. You can undo this on the page “What you've muted” in your "
            "account."
        )
    else:
        said = _(
            "The warning “%(label)s” works as before for you: posts with it open when you choose."
        )
    messages.success(request, said % {"label": warning_words(label)})
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("forums:mutes")


@login_required
@form_page
def mutes(request: SignedInRequest) -> HttpResponse:
    """What you've muted: words typed here; warnings, boards, topics and threads listed to
    undo. POST adds a word or phrase. Nobody else's mutes, ever."""
    form = MuteWordForm(request.POST if request.method == "POST" else None, member=request.user)
    if request.method == "POST" and form.is_valid():
        actions.mute_phrase(member=request.user, phrase=form.cleaned_data["phrase"])
        messages.success(
            request,
            _(
                "Muted. Posts and thread titles with it are folded for you now; you can open "
                "any of them when you choose."
            ),
        )
        return redirect("forums:mutes")
    rows = list(
        Mute.objects.of(request.user)
        .select_related("board", "topic", "thread__board")
        .order_by("kind", "phrase", "pk")
    )
    modes = {m.phrase: m.warning_mode for m in rows if m.kind == MuteKind.WARNING}
    return render(
        request,
        "forums/mutes.html",
        {
            "form": form,
            "words": sorted(
                (m for m in rows if m.kind == MuteKind.WORD), key=lambda m: m.phrase.lower()
            ),
            "warnings": [(label, modes.get(label, "")) for label in _warning_labels()],
            "places": [m for m in rows if m.kind in (MuteKind.BOARD, MuteKind.TOPIC)],
            "threads": [m for m in rows if m.kind == MuteKind.THREAD],
            "modes": WarningMute.choices,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def mute_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    # Someone else's mute is "not found", whoever asks.
    mute = get_object_or_404(Mute.objects.of(request.user), pk=pk)
    mute.delete()
    messages.success(request, _("Removed. That's no longer muted for you."))
    return redirect("forums:mutes")
