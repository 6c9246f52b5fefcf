"""What a meeting leaves: documents posted before it, the attendance, the resolutions it
adopted and the tasks it assigned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.models import TimeStampedModel
from dangvu.core.scope import ScopedQuerySet

from ..choices import AttendanceState
from .base import BranchScopedQuerySet
from .meeting import Meeting


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
    org_path = models.CharField(_("organization path"), max_length=255, editable=False)
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
