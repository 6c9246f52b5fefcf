"""Monthly attendance summaries of past years, brought in by the history import.

An office that kept its roll calls on paper brings, per branch and month, how many meetings
were held and the members present, excused and absent. The reports' attendance rate reads the
roll calls of the meetings recorded here and these summaries for the months with none (a month
with both counts its roll calls only)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel
from dangvu.core.scope import ScopedQuerySet


class AttendanceSummaryQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = None


class AttendanceSummary(TimeStampedModel):
    """A branch's meetings of one month, counted: held, and the attendances they listed."""

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="attendance_summaries",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    meetings_held = models.PositiveSmallIntegerField(_("meetings held"))
    present = models.PositiveIntegerField(_("present"))
    excused = models.PositiveIntegerField(_("excused"), default=0)
    absent = models.PositiveIntegerField(_("absent without leave"), default=0)

    objects = AttendanceSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("monthly attendance summary")
        verbose_name_plural = _("monthly attendance summaries")
        ordering = ["organization", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "month"], name="attendance_summary_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="attendance_summary_month_range"
            ),
        ]
        indexes = [models.Index(fields=["org_path", "year", "month"], name="summary_path_month")]

    def __str__(self) -> str:
        return f"{self.organization} {self.month:02d}/{self.year}"

    @property
    def eligible(self) -> int:
        """The members listed at the month's meetings (as Meeting.eligible_count sums)."""
        return self.present + self.excused + self.absent


ELIGIBLE = F("present") + F("excused") + F("absent")
