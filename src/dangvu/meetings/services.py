"""Every write to meetings: validation, scope (`require_manage`), one transaction each.

The roll call is written two ways, both safe on two phones at once: one row per tap
(idempotent: the row ends in the state tapped last) and a full save carrying the meeting's
`version`, refused whole when anything was saved since the form was read. Each write
recounts the meeting's denormalized counts in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.profiles import values_on
from dangvu.core.services import check_version, require_manage
from dangvu.members.models import Member
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from . import queries, rules
from .choices import (
    ENTERED_CRITERIA,
    THEMATIC_KINDS,
    AttendanceState,
    MeetingStatus,
)
from .models import (
    Attendance,
    Meeting,
    MeetingDocument,
    MeetingResolution,
    Task,
    Visit,
    VisitDuty,
)

MEETING_FIELDS = ("kind", "topic", "scheduled_at", "planned_end_at", "place", "agenda")
DOCUMENT_EXTENSIONS = {
    ".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".txt",
    ".jpg", ".jpeg", ".png",
}  # fmt: skip
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("organization").select_for_update().get(pk=meeting.pk)


def _bump(meeting: Meeting, **fields: Any) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1, **fields)
    meeting.refresh_from_db()
    return meeting


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


def _require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("This meeting was cancelled."), code="cancelled")


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
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    _require_open(meeting)
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
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."), code="not_planned")
    return _bump(meeting, status=MeetingStatus.CANCELLED)


@transaction.atomic
def add_document(*, user, meeting: Meeting, title: str, file) -> MeetingDocument:
    """R3.4.4: post a document for members to read; the first posting time is what the
    "documents ≥ 1 day before" criterion checks."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    _require_open(meeting)
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
        _bump(meeting, documents_posted_at=now)
    else:
        _bump(meeting)
    return document


@transaction.atomic
def send_notice(*, user, meeting: Meeting) -> Meeting:
    """R3.4.3: announce time, place and agenda to the members and to the superior committee
    members who follow the branch (recorded as notified)."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("The notice is sent before the meeting."), code="not_planned")
    followers = (
        VisitDuty.objects.current(meeting.date)
        .filter(branch_id=meeting.organization_id)
        .values_list("member_id", flat=True)
    )
    meeting.notified.set(list(followers))
    return _bump(meeting, notice_sent_at=timezone.now())


def _recount(meeting: Meeting, **extra: Any) -> Meeting:
    """Denormalize the roll call's counts on the meeting (statistics read only these)."""
    counts = Attendance.objects.filter(meeting=meeting).aggregate(
        present=Count("id", filter=Q(state=AttendanceState.PRESENT)),
        excused=Count("id", filter=Q(state=AttendanceState.EXCUSED)),
        absent=Count("id", filter=Q(state=AttendanceState.ABSENT)),
    )
    return _bump(
        meeting,
        present_count=counts["present"],
        excused_count=counts["excused"],
        absent_count=counts["absent"],
        eligible_count=queries.meeting_eligible(meeting).count(),
        **extra,
    )


def _held_if_started(meeting: Meeting) -> dict[str, Any]:
    if meeting.status == MeetingStatus.PLANNED and meeting.date <= timezone.localdate():
        return {"status": MeetingStatus.HELD}
    return {}


def _check_state(state: str) -> None:
    if state not in AttendanceState.values:
        raise ValidationError({"state": _("Choose present, absent with reason or absent.")})


@transaction.atomic
def send_apology(*, user, meeting: Meeting, reason: str) -> Attendance:
    """A member tells the branch in advance that they cannot attend (vắng có lý do): the roll
    call starts with them excused."""
    meeting = _lock(meeting)
    member = getattr(user, "member", None)
    if member is None or not queries.meeting_eligible(meeting).filter(pk=member.pk).exists():
        raise PermissionDenied(_("You are not on the roll call of this meeting."))
    if meeting.status != MeetingStatus.PLANNED or meeting.scheduled_at <= timezone.now():
        raise ValidationError(_("An apology is sent before the meeting starts."), code="late")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason you cannot attend.")})
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        member=member,
        defaults={"state": AttendanceState.EXCUSED, "reason": reason[:255], "apology": True},
    )
    _recount(meeting)
    return attendance


