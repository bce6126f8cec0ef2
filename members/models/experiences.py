"""Lived experiences: the vocabulary staff keep, and who shows which to whom."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.models import NaturalKeyManager, TagBase, TaggedItemBase

from core.queries import Columns, Compiled
from core.vocabulary import InLanguage, Translations, in_reading_order

from .accounts import stand_in_member
from .blocks import blocked_by

if TYPE_CHECKING:
    from .profiles import Profile


class ExperienceQuerySet(models.QuerySet["Experience"]):
    def offered_to(self, profile: Profile | None = None):
        """What a member may choose: the official experiences, and any they already have."""
        offered = models.Q(is_official=True)
        if profile is not None and profile.pk:
            offered |= models.Q(member_items__content_object=profile)
        return self.filter(offered).distinct().order_by("name")

    def in_reading_order(self) -> list[Experience]:
        """Alphabetical by the name the reader sees, in their language."""
        return in_reading_order(self)

    def resolve(self, slug: str) -> tuple[Experience | None, bool]:
        """(experience, whether `slug` is its own) — a merged name's slug lands on
        the experience it was merged into."""
        if not slug:
            return None, False
        experience = self.filter(slug=slug).first()
        if experience is not None:
            return experience, True
        synonym = ExperienceSynonym.objects.select_related("experience").filter(slug=slug).first()
        return (synonym.experience, False) if synonym else (None, False)


class Experience(TagBase):
    """A lived experience from the vocabulary staff keep. Members choose from it,
    never type their own: the words are chosen with care, once, by the team."""

    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("One kind, plain sentence members see beside the name."),
    )
    names = Translations(
        _("name in other languages"),
        max_length=100,
        help_text=_("Leave a language empty to show the name above to its readers."),
    )
    descriptions = Translations(
        _("description in other languages"),
        max_length=200,
        help_text=_("Leave a language empty to show the description above to its readers."),
    )
    is_official = models.BooleanField(
        _("official"),
        default=True,
        help_text=_(
            "Official experiences are the ones members can choose on their profile. "
            "Untick to retire one without deleting it: members who chose it keep it."
        ),
    )

    objects = NaturalKeyManager.from_queryset(ExperienceQuerySet)()

    # The words in the reader's language (core/vocabulary.py); the slug never changes.
    local_name = InLanguage("name", "names")
    local_description = InLanguage("description", "descriptions")

    class Meta:
        ordering = ["name"]
        verbose_name = _("lived experience")
        verbose_name_plural = _("lived experiences")

    def __str__(self) -> str:
        return self.local_name

    def clean(self) -> None:
        # A name that is already a synonym would make the same words mean two things.
        if self.name and ExperienceSynonym.objects.filter(name__iexact=self.name).exists():
            raise ValidationError(
                {
                    "name": _(
                        "That name is a synonym of another experience. Edit that "
                        "experience instead, or remove the synonym first."
                    )
                }
            )

    def get_directory_url(self) -> str:
        return f"{reverse('members:directory')}?{urlencode({'experience': self.slug})}"


class ExperienceSynonym(models.Model):
    """Another name for an experience, kept when staff merge one into another, so
    links and filters that use the old name still land on the kept one."""

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="synonyms", verbose_name=_("experience")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, allow_unicode=True, editable=False
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("experience synonym")
        verbose_name_plural = _("experience synonyms")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.slug = slugify(self.name, allow_unicode=True)
        if Experience.objects.filter(
            models.Q(name__iexact=self.name) | models.Q(slug=self.slug)
        ).exists():
            raise ValidationError({"name": _("An experience already has that name.")})


def shows_experiences(path_to_item: str = "") -> models.Q:
    """Which chosen experiences may be counted, matched or shown at all: those their
    member chose to show other members, one by one. `path_to_item` leads from the model
    being filtered to a MemberExperience (e.g. "author__profile__experience_items__");
    filter on it in the same `.filter()` as the experience it is about, so both conditions
    stay on the same row. Who may *see* them is decided by `MemberExperienceQuerySet.shown_to`."""
    return models.Q(**{f"{path_to_item}is_shown": True})


def may_see_experiences(viewer) -> bool:
    """ "Other members" means signed-in members: a visitor — on a public board, in
    search, anywhere — never sees anyone's lived experiences."""
    return viewer is not None and viewer.is_authenticated


