"""Higher-level committee members at branch meetings (R3.9): their visits and the branches
they follow."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel
from dangvu.core.scope import ScopedQuerySet

from ..choices import VisitLevel
from ..rules.regulations import committee_level
from .meeting import Meeting


class VisitQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "member"


class Visit(TimeStampedModel):
    """A higher-level committee member attended a branch meeting (R3.9)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="visits", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("committee member"),
    )
    # The highest committee above the branch on which the visitor sat on the meeting date.
    committee = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("committee"),
    )
    committee_path = models.CharField(_("committee path"), max_length=255, editable=False)
    level = models.CharField(_("level"), max_length=16, choices=VisitLevel.choices)
    # The branch's path.
    org_path = models.CharField(_("organization path"), max_length=255, editable=False)
    date = models.DateField(_("date"))

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit by a committee member")
        verbose_name_plural = _("visits by committee members")
        ordering = ["-date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="visit_once"),
        ]
        indexes = [
            # A committee member's visits under a committee: member, then the branch path.
            models.Index(fields=["member", "org_path", "date"], name="visit_member_path"),
            # Statistics: visits of a subtree's committees by level, from the index alone.
            models.Index(fields=["committee_path", "date", "level"], name="visit_committee_date"),
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.meeting}"


class VisitDutyQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "member"

    def current(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on))


class VisitDuty(TimeStampedModel):
    """Which committee member follows which branch (cấp ủy viên theo dõi chi bộ), dated.

    How often they must attend comes from the rule profile by their committee's level (R3.9).
    """

    committee = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="visit_duties",
        verbose_name=_("committee"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="visit_duties",
        verbose_name=_("committee member"),
    )
    branch = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="followed_by",
        verbose_name=_("party branch"),
    )
    # The committee's path.
    org_path = models.CharField(_("organization path"), max_length=255, editable=False)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    objects = VisitDutyQuerySet.as_manager()

    class Meta:
        verbose_name = _("branch followed by a committee member")
        verbose_name_plural = _("branches followed by committee members")
        ordering = ["committee", "member", "valid_from"]
        indexes = [
            models.Index(fields=["branch", "valid_from"], name="duty_branch_from"),
            models.Index(fields=["committee", "valid_to"], name="duty_committee_to"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="duty_interval_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.branch}"

    @property
    def level(self) -> str:
        return committee_level(self.committee)