@transaction.atomic
def set_attendance(
    *, user, meeting: Meeting, member_id: int, state: str, reason: str | None = None
) -> Meeting:
    """One tap of the roll call: one row, idempotent; no version needed (nothing else in the
    row can be lost). An empty state clears the member's mark."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    _require_open(meeting)
    if not queries.meeting_eligible(meeting).filter(pk=member_id).exists():
        raise ValidationError(
            {"member": _("This person is not on the roll call of this branch on that date.")},
            code="not_eligible",
        )
    if state:
        _check_state(state)
        defaults: dict[str, Any] = {"state": state}
        if reason is not None:
            defaults["reason"] = reason.strip()[:255]
        elif state == AttendanceState.PRESENT:
            defaults["reason"] = ""
        Attendance.objects.update_or_create(meeting=meeting, member_id=member_id, defaults=defaults)
    else:
        Attendance.objects.filter(meeting=meeting, member_id=member_id).delete()
    return _recount(meeting, **_held_if_started(meeting))


@transaction.atomic
def save_roll_call(
    *,
    user,
    meeting: Meeting,
    entries: dict[int, tuple[str, str]],
    expected_version: int | None,
) -> Meeting:
    """The whole roll call at once ({member_id: (state, reason)}); refused, with nothing
    written, when the meeting changed after `expected_version` was read."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    _require_open(meeting)
    eligible = set(queries.meeting_eligible(meeting).values_list("pk", flat=True))
    strangers = [pk for pk in entries if pk not in eligible]
    if strangers:
        raise ValidationError(
            {"member": _("Some people are not on the roll call of this branch on that date.")},
            code="not_eligible",
        )
    for state, _reason in entries.values():
        if state:
            _check_state(state)
    existing = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    create, update, clear = [], [], []
    for member_id, (state, reason) in entries.items():
        reason = (reason or "").strip()[:255]
        row = existing.get(member_id)
        if not state:
            if row is not None:
                clear.append(row.pk)
        elif row is None:
            create.append(
                Attendance(meeting=meeting, member_id=member_id, state=state, reason=reason)
            )
        elif (row.state, row.reason) != (state, reason):
            row.state, row.reason = state, reason
            update.append(row)
    if clear:
        Attendance.objects.filter(pk__in=clear).delete()
    if create:
        Attendance.objects.bulk_create(create)
    if update:
        Attendance.objects.bulk_update(update, ["state", "reason"])
    return _recount(meeting, **_held_if_started(meeting))


def _branch_member(meeting: Meeting, member: Member | None, field: str) -> None:
    if member is not None and not queries.meeting_eligible(meeting).filter(pk=member.pk).exists():
        raise ValidationError({field: _("Choose a member of the branch.")})


