"""After probation: recognition as an official member or not (R2.11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from dangvu.members.choices import EventKind, Status
from dangvu.members.models import Member, Placement
from dangvu.members.services import record_event
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import Action
from ..models import (
    Candidate,
    Recognition,
)
from ..queries import official_members_on
from ..rules import invalid
from ._common import (
    _d,
    _lock,
    _log,
    _not_before,
    _not_future,
    _require_step,
    _save,
)


def _probation(candidate: Candidate, values) -> dt.date:
    return rules.probation_end(candidate.ceremony_on, values)


@transaction.atomic
def record_failed_recognition_vote(
    *, user, candidate: Candidate, vote_on: dt.date, yes_votes: int
) -> Candidate:
    """A recognition vote below 2/3; after the third the superior committee decides (R2.11c)."""
    candidate = _lock(candidate)
    _require_step(user, candidate, Action.RECOGNITION_VOTE_FAILED)
    from_stage = candidate.stage
    rules.target_stage(candidate, Action.RECOGNITION_VOTE_FAILED)
    profile, values = rules.in_force(vote_on)
    end = _probation(candidate, values)
    official_count = official_members_on(candidate.organization, vote_on)

    def dates() -> None:
        _not_future(vote_on, "vote_on")
        _not_before(vote_on, end, "vote_on", _("the end of probation"))

    def failed() -> None:
        if yes_votes > official_count:
            rules.check_vote(yes_votes, official_count, values, field="yes_votes")
        if yes_votes >= rules.votes_needed(official_count, values) and official_count:
            raise invalid(
                "yes_votes",
                _("This vote reaches %(share)s: record the recognition instead.")
                % {"share": rules.vote_share_text(values)},
                "vote_passes",
            )

    rules.collect([dates, failed])
    candidate.recognition_failed_votes += 1
    candidate.recognition_escalated = rules.recognition_escalates(
        candidate.recognition_failed_votes, values
    )
    _save(candidate, ["recognition_failed_votes", "recognition_escalated"])
    note = _("%(yes)s of %(count)s official members in favour") % {
        "yes": yes_votes,
        "count": official_count,
    }
    if candidate.recognition_escalated:
        note += " · " + _("referred to the superior committee (R2.11c)")
    _log(
        candidate,
        action=Action.RECOGNITION_VOTE_FAILED,
        from_stage=from_stage,
        on=vote_on,
        user=user,
        profile=profile,
        note=note,
    )
    return candidate


@dataclass
class _Decision:
    """What recognizing and not recognizing share: the locked rows, the authority, the rule
    profile, the probation's end and the checks of dates and number."""

    candidate: Candidate
    authority: Organization
    from_stage: str
    target: str
    profile: Any
    values: dict[str, Any]
    end: dt.date
    member: Member
    checks: list[Callable[[], None]]


def _prepare(
    user, candidate: Candidate, action: str, resolution_on, decision_number, decision_date
) -> _Decision:
    candidate = _lock(candidate)
    authority = _require_step(user, candidate, action)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, action)
    profile, values = rules.in_force(decision_date or resolution_on)
    end = _probation(candidate, values)
    member = Member.objects.select_for_update().get(pk=candidate.member_id)

    def dates() -> None:
        _not_future(resolution_on, "resolution_on")
        _not_before(resolution_on, end, "resolution_on", _("the end of probation"))
        _not_future(decision_date, "decision_date")
        _not_before(decision_date, resolution_on, "decision_date", _("the branch's resolution"))

    def number_given() -> None:
        if not (decision_number or "").strip():
            raise invalid("decision_number", _("This field is required."), "required")

    def still_probationary() -> None:
        if member.status != Status.PROBATIONARY:
            raise invalid(
                NON_FIELD_ERRORS,
                _("%(name)s is no longer a probationary member.") % {"name": member},
                "not_probationary",
            )

    return _Decision(
        candidate,
        authority,
        from_stage,
        target,
        profile,
        values,
        end,
        member,
        [dates, number_given, still_probationary],
    )


