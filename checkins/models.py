"""Self-efficacy check-ins: a few questions, every few weeks, for members who opt in.

An app of its own beside members (it knows accounts, nothing else of ours). The
tables keep the names they had when these models lived in members (db_table).

Privacy rules that every caller relies on:
- a member's answers are theirs: nobody else's page lists them, and the admin
  does not register these models (staff see only aggregates, elsewhere);
- deleting is real deletion (rows gone, not flagged);
- answers keep the wording of the question at the time, so later edits to a
  question never change what someone answered.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import fmean

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import InLanguage, Translations, in_language

SCALE_MIN, SCALE_MAX = 1, 10
DEFAULT_INTERVAL_WEEKS = 4
# "Not now" on the home page's invitation hides it for this long.
NOT_NOW = timedelta(days=7)
# A check-in whose answers average this or less (the bottom third of 1 to 10) is
# "low": the thank-you page then adds a gentle pointer to help and to the community.
# It is never recorded, and nobody else ever learns of it.
LOW_AVERAGE = SCALE_MIN + (SCALE_MAX - SCALE_MIN) / 3  # 4.0


def is_low(scores) -> bool:
    """Whether these answers (numbers from 1 to 10) are low; no answers are not."""
    scores = list(scores)
    return bool(scores) and fmean(scores) <= LOW_AVERAGE


class CheckInItemQuerySet(models.QuerySet):
    def asked(self):
        return self.filter(is_active=True).order_by("position", "pk")


class CheckInItem(models.Model):
    """One question of the check-in, rated from 1 to 10."""

    text = models.CharField(
        _("question"),
        max_length=200,
        help_text=_(
            "Members rate it from 1 (not at all confident) to 10 (totally confident). "
            "Past answers keep the wording they were given with; to ask something new, add a "
            "question and stop asking the old one."
        ),
    )
    texts = Translations(
        _("question in other languages"),
        max_length=200,
        help_text=_("Leave a language empty to ask its readers the question above."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Questions are asked from the lowest number to the highest."),
    )
    is_active = models.BooleanField(
        _("asked"),
        default=True,
        help_text=_("Untick to stop asking this question. Answers already given are kept."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = CheckInItemQuerySet.as_manager()

    # The question in the reader's language (core/vocabulary.py).
    local_text = InLanguage("text", "texts")

    class Meta:
        db_table = "members_checkinitem"
        ordering = ["position", "pk"]
        verbose_name = _("check-in question")
        verbose_name_plural = _("check-in questions")

    def __str__(self) -> str:
        return self.local_text


class CheckInSettings(models.Model):
    """The one row of check-in settings, edited by staff in the admin."""

    interval_weeks = models.PositiveSmallIntegerField(
        _("invite members every (weeks)"),
        default=DEFAULT_INTERVAL_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_(
            "How long after a member's last check-in the home page gently invites them "
            "to the next one, and one e-mail says it's ready (unless they chose no e-mails). "
            "Only members who opted in are invited."
        ),
    )

    class Meta:
        db_table = "members_checkinsettings"
        verbose_name = verbose_name_plural = _("check-in settings")

    def __str__(self) -> str:
        return str(_("Check-in settings"))

    @classmethod
    def load(cls) -> CheckInSettings:
        return cls.objects.get_or_create(pk=1)[0]


class CheckInOptInQuerySet(models.QuerySet):
    def with_timing(self):
        """Each row with `last_check_in_at` and `interval_weeks`: is_due() needs both,
        and this way the home page asks in one query."""
        last = CheckIn.objects.filter(member=OuterRef("member")).order_by("-created_at")
        weeks = CheckInSettings.objects.filter(pk=1).values("interval_weeks")[:1]
        return self.annotate(
            last_check_in_at=Subquery(last.values("created_at")[:1]),
            interval_weeks=Subquery(weeks),
        )


class CheckInOptIn(models.Model):
    """A member said yes to check-ins. No row: not invited, and not counted in any figure.

    A model of its own (not a profile field) so that saying no leaves no trace.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="checkin_opt_in",
        verbose_name=_("member"),
    )
    opted_in_at = models.DateTimeField(_("opted in at"), default=timezone.now)
    not_now_until = models.DateTimeField(_("not now until"), null=True, blank=True)
    # When we e-mailed to say a check-in is ready; cleared by the next check-in, so
    # each due check-in brings one reminder at most (checkins/mail.py).
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    # Not columns: what `with_timing()` annotates, for is_due().
    last_check_in_at: datetime | None
    interval_weeks: int | None

    objects = CheckInOptInQuerySet.as_manager()

    class Meta:
        db_table = "members_checkinoptin"
        default_permissions = ()
        verbose_name = _("check in opt in")
        verbose_name_plural = _("check in opt ins")

    def __str__(self) -> str:
        return f"check-in opt-in {self.pk}"

    def is_due(self, now: datetime | None = None) -> bool:
        """Needs the annotations of `with_timing()`."""
        now = now or timezone.now()
        if self.not_now_until and self.not_now_until > now:
            return False
        if self.last_check_in_at is None:
            return True
        weeks = self.interval_weeks or DEFAULT_INTERVAL_WEEKS
        return self.last_check_in_at + timedelta(weeks=weeks) <= now