@transaction.atomic
def record_minutes(
    *, user, meeting: Meeting, data: dict[str, Any], expected_version: int | None = None
) -> Meeting:
    """R3.8: the minutes (biên bản): actual times, chair and minute taker, each agenda item's
    content, opinions and votes, the conclusions; what of earlier meetings was reviewed."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    _require_open(meeting)
    errors: dict[str, list] = {}
    started, ended = data.get("started_at"), data.get("ended_at")
    if started and ended and ended <= started:
        errors["ended_at"] = [_("The end must be after the start.")]
    elif started and ended and ended - started > dt.timedelta(hours=12):
        errors["ended_at"] = [_("A meeting lasts less than 12 hours: check the times.")]
    if started and started > timezone.now():
        errors.setdefault("started_at", []).append(_("The minutes are recorded after the meeting."))
    items = []
    for item in data.get("items", []):
        votes = [item.get(k) for k in ("for", "against", "abstain")]
        if any(v is not None and v < 0 for v in votes):
            errors.setdefault("items", []).append(_("Vote counts cannot be negative."))
        items.append(
            {
                "item": str(item.get("item", ""))[:500],
                "content": str(item.get("content") or "").strip(),
                "opinions": str(item.get("opinions") or "").strip(),
                "for": item.get("for"),
                "against": item.get("against"),
                "abstain": item.get("abstain"),
            }
        )
    if errors:
        raise ValidationError(errors)
    _branch_member(meeting, data.get("chair"), "chair")
    _branch_member(meeting, data.get("minute_taker"), "minute_taker")
    earlier = Q(meeting__organization_id=meeting.organization_id) & Q(
        meeting__scheduled_at__lt=meeting.scheduled_at
    )
    if data.get("reviewed_resolutions") is not None:
        MeetingResolution.objects.filter(earlier, followed_up_at=meeting).update(
            followed_up_at=None
        )
        MeetingResolution.objects.filter(earlier, pk__in=data["reviewed_resolutions"]).update(
            followed_up_at=meeting
        )
    if data.get("reviewed_tasks") is not None:
        Task.objects.filter(earlier, followed_up_at=meeting).update(followed_up_at=None)
        Task.objects.filter(earlier, pk__in=data["reviewed_tasks"]).update(followed_up_at=meeting)
    chair, taker = data.get("chair"), data.get("minute_taker")
    return _bump(
        meeting,
        started_at=started,
        ended_at=ended,
        chair=chair,
        minute_taker=taker,
        guests=(data.get("guests") or "").strip()[:500],
        minutes_items=items,
        conclusions=(data.get("conclusions") or "").strip(),
        minutes_recorded_at=meeting.minutes_recorded_at or timezone.now(),
        status=MeetingStatus.HELD,
    )


@transaction.atomic
def add_resolution(*, user, meeting: Meeting, data: dict[str, Any]) -> MeetingResolution:
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    _require_open(meeting)
    resolution = MeetingResolution(
        meeting=meeting,
        number=(data.get("number") or "").strip(),
        title=(data.get("title") or "").strip(),
        content=(data.get("content") or "").strip(),
        votes_for=data.get("votes_for"),
        votes_against=data.get("votes_against"),
        votes_abstain=data.get("votes_abstain"),
    )
    resolution.full_clean(exclude=["meeting", "followed_up_at"])
    resolution.save()
    _bump(meeting)
    return resolution


@transaction.atomic
def add_task(*, user, meeting: Meeting, data: dict[str, Any]) -> Task:
    """A task assigned at the meeting to a member of the branch or to a group."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    _require_open(meeting)
    assignee, group = data.get("assignee"), (data.get("group") or "").strip()
    if assignee is None and not group:
        raise ValidationError({"assignee": _("Assign the task to a member or a group.")})
    _branch_member(meeting, assignee, "assignee")
    due_on = data.get("due_on")
    if due_on is not None and due_on < meeting.date:
        raise ValidationError({"due_on": _("The due date is before the meeting.")})
    task = Task(
        meeting=meeting,
        organization=meeting.organization,
        org_path=meeting.org_path,
        title=(data.get("title") or "").strip(),
        assignee=assignee,
        group=group,
        due_on=due_on,
        note=(data.get("note") or "").strip(),
    )
    task.full_clean(exclude=["meeting", "organization", "followed_up_at", "done_on"])
    task.save()
    _bump(meeting)
    return task


@transaction.atomic
def complete_task(*, user, task: Task, done_on: dt.date) -> Task:
    """Mark a task done: by the branch, or by the member it was assigned to."""
    task = Task.objects.select_for_update().select_related("organization").get(pk=task.pk)
    if not (user.member_id and user.member_id == task.assignee_id):
        require_manage(user, task.organization)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date is in the future.")})
    if done_on < task.meeting.date:
        raise ValidationError({"done_on": _("The date is before the meeting that assigned it.")})
    task.done_on = done_on
    task.save(update_fields=["done_on", "updated_at"])
    return task


