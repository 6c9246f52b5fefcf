"""The roll call (R3.5): a member's apology, one tap, the whole list; each write recounts the
meeting's denormalized counts in the same transaction."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import check_version, require_manage

from .. import queries
from ..choices import AttendanceState, MeetingStatus
from ..models import Attendance, Meeting
from ..rules import transitions
from ..rules.transitions import Action
from .common import bump, lock


def recount(meeting: Meeting, **extra: Any) -> Meeting:
    """Denormalize the roll call's counts on the meeting (statistics read only these)."""
    counts = Attendance.objects.filter(meeting=meeting).aggregate(
        present=Count("id", filter=Q(state=AttendanceState.PRESENT)),
        excused=Count("id", filter=Q(state=AttendanceState.EXCUSED)),
        absent=Count("id", filter=Q(state=AttendanceState.ABSENT)),
    )
    return bump(
        meeting,
        present_count=counts["present"],
        excused_count=counts["excused"],
        absent_count=counts["absent"],
        eligible_count=queries.meeting_eligible(meeting).count(),
        **extra,
    )


def _held_if_started(meeting: Meeting) -> dict[str, Any]:
    if meeting.status == MeetingStatus.PLANNED and meeting.date <= timezone.localdate():
        return {"status": transitions.target(Action.ROLL_CALL)}
    return {}


def _check_state(state: str) -> None:
    if state not in AttendanceState.values:
        raise ValidationError({"state": _("Choose present, absent with reason or absent.")})


@transaction.atomic
def send_apology(*, user, meeting: Meeting, reason: str) -> Attendance:
    """A member tells the branch in advance that they cannot attend (vắng có lý do): the roll
    call starts with them excused."""
    meeting = lock(meeting)
    member = getattr(user, "member", None)
    now = timezone.now()
    # The page offers the button on the same predicate (`queries.apology_open`).
    if not queries.apology_open(meeting, member, now):
        if not queries.on_roll_call(meeting, member):
            raise PermissionDenied(_("You are not on the roll call of this meeting."))
        transitions.require(Action.APOLOGIZE, meeting, now)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason you cannot attend.")})
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        member=member,
        defaults={"state": AttendanceState.EXCUSED, "reason": reason[:255], "apology": True},
    )
    recount(meeting)
    return attendance


@transaction.atomic
def set_attendance(
    *, user, meeting: Meeting, member_id: int, state: str, reason: str | None = None
) -> Meeting:
    """One tap of the roll call: one row, idempotent; no version needed (nothing else in the
    row can be lost). An empty state clears the member's mark."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.ROLL_CALL, meeting)
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
    return recount(meeting, **_held_if_started(meeting))


@transaction.atomic
def mark_all_present(*, user, meeting: Meeting) -> Meeting:
    """ "All present" (R3.5): every member on the roll call not marked yet is marked present in
    one write; marks already recorded (an apology, an absence tapped first) stay as they are,
    so the secretary then taps only the exceptions. `meeting.newly_present` says how many."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.ROLL_CALL, meeting)
    marked = Attendance.objects.filter(meeting=meeting).values("member_id")
    unmarked = queries.meeting_eligible(meeting).exclude(pk__in=marked).values_list("pk", flat=True)
    rows = [
        Attendance(meeting=meeting, member_id=pk, state=AttendanceState.PRESENT) for pk in unmarked
    ]
    Attendance.objects.bulk_create(rows)
    meeting = recount(meeting, **_held_if_started(meeting))
    meeting.newly_present = len(rows)
    return meeting


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
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    transitions.require(Action.ROLL_CALL, meeting)
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
    return recount(meeting, **_held_if_started(meeting))
