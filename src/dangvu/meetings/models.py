"""Branch meetings (sinh hoạt chi bộ): schedule, roll call, minutes, resolutions, tasks, visits.

Statistics over a province's ~175,000 meetings must not scan millions of attendance rows, so a
meeting carries its branch's path (`org_path`), its `year` and `month`, and the roll call's
counts (present/excused/absent/eligible), all written by the services in the transaction that
changes them (ARCHITECTURE, principle 2: current state denormalized for speed).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel, VersionedModel
from dangvu.core.scope import ScopedQuerySet

from .choices import (
    AttendanceState,
    MeetingKind,
    MeetingStatus,
    QualityRating,
    VisitLevel,
)


class UnicodeJSONEncoder(json.JSONEncoder):
    """Vietnamese text stored as itself, not as \\u escapes (a third of the size)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


def member_branch_ids(member) -> list[int]:
    """The branches a member meets in today: their own and any open temporary placement."""
    from dangvu.members.models import Placement

    today = timezone.localdate()
    temporary = Placement.objects.filter(
        member=member, kind="temporary", valid_from__lte=today
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
    return [member.organization_id, *temporary.values_list("organization_id", flat=True)]


class BranchScopedQuerySet(ScopedQuerySet):
    """Rows of a branch's meetings. A plain member sees those of the branches they meet in
    (their notices, agendas, documents, resolutions): `branch_field` leads to the branch."""

    scope_path_field = "org_path"
    branch_field = "organization_id"

    def visible_to(self, user):
        if (
            user is not None
            and user.is_authenticated
            and user.is_active
            and not user.sees_everything
            and user.is_plain_member
        ):
            if user.member_id is None:
                return self.none()
            return self.filter(**{f"{self.branch_field}__in": member_branch_ids(user.member)})
        return super().visible_to(user)


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
    org_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    topic = models.CharField(
        _("topic"), max_length=255, blank=True, help_text=_("The topic of a thematic meeting.")
    )
    scheduled_at = models.DateTimeField(_("planned start"))
    planned_end_at = models.DateTimeField(_("planned end"), null=True, blank=True)
    # Denormalized from the local date of `scheduled_at`: periods and GROUP BY month.
    date = models.DateField(_("date"), editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    month = models.PositiveSmallIntegerField(editable=False)
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


def document_path(instance: MeetingDocument, filename: str) -> str:
    today = timezone.localdate()
    return f"meetings/{today:%Y/%m}/{Path(filename).name}"


class MeetingDocumentQuerySet(BranchScopedQuerySet):
    scope_path_field = "meeting__org_path"
    branch_field = "meeting__organization_id"


class MeetingDocument(TimeStampedModel):
    """A document posted for members to read before the meeting (R3.4)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="documents", verbose_name=_("meeting")
    )
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), upload_to=document_path, max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    posted_at = models.DateTimeField(_("posted at"), default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
    )

    objects = MeetingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "posted_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return Path(self.file.name).name


class AttendanceQuerySet(ScopedQuerySet):
    scope_path_field = "meeting__org_path"
    self_field = "member"


class Attendance(models.Model):
    """One member's presence at one meeting (điểm danh); one row per member and meeting."""

    # No single-column indexes: the (meeting, member) and (member, meeting) ones cover them.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("meeting"),
        db_index=False,
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="attendances",
        verbose_name=_("party member"),
        db_index=False,
    )
    state = models.CharField(_("attendance"), max_length=8, choices=AttendanceState.choices)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    apology = models.BooleanField(
        _("apology sent in advance"),
        default=False,
        help_text=_("The member sent an apology (vắng có lý do) before the meeting."),
    )

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once"),
        ]
        indexes = [
            models.Index(fields=["member", "meeting"], name="attendance_member"),
            # The work list's "absent without reason" check reads only these rows.
            models.Index(fields=["meeting"], condition=Q(state="absent"), name="attendance_absent"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_state_display()}"


class MeetingResolutionQuerySet(BranchScopedQuerySet):
    scope_path_field = "meeting__org_path"
    branch_field = "meeting__organization_id"


class MeetingResolution(TimeStampedModel):
    """A resolution or conclusion adopted at a meeting, followed up at a later one."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="resolutions", verbose_name=_("meeting")
    )
    number = models.CharField(_("number"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=255)
    content = models.TextField(_("content"), blank=True)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    followed_up_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_resolutions",
        verbose_name=_("reviewed at meeting"),
    )

    objects = MeetingResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.title


class TaskQuerySet(ScopedQuerySet):
    scope_path_field = "org_path"
    self_field = "assignee"

    def open(self):
        return self.filter(done_on__isnull=True)


class Task(TimeStampedModel):
    """A task assigned at a meeting to a member or a group, followed to completion."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("meeting")
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("party branch"),
    )
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("task"), max_length=255)
    assignee = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_tasks",
        verbose_name=_("assigned to"),
    )
    group = models.CharField(
        _("assigned to a group"),
        max_length=255,
        blank=True,
        help_text=_("e.g. the branch committee, the party group of hamlet 2"),
    )
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    followed_up_at = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_tasks",
        verbose_name=_("last reviewed at meeting"),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(
                fields=["org_path", "due_on"], condition=Q(done_on__isnull=True), name="task_open"
            ),
            models.Index(fields=["assignee", "due_on"], name="task_assignee_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, on: dt.date | None = None) -> bool:
        return self.done_on is None and self.due_on < (on or timezone.localdate())


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
    committee_path = models.CharField(max_length=255, editable=False)
    level = models.CharField(_("level"), max_length=16, choices=VisitLevel.choices)
    org_path = models.CharField(max_length=255, editable=False)  # the branch's path
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
    org_path = models.CharField(max_length=255, editable=False)  # the committee's path
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
        from .rules import committee_level

        return committee_level(self.committee)


__all__ = [
    "Attendance",
    "AttendanceState",
    "Meeting",
    "MeetingDocument",
    "MeetingResolution",
    "Task",
    "Visit",
    "VisitDuty",
    "QualityRating",
]
