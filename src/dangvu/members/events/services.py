"""Lifecycle services (biến động đảng viên): working away, exemption, leaving the roll and
restoration. Each transition changes the member's state and appends its MemberEvent in one
transaction, with its decision and who recorded it.

Transfers are in `members.transfer`, discipline in `members.discipline`, residence contact in
`members.residence`; admission, recognition and re-admission belong to the admissions app.
Every refusal is a ValidationError raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import (
    DisciplineForm,
    EventKind,
    PlacementKind,
    Status,
    StrikeOffGround,
)
from ..discipline.models import Discipline
from ..member.models import Member
from ..member.services import lock_member, update_member_state
from ..placement.models import Placement
from ..placement.services import close_placements, require_active, require_branch
from ..rules.transitions import MEMBER, applies
from .models import MemberEvent
from .records import record_event

DECISION_FIELDS = ("decision_number", "decision_date", "decision_body")


def last_event_date(member: Member) -> dt.date | None:
    return MemberEvent.objects.filter(member=member).aggregate(last=Max("occurred_on"))["last"]


def check_date(member: Member, on: dt.date | None, field: str = "occurred_on") -> dt.date:
    """A transition's date: given, not in the future, not before the admission nor before the
    member's last recorded change (history stays in order)."""
    if on is None:
        raise ValidationError({field: _("Enter the date.")}, code="required")
    if on > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")}, code="future")
    if on < member.admitted_on:
        raise ValidationError(
            {field: _("The date is before the member's admission.")}, code="date_order"
        )
    last = last_event_date(member)
    if last is not None and on < last:
        raise ValidationError(
            {
                field: _("The date is before the member's last recorded change (%(date)s).")
                % {"date": rules.short_date(last)}
            },
            code="date_order",
        )
    return on


def check_decision(decision: dict[str, Any], required: bool) -> None:
    """A decision's number, date and issuing body (required for removals), not in the future."""
    errors: dict[str, list] = {}
    if required:
        for name in DECISION_FIELDS:
            if not decision.get(name):
                errors.setdefault(name, []).append(_("This decision needs this field."))
    signed = decision.get("decision_date")
    if signed and signed > timezone.localdate():
        errors.setdefault("decision_date", []).append(_("The date is in the future."))
    if errors:
        raise ValidationError(errors, code="decision")


def _decision(data: dict[str, Any]) -> dict[str, Any]:
    """The event's decision fields from the service's keyword arguments."""
    return {
        "decision_number": data.get("decision_number") or "",
        "decision_date": data.get("decision_date") or None,
        "decision_body": data.get("decision_body") or "",
    }


# --- working away, exemption ---------------------------------------------------------------


@transaction.atomic
def start_working_away(
    *, user, member: Member, on: dt.date, place: str = "", note: str = "", expected_version=None
) -> MemberEvent:
    """Đi làm ăn xa: the member works away from home from `on`."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    if not applies(MEMBER, "away", member):
        raise ValidationError(
            _("The member is already recorded as working away."), code="already_away"
        )
    check_date(member, on)
    update_member_state(member, away_since=on)
    return record_event(
        user=user,
        member=member,
        kind=EventKind.AWAY_STARTED,
        occurred_on=on,
        note=note,
        details={"place": place} if place else {},
    )


@transaction.atomic
def stop_working_away(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None
) -> MemberEvent:
    member = lock_member(user, member, expected_version)
    require_active(member)
    if not applies(MEMBER, "away_end", member):
        raise ValidationError(_("The member is not recorded as working away."), code="not_away")
    check_date(member, on)
    if on < member.away_since:
        raise ValidationError(
            {"occurred_on": _("The date is before the member started working away.")},
            code="date_order",
        )
    update_member_state(member, away_since=None)
    return record_event(
        user=user, member=member, kind=EventKind.AWAY_ENDED, occurred_on=on, note=note
    )


@transaction.atomic
def exempt_from_party_work(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None, **decision
) -> MemberEvent:
    """Miễn công tác và sinh hoạt đảng (old age, illness), decided by the branch."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    if not applies(MEMBER, "exempt", member):
        raise ValidationError(_("The member is already exempted."), code="already_exempt")
    check_date(member, on)
    check_decision(decision, required=False)
    update_member_state(member, exempt_since=on)
    return record_event(
        user=user,
        member=member,
        kind=EventKind.EXEMPTED,
        occurred_on=on,
        note=note,
        **_decision(decision),
    )


