"""Scheduling a meeting, its details, cancellation, documents and the notice (R3.4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import check_version, require_manage
from dangvu.organizations.models import Organization

from ..choices import THEMATIC_KINDS
from ..models import Meeting, MeetingDocument, VisitDuty
from ..rules import transitions
from ..rules.transitions import Action
from .common import bump, lock

MEETING_FIELDS = ("kind", "topic", "scheduled_at", "planned_end_at", "place", "agenda")
DOCUMENT_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".txt",
    ".jpg", ".jpeg", ".png",
}  # fmt: skip
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def _validate_meeting(meeting: Meeting) -> None:
    errors: dict[str, list] = {}
    if meeting.kind in THEMATIC_KINDS and not meeting.topic.strip():
        errors.setdefault("topic", []).append(_("A thematic meeting needs its topic."))
    if meeting.planned_end_at and meeting.planned_end_at <= meeting.scheduled_at:
        errors.setdefault("planned_end_at", []).append(
            _("The planned end must be after the planned start.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def schedule_meeting(*, user, organization: Organization, data: dict[str, Any]) -> Meeting:
    """Plan a branch's regular, thematic, combined or committee meeting."""
    require_manage(user, organization)
    if not organization.is_branch:
        raise ValidationError(
            {"organization": _("Meetings are scheduled for a party branch.")}, code="not_branch"
        )
    if not organization.is_active:
        raise ValidationError(
            {"organization": _("This branch has been dissolved.")}, code="dissolved"
        )
    meeting = Meeting(organization=organization, org_path=organization.path)
    for name in MEETING_FIELDS:
        if name in data:
            setattr(meeting, name, data[name])
    meeting.topic = (meeting.topic or "").strip()
    meeting.agenda = meeting.agenda or ""
    if meeting.scheduled_at is None:
        raise ValidationError({"scheduled_at": _("Enter the date and time of the meeting.")})
    meeting.set_date_fields()
    meeting.full_clean(exclude=["org_path", "version"])
    _validate_meeting(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(
    *, user, meeting: Meeting, data: dict[str, Any], expected_version: int | None = None
) -> Meeting:
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    transitions.require(Action.EDIT, meeting)
    changed = {k: v for k, v in data.items() if k in MEETING_FIELDS and getattr(meeting, k) != v}
    if not changed:
        return meeting
    for name, value in changed.items():
        setattr(meeting, name, value)
    meeting.topic = (meeting.topic or "").strip()
    meeting.set_date_fields()
    meeting.full_clean(exclude=["org_path", "version"])
    _validate_meeting(meeting)
    meeting.version = F("version") + 1
    meeting.save()
    meeting.refresh_from_db()
    return meeting


@transaction.atomic
def cancel_meeting(*, user, meeting: Meeting, expected_version: int | None = None) -> Meeting:
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    transitions.require(Action.CANCEL, meeting)
    return bump(meeting, status=transitions.target(Action.CANCEL))


@transaction.atomic
def add_document(*, user, meeting: Meeting, title: str, file) -> MeetingDocument:
    """R3.4.4: post a document for members to read; the first posting time is what the
    "documents ≥ 1 day before" criterion checks."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.DOCUMENT, meeting)
    errors: dict[str, list] = {}
    if file is None:
        errors["file"] = [_("Choose a file.")]
    else:
        if Path(file.name).suffix.lower() not in DOCUMENT_EXTENSIONS:
            errors["file"] = [
                _("This kind of file is not accepted (PDF, Word, Excel, PowerPoint, text, images).")
            ]
        elif file.size > DOCUMENT_MAX_BYTES:
            errors["file"] = [_("The file is larger than 20 MB.")]
    title = (title or "").strip() or (Path(file.name).stem if file is not None else "")
    if not title:
        errors.setdefault("title", []).append(_("Enter a title."))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    document = MeetingDocument.objects.create(
        meeting=meeting, title=title[:255], file=file, size=file.size, posted_at=now, posted_by=user
    )
    if meeting.documents_posted_at is None:
        bump(meeting, documents_posted_at=now)
    else:
        bump(meeting)
    return document


@transaction.atomic
def send_notice(*, user, meeting: Meeting) -> Meeting:
    """R3.4.3: announce time, place and agenda to the members and to the superior committee
    members who follow the branch (recorded as notified)."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.NOTIFY, meeting)
    followers = (
        VisitDuty.objects.current(meeting.date)
        .filter(branch_id=meeting.organization_id)
        .values_list("member_id", flat=True)
    )
    meeting.notified.set(list(followers))
    return bump(meeting, notice_sent_at=timezone.now())