@transaction.atomic
def score_meeting(
    *, user, meeting: Meeting, entered: dict[str, int], expected_version: int | None = None
) -> Meeting:
    """R3.5/R3.6: score a held meeting with the province's scale in force on its date; the
    criteria the records decide are computed, the others entered; the profile is recorded."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    if meeting.status != MeetingStatus.HELD or not meeting.is_member_meeting:
        raise ValidationError(
            _("Only a held meeting of the branch's members is scored."), code="not_scorable"
        )
    profile, values = values_on(meeting.date)
    weights = rules.criterion_weights(values)
    errors = {}
    for name in ENTERED_CRITERIA:
        points = entered.get(name)
        if points is None or not 0 <= int(points) <= weights[name]:
            errors[name] = [_("Enter between 0 and %(max)s points.") % {"max": weights[name]}]
    if errors:
        raise ValidationError(errors)
    result = rules.score_meeting(queries.computed_criteria(meeting, values), entered, values)
    return _bump(
        meeting,
        quality_score=result["score"],
        quality_rating=result["rating"],
        quality_details={"points": result["points"], "met": result["met"], "weights": weights},
        quality_profile=profile,
        scored_at=timezone.now(),
    )


def visitor_seat(meeting: Meeting, member: Member) -> CommitteeSeat | None:
    """R3.9: the member's seat, on the meeting date, on the highest committee above the
    branch (None when they have no such seat)."""
    step = Organization.steplen
    ancestors = [meeting.org_path[:i] for i in range(step, len(meeting.org_path), step)]
    return (
        CommitteeSeat.objects.filter(
            active_on_q(meeting.date), member=member, organization__path__in=ancestors
        )
        .exclude(organization__kind__in=BRANCH_KINDS)
        .select_related("organization")
        .order_by("organization__depth")
        .first()
    )


@transaction.atomic
def record_visit(*, user, meeting: Meeting, member: Member) -> Visit:
    """R3.9: a higher-level committee member attended; anyone else is refused."""
    meeting = _lock(meeting)
    require_manage(user, meeting.organization)
    _require_open(meeting)
    seat = visitor_seat(meeting, member)
    if seat is None:
        raise ValidationError(
            {
                "member": _(
                    "%(name)s does not sit on a committee above this branch on the meeting "
                    "date: only higher-level committee members are recorded as visitors."
                )
                % {"name": member.full_name}
            },
            code="not_committee_member",
        )
    if Visit.objects.filter(meeting=meeting, member=member).exists():
        raise ValidationError({"member": _("This visit is already recorded.")}, code="duplicate")
    visit = Visit.objects.create(
        meeting=meeting,
        member=member,
        committee=seat.organization,
        committee_path=seat.organization.path,
        level=rules.committee_level(seat.organization),
        org_path=meeting.org_path,
        date=meeting.date,
    )
    _bump(meeting)
    return visit


@transaction.atomic
def remove_visit(*, user, visit: Visit) -> None:
    meeting = _lock(visit.meeting)
    require_manage(user, meeting.organization)
    visit.delete()
    _bump(meeting)


@transaction.atomic
def assign_visit_duty(
    *, user, committee: Organization, member: Member, branch: Organization, valid_from: dt.date
) -> VisitDuty:
    """R3.9: a committee member is assigned to follow a branch of the committee's subtree."""
    require_manage(user, committee)
    errors: dict[str, list] = {}
    if not CommitteeSeat.objects.filter(
        active_on_q(valid_from), organization=committee, member=member
    ).exists():
        errors["member"] = [_("This person does not sit on this committee on that date.")]
    if (
        branch.kind not in BRANCH_KINDS
        or not branch.path.startswith(committee.path)
        or branch.pk == committee.pk
    ):
        errors["branch"] = [_("Choose a branch under this committee.")]
    elif VisitDuty.objects.current(valid_from).filter(member=member, branch=branch).exists():
        errors["branch"] = [_("This member already follows this branch.")]
    if errors:
        raise ValidationError(errors)
    return VisitDuty.objects.create(
        committee=committee,
        member=member,
        branch=branch,
        org_path=committee.path,
        valid_from=valid_from,
    )


@transaction.atomic
def end_visit_duty(*, user, duty: VisitDuty, on: dt.date) -> VisitDuty:
    duty = VisitDuty.objects.select_for_update().select_related("committee").get(pk=duty.pk)
    require_manage(user, duty.committee)
    if duty.valid_to is not None:
        raise ValidationError(_("This assignment has already ended."), code="ended")
    if on <= duty.valid_from:
        raise ValidationError({"valid_to": _("The end must be after the start.")})
    duty.valid_to = on
    duty.save(update_fields=["valid_to", "updated_at"])
    return duty