class MemberExperienceQuerySet(models.QuerySet):
    def shown(self):
        """Only experiences their member chose to show other members."""
        return self.filter(shows_experiences(), content_object__user__is_active=True)

    def shown_to(self, viewer):
        """The one rule for which experiences `viewer` may see or match: those their
        member shows other members, to a signed-in viewer only, and never those of a
        member the viewer blocked (a block hides all of that person from the blocker)."""
        if not may_see_experiences(viewer):
            return self.none()
        return self.shown().exclude(content_object__user_id__in=blocked_by(viewer))


class MemberExperience(TaggedItemBase):
    """One member has chosen one experience (taggit's through model, on our tag)."""

    tag = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="member_items", verbose_name=_("tag")
    )
    content_object = models.ForeignKey(
        "Profile",
        on_delete=models.CASCADE,
        related_name="experience_items",
        verbose_name=_("content object"),
    )
    # Each experience on its own: a member may show one and keep another to themselves.
    # Kept unless they say otherwise.
    is_shown = models.BooleanField(
        _("shown to other members"),
        default=False,
        help_text=_(
            "Shown to signed-in members on the profile, beside the member's name and "
            "in the members list. Visitors never see it."
        ),
    )

    objects = NaturalKeyManager.from_queryset(MemberExperienceQuerySet)()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="experience_once"),
        ]
        verbose_name = _("member experience")
        verbose_name_plural = _("member experiences")

    def __str__(self) -> str:
        return f"experience {self.tag_id} of profile {self.content_object_id}"


def shown_experiences(user_ids, *, viewer) -> dict[int, list[Experience]]:
    """{member id: the experiences `viewer` may see of theirs}, in one query (none for
    a visitor: no query at all). Built once per process (core.queries): a thread page
    asks it of its posts' authors on every visit."""
    if not user_ids or not may_see_experiences(viewer):
        return {}
    found: dict[int, list[Experience]] = {}
    for user_id, *columns in _SHOWN_TO.rows(viewer.pk, user_ids):
        found.setdefault(user_id, []).append(_EXPERIENCE.instance(columns))
    # In the reader's language, alphabetically as they read them.
    return {user_id: in_reading_order(experiences) for user_id, experiences in found.items()}


_EXPERIENCE = Columns(Experience)
_SHOWN_TO = Compiled(
    lambda viewer_id, user_ids: (
        # The viewer is a stand-in member here: `shown_to` is the one rule, asked once.
        MemberExperience.objects.shown_to(stand_in_member(viewer_id))
        .filter(content_object__user_id__in=user_ids)
        .order_by("tag__name", "tag_id")
        .values_list("content_object__user_id", *_EXPERIENCE.names_under("tag"))
    )
)


# What a member shows of themselves: a board page asks it of its reader on every visit
# (its "share my experiences" filter), so it is built once per process (core.queries).
_SHOWN_BY = Compiled(
    lambda user_id: (
        MemberExperience.objects.shown()
        .filter(content_object__user_id=user_id)
        .values_list("tag_id", flat=True)
    )
)


def experiences_shown_by(user) -> list[int]:
    """The ids of the experiences this member shows other members (none for a visitor)."""
    if not user.is_authenticated:
        return []
    return [tag_id for (tag_id,) in _SHOWN_BY.rows(user.pk)]


def members_sharing(experience_ids, *, viewer):
    """Ids of members `viewer` may see sharing any of these experiences (a subquery,
    not a list)."""
    return (
        MemberExperience.objects.shown_to(viewer)
        .filter(tag_id__in=experience_ids)
        .values("content_object__user_id")
    )