@transaction.atomic
def end_exemption(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None
) -> MemberEvent:
    member = lock_member(user, member, expected_version)
    require_active(member)
    if not applies(MEMBER, "exempt_end", member):
        raise ValidationError(_("The member is not exempted."), code="not_exempt")
    check_date(member, on)
    if on < member.exempt_since:
        raise ValidationError(
            {"occurred_on": _("The date is before the exemption started.")}, code="date_order"
        )
    update_member_state(member, exempt_since=None)
    return record_event(
        user=user, member=member, kind=EventKind.EXEMPTION_ENDED, occurred_on=on, note=note
    )


# --- leaving the roll ----------------------------------------------------------------------


def _leave_roll(
    user, member: Member, kind: str, status: str, on: dt.date, note: str, decision, details=None
) -> MemberEvent:
    """Close the member's placements, set the status and append the event."""
    close_placements(member, on)
    update_member_state(member, status=status, status_since=on, away_since=None)
    return record_event(
        user=user,
        member=member,
        kind=kind,
        occurred_on=on,
        note=note,
        # The first admission date, for the seniority of a later re-admission (R2.13).
        details={"admitted_on": member.admitted_on.isoformat(), **(details or {})},
        **_decision(decision),
    )


@transaction.atomic
def strike_off(
    *,
    user,
    member: Member,
    on: dt.date,
    ground: str,
    note: str = "",
    expected_version=None,
    **decision,
) -> MemberEvent:
    """R6.7 (QĐ 29 §8.1): xóa tên, proposed by the branch and decided by the competent
    committee on one of the listed grounds."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    if ground not in StrikeOffGround.values:
        raise ValidationError({"ground": _("Choose the ground of the removal.")}, code="ground")
    check_date(member, on)
    check_decision(decision, required=True)
    return _leave_roll(
        user,
        member,
        EventKind.STRUCK_OFF,
        Status.STRUCK_OFF,
        on,
        note,
        decision,
        {"ground": ground},
    )


@transaction.atomic
def allow_to_leave(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None, **decision
) -> MemberEvent:
    """R6.8 (HD 01 §11.2; Điều lệ Đ8.3): cho ra khỏi Đảng, only for a member with no
    violation: one under discipline or with a case open is disciplined first."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    check_date(member, on)
    check_decision(decision, required=True)
    rules.check_may_leave(member, on)
    return _leave_roll(user, member, EventKind.LEFT, Status.LEFT, on, note, decision)


@transaction.atomic
def record_death(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None
) -> MemberEvent:
    """Từ trần: the member's placements close on the date of death."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    check_date(member, on)
    return _leave_roll(user, member, EventKind.DECEASED, Status.DECEASED, on, note, {})


def expel(user, member: Member, on: dt.date, discipline: Discipline) -> MemberEvent:
    """Khai trừ, run by an expulsion decision (never on its own)."""
    decision = {
        "decision_number": discipline.decision_number,
        "decision_date": discipline.signed_on,
        "decision_body": discipline.decision_body,
    }
    return _leave_roll(
        user,
        member,
        EventKind.EXPELLED,
        Status.EXPELLED,
        on,
        discipline.reason,
        decision,
        {"discipline": discipline.pk},
    )


@transaction.atomic
def restore(
    *,
    user,
    member: Member,
    on: dt.date,
    branch: Organization | None = None,
    note: str = "",
    expected_version=None,
    **decision,
) -> MemberEvent:
    """A member wrongly expelled and cleared: back on the roll with a continuous party age
    (R2.13); the expulsion is annulled. They return to their branch (or `branch` if it was
    dissolved meanwhile)."""
    member = lock_member(user, member, expected_version)
    if not applies(MEMBER, "restore", member):
        raise ValidationError(_("Only an expelled member can be restored."), code="not_expelled")
    check_date(member, on)
    check_decision(decision, required=True)
    branch = branch or member.organization
    require_manage(user, branch)
    require_branch(branch)
    status = Status.OFFICIAL if member.recognized_on else Status.PROBATIONARY
    Discipline.objects.filter(
        member=member, form=DisciplineForm.EXPULSION, annulled_on__isnull=True
    ).update(annulled_on=on, updated_at=timezone.now())
    Placement.objects.create(
        member=member, organization=branch, kind=PlacementKind.OFFICIAL, valid_from=on
    )
    update_member_state(
        member,
        status=status,
        status_since=on,
        organization=branch,
        org_path=branch.path,
    )
    return record_event(
        user=user,
        member=member,
        kind=EventKind.RESTORED,
        occurred_on=on,
        note=note,
        **_decision(decision),
    )