@transaction.atomic
def recognize(
    *,
    user,
    candidate: Candidate,
    resolution_on: dt.date,
    yes_votes: int | None,
    decision_number: str,
    decision_date: dt.date,
    decision_body: str = "",
) -> Recognition:
    """Recognition as an official member: official from the end of probation whatever the
    decision's date (R2.11b); the branch's 2/3 vote unless the case was referred (R2.11c)."""
    d = _prepare(user, candidate, Action.RECOGNIZED, resolution_on, decision_number, decision_date)
    candidate, member, values, end, checks = d.candidate, d.member, d.values, d.end, d.checks
    official_count = official_members_on(candidate.organization, resolution_on)
    if not candidate.recognition_escalated:

        def vote() -> None:
            if yes_votes is None:
                raise invalid("yes_votes", _("This field is required."), "required")
            rules.check_vote(yes_votes, official_count, values, field="yes_votes")

        checks.append(vote)
    rules.collect(checks)
    effective = rules.recognized_from(end)
    recognition = Recognition.objects.create(
        candidate=candidate,
        org_path=candidate.org_path,
        organization=d.authority,
        outcome=Recognition.Outcome.RECOGNIZED,
        probation_end=end,
        resolution_on=resolution_on,
        yes_votes=yes_votes,
        official_count=official_count,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decision_body=decision_body.strip() or d.authority.name,
        effective_on=effective,
        late_consideration=resolution_on > rules.recognition_consider_deadline(end, values),
        late_decision=decision_date > rules.recognition_decision_deadline(resolution_on, values),
        escalated=candidate.recognition_escalated,
        rule_profile=d.profile,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    member.status = Status.OFFICIAL
    member.recognized_on = effective
    member.status_since = effective
    member.full_clean()
    member.version = F("version") + 1
    member.save()
    member.refresh_from_db()
    record_event(
        user=user,
        member=member,
        kind=EventKind.RECOGNIZED,
        occurred_on=effective,
        organization=candidate.organization,
        rule_profile=d.profile,
        decision_number=recognition.decision_number,
        decision_date=decision_date,
        decision_body=recognition.decision_body,
        details={"candidate": candidate.pk, "resolution_on": resolution_on.isoformat()},
    )
    candidate.stage, candidate.stage_since = d.target, effective
    _save(candidate, ["stage", "stage_since"])
    _log(
        candidate,
        action=Action.RECOGNIZED,
        from_stage=d.from_stage,
        on=decision_date,
        user=user,
        profile=d.profile,
        note=_("Decision %(number)s; official from %(date)s")
        % {"number": recognition.decision_number, "date": _d(effective)},
    )
    return recognition


@transaction.atomic
def not_recognize(
    *,
    user,
    candidate: Candidate,
    resolution_on: dt.date,
    decision_number: str,
    decision_date: dt.date,
    decision_body: str = "",
    reason: str = "",
    yes_votes: int | None = None,
) -> Recognition:
    """Not recognized (xóa tên đảng viên dự bị, R2.11a): struck off from the decision's date."""
    d = _prepare(
        user, candidate, Action.NOT_RECOGNIZED, resolution_on, decision_number, decision_date
    )
    candidate, member, values, end, checks = d.candidate, d.member, d.values, d.end, d.checks

    def reason_given() -> None:
        if not reason.strip():
            raise invalid("reason", _("This field is required."), "required")

    checks.append(reason_given)
    rules.collect(checks)
    official_count = official_members_on(candidate.organization, resolution_on)
    recognition = Recognition.objects.create(
        candidate=candidate,
        org_path=candidate.org_path,
        organization=d.authority,
        outcome=Recognition.Outcome.NOT_RECOGNIZED,
        probation_end=end,
        resolution_on=resolution_on,
        yes_votes=yes_votes,
        official_count=official_count,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decision_body=decision_body.strip() or d.authority.name,
        effective_on=decision_date,
        late_consideration=resolution_on > rules.recognition_consider_deadline(end, values),
        late_decision=decision_date > rules.recognition_decision_deadline(resolution_on, values),
        escalated=candidate.recognition_escalated,
        reason=reason.strip(),
        rule_profile=d.profile,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    Placement.objects.filter(
        member=member, valid_to__isnull=True, valid_from__lt=decision_date
    ).update(valid_to=decision_date)
    member.status = Status.STRUCK_OFF
    member.status_since = decision_date
    member.full_clean()
    member.version = F("version") + 1
    member.save()
    member.refresh_from_db()
    record_event(
        user=user,
        member=member,
        kind=EventKind.NOT_RECOGNIZED,
        occurred_on=decision_date,
        organization=candidate.organization,
        rule_profile=d.profile,
        decision_number=recognition.decision_number,
        decision_date=decision_date,
        decision_body=recognition.decision_body,
        note=recognition.reason,
        details={"candidate": candidate.pk},
    )
    candidate.stage, candidate.stage_since = d.target, decision_date
    _save(candidate, ["stage", "stage_since"])
    _log(
        candidate,
        action=Action.NOT_RECOGNIZED,
        from_stage=d.from_stage,
        on=decision_date,
        user=user,
        profile=d.profile,
        note=recognition.reason,
    )
    return recognition
