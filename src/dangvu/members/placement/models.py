"""A member's dated placements in branches and their concurrent posts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel
from dangvu.core.scope import ScopedQuerySet

from ..choices import PlacementKind, PostKind
from ..member.models import Member


class PlacementQuerySet(ScopedQuerySet):
    scope_path_field = "organization__path"
    self_field = "member"


class Placement(TimeStampedModel):
    """A member's dated membership of a branch: official (counted there) or temporary."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="placements", verbose_name=_("party member")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("party branch"),
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=PlacementKind.choices, default=PlacementKind.OFFICIAL
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["member", "valid_from"]
        indexes = [
            models.Index(fields=["organization", "valid_from"], name="placement_org_from"),
            models.Index(fields=["member", "valid_from"], name="placement_member_from"),
            # the balance's departures: placements closed in a period (R15.4)
            models.Index(fields=["organization", "valid_to"], name="placement_org_to"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gt=models.F("valid_from")),
                name="placement_interval_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.organization}"


class MemberPostQuerySet(ScopedQuerySet):
    scope_path_field = "member__org_path"
    self_field = "member"


class MemberPost(TimeStampedModel):
    """A dated concurrent post: village head, Front work-board head, youth secretary…"""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="posts", verbose_name=_("party member")
    )
    kind = models.CharField(_("post"), max_length=24, choices=PostKind.choices)
    title = models.CharField(_("detail"), max_length=255, blank=True)
    locality = models.ForeignKey(
        "organizations.Locality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("locality"),
    )
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = MemberPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("concurrent post")
        verbose_name_plural = _("concurrent posts")
        ordering = ["member", "-valid_from"]
        indexes = [models.Index(fields=["kind", "valid_to"], name="post_kind_to")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.member}"

    def clean(self) -> None:
        if self.valid_to and self.valid_from and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": _("The end date must be after the start date.")})