def check_in_due(user) -> bool:
    """Should the home page invite this person to check in? One query for members."""
    if not user.is_authenticated:
        return False
    opt_in = CheckInOptIn.objects.with_timing().filter(member=user).first()
    return opt_in is not None and opt_in.is_due()


class CheckInQuerySet(models.QuerySet):
    def of(self, member):
        return self.filter(member=member)

    def with_answers(self):
        # With each answer's question (a join, no query more), for its wording in the
        # reader's language.
        return self.prefetch_related(
            models.Prefetch(
                "answers",
                queryset=CheckInAnswer.objects.select_related("item").order_by("position", "pk"),
            )
        )


class CheckIn(models.Model):
    """One time a member answered the questions. Only its member ever sees it."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        db_table = "members_checkin"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "-created_at"], name="checkin_member_recent")]
        # No add/change/view permissions to hand out: nobody but the member may see a
        # check-in. Staff get this one, which shows aggregates only.
        default_permissions = ()
        permissions = [
            (
                "view_community_figures",
                # Not marked: Django stores a permission's name in the database once,
                # in English, and shows that row.
                "Can see the community's figures: health and check-ins (groups of 10 or more)",
            ),
        ]
        verbose_name = _("check in")
        verbose_name_plural = _("check ins")

    def __str__(self) -> str:
        return f"check-in {self.pk}"

    @property
    def average(self) -> float | None:
        """The mean of this check-in's answers (uses prefetched answers)."""
        scores = [a.score for a in self.answers.all()]
        return round(fmean(scores), 1) if scores else None


class CheckInAnswer(models.Model):
    checkin = models.ForeignKey(
        CheckIn, on_delete=models.CASCADE, related_name="answers", verbose_name=_("checkin")
    )
    # Which question it answered, for figures per question; null once a question
    # is deleted. `question` keeps the wording the member saw.
    item = models.ForeignKey(
        CheckInItem,
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        verbose_name=_("item"),
    )
    question = models.CharField(_("question"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )

    class Meta:
        db_table = "members_checkinanswer"
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="checkin_answer_score_1_to_10",
            ),
        ]
        verbose_name = _("check in answer")
        verbose_name_plural = _("check in answers")

    def __str__(self) -> str:
        return f"answer {self.pk}"

    @property
    def local_question(self) -> str:
        """The question as the member saw it, in the reader's language when the question
        is still there, worded as it was then (needs `item` loaded, as `with_answers()`
        does). A question reworded since keeps the words they answered."""
        item = self.item if self.item_id is not None else None
        if item is None or item.text != self.question:
            return self.question
        return in_language(self.question, item.texts)
