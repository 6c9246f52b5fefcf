"""The meeting: what was planned, what happened, the roll call's counts and its score."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import VersionedModel

from ..choices import MeetingKind, MeetingStatus, QualityRating
from .base import BranchScopedQuerySet, UnicodeJSONEncoder


class MeetingQuerySet(BranchScopedQuerySet):
    def held(self):
        return self.filter(status=MeetingStatus.HELD)


class Meeting(VersionedModel):
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(_("organization path"), max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    topic = models.CharField(
        _("topic"), max_length=255, blank=True, help_text=_("The topic of a thematic meeting.")
    )
    scheduled_at = models.DateTimeField(_("planned start"))
    planned_end_at = models.DateTimeField(_("planned end"), null=True, blank=True)
    # Denormalized from the local date of `scheduled_at`: periods and GROUP BY month.
    date = models.DateField(_("date"), editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    month = models.PositiveSmallIntegerField(_("month"), editable=False)
    place = models.CharField(_("place"), max_length=255, blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    status = models.CharField(
        _("status"), max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    notice_sent_at = models.DateTimeField(_("notice sent at"), null=True, blank=True)
    notified = models.ManyToManyField(
        "members.Member",
        blank=True,
        related_name="+",
        verbose_name=_("superior committee members notified"),
    )
    documents_posted_at = models.DateTimeField(_("documents posted at"), null=True, blank=True)
    # What happened (filled after the meeting).
    started_at = models.DateTimeField(_("actual start"), null=True, blank=True)
    ended_at = models.DateTimeField(_("actual end"), null=True, blank=True)
    chair = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    minute_taker = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minute taker"),
    )
    guests = models.CharField(_("guests"), max_length=500, blank=True)
    # Minutes by agenda item: [{"item", "content", "opinions", "for", "against", "abstain"}].
    minutes_items = models.JSONField(
        _("minutes by agenda item"), default=list, blank=True, encoder=UnicodeJSONEncoder
    )
    conclusions = models.TextField(_("conclusions"), blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    # Roll-call counts, kept by the roll-call service (statistics never read attendance rows).
    present_count = models.PositiveIntegerField(_("members present"), default=0)
    excused_count = models.PositiveIntegerField(_("absent with reason"), default=0)
    absent_count = models.PositiveIntegerField(_("absent without reason"), default=0)
    eligible_count = models.PositiveIntegerField(_("members listed"), default=0)
    # Quality (R3.5, R3.6).
    quality_score = models.PositiveSmallIntegerField(_("quality score"), null=True, blank=True)
    quality_rating = models.CharField(
        _("quality rating"), max_length=16, choices=QualityRating.choices, blank=True
    )
    quality_details = models.JSONField(
        _("score by criterion"), default=dict, blank=True, encoder=UnicodeJSONEncoder
    )
    quality_profile = models.ForeignKey(
        "core.RuleProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rule profile applied"),
    )
    scored_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-scheduled_at", "-id"]
        indexes = [
            # Statistics and the work list: `year = Y AND path range` uses the first two columns
            # and the rest make it covering, so a province's year is read from the index alone
            # (a meeting row, with its minutes, is ~1 kB; an index entry ~60 bytes).
            models.Index(
                fields=[
                    "year",
                    "org_path",
                    "status",
                    "kind",
                    "organization",
                    "month",
                    "date",
                    "present_count",
                    "excused_count",
                    "absent_count",
                    "eligible_count",
                    "quality_rating",
                    "quality_score",
                ],
                name="meeting_statistics",
            ),  # fmt: skip
            models.Index(fields=["org_path", "date"], name="meeting_path_date"),
            # The work list's "minutes not recorded" reads only these few rows.
            models.Index(
                fields=["org_path", "date"],
                condition=Q(minutes_recorded_at__isnull=True),
                name="meeting_no_minutes",
            ),
            models.Index(fields=["organization", "date"], name="meeting_org_date"),
            models.Index(fields=["scheduled_at"], name="meeting_scheduled"),
        ]

    def __str__(self) -> str:
        label = self.topic if self.kind == MeetingKind.THEMATIC and self.topic else None
        return _("%(kind)s %(date)s – %(branch)s") % {
            "kind": label or self.get_kind_display(),
            "date": self.date.strftime("%d/%m/%Y") if self.date else "",
            "branch": self.organization.name if self.organization_id else "",
        }

    def set_date_fields(self) -> None:
        local = timezone.localtime(self.scheduled_at)
        self.date, self.year, self.month = local.date(), local.year, local.month

    def save(self, *args, **kwargs):
        if self.scheduled_at is not None:
            self.set_date_fields()
        if self.organization_id and not self.org_path:
            self.org_path = self.organization.path
        super().save(*args, **kwargs)

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]

    @property
    def duration_minutes(self) -> int | None:
        if self.started_at and self.ended_at:
            return int((self.ended_at - self.started_at).total_seconds() // 60)
        return None

    @property
    def attendance_rate(self) -> float | None:
        if not self.eligible_count:
            return None
        return self.present_count * 100 / self.eligible_count

    @property
    def is_member_meeting(self) -> bool:
        return self.kind != MeetingKind.COMMITTEE

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1
