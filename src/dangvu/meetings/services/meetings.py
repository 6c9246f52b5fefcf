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

from ..choices import REGULAR_KINDS, THEMATIC_KINDS, MeetingStatus
from ..models import Meeting, MeetingDocument, VisitDuty
from ..rules import regulations, transitions
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


CONFIRM_SECOND = "confirm_second"  # the form's and the API's confirmation of R3.1's warning


def _check_second_regular(meeting: Meeting, confirmed: bool) -> None:
    """R3.1 (Điều lệ Đ24, a regular meeting once a month): a second regular meeting of the
    branch in the same month is refused until the user confirms it (`confirm_second`)."""
    # Two phones scheduling at once: the branch's row serializes them (PostgreSQL).
    Organization.objects.select_for_update().filter(pk=meeting.organization_id).first()
    others = (
        Meeting.objects.filter(
            organization_id=meeting.organization_id, year=meeting.year, month=meeting.month
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .exclude(pk=meeting.pk)
        .order_by("scheduled_at")
    )
    month = list(others.values_list("kind", "date"))
    if confirmed or not regulations.second_regular_meeting(meeting.kind, [k for k, _d in month]):
        return
    days = ", ".join(f"{d:%d/%m/%Y}" for k, d in month if k in REGULAR_KINDS)
    message = _(
        "The branch already has a regular meeting in %(month)s (%(dates)s): the branch holds "
        "its regular meeting once a month (R3.1, Party Charter art. 24). Tick the box to "
        "schedule another one anyway."
    ) % {"month": f"{meeting.date:%m/%Y}", "dates": days}
    raise ValidationError({CONFIRM_SECOND: ValidationError(message, code="second_regular")})


@transaction.atomic
def schedule_meeting(
    *, user, organization: Organization, data: dict[str, Any], confirm_second: bool = False
) -> Meeting:
    """Plan a branch's regular, thematic, combined or committee meeting; a second regular one
    in a month waits for `confirm_second` (R3.1)."""
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
    _check_second_regular(meeting, confirm_second)
    meeting.save()
    return meeting


@transaction.atomic
def update_meeting(
    *,
    user,
    meeting: Meeting,
    data: dict[str, Any],
    expected_version: int | None = None,
    confirm_second: bool = False,
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
    if {"kind", "scheduled_at"} & changed.keys():  # moved into a month, or made regular
        _check_second_regular(meeting, confirm_second)
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
