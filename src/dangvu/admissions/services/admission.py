"""The authorized committee's decision (R2.7, R2.8) and the admission ceremony (R2.9),
where the candidate becomes a probationary member (R2.10, R2.13; R2.12 re-admission)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from dangvu.members.choices import EventKind, PlacementKind, Status
from dangvu.members.models import Member, Placement
from dangvu.members.services import create_member, record_event

from .. import rules
from ..choices import Action
from ..models import (
    AdmissionDecision,
    Candidate,
)
from ..rules import invalid
from ._common import (
    PERSON_FIELDS,
    _already_readmitted,
    _d,
    _lock,
    _log,
    _not_before,
    _not_future,
    _require_step,
    _save,
)


@transaction.atomic
def decide_admission(
    *,
    user,
    candidate: Candidate,
    number: str,
    signed_on: dt.date,
    received_on: dt.date | None = None,
    body: str = "",
) -> AdmissionDecision:
    """The authorized committee's admission decision (R2.7, R2.8; R2.12 for re-admissions)."""
    candidate = _lock(candidate)
    authority = _require_step(user, candidate, Action.DECISION)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, Action.DECISION)
    received_on = received_on or signed_on
    profile, values = rules.in_force(signed_on)

    def dates() -> None:
        _not_future(signed_on, "signed_on")
        _not_before(signed_on, candidate.vote_on, "signed_on", _("the branch's resolution"))
        _not_future(received_on, "received_on")
        _not_before(received_on, signed_on, "received_on", _("the decision's signature"))

    def number_given() -> None:
        if not number.strip():
            raise invalid("number", _("This field is required."), "required")

    def readmission() -> None:
        member = candidate.readmission_of
        if member is not None:
            rules.check_readmission_date(
                member.status_since,
                signed_on,
                values,
                candidate.conviction_expunged_on,
                reason=candidate.leaving_reason,
            )

    rules.collect([dates, number_given, readmission])
    deadline = rules.decision_deadline(candidate.vote_on, values)
    decision = AdmissionDecision.objects.create(
        candidate=candidate,
        org_path=candidate.org_path,
        organization=authority,
        number=number.strip(),
        signed_on=signed_on,
        received_on=received_on,
        body=body.strip() or authority.name,
        deadline=deadline,
        late=signed_on > deadline,
        rule_profile=profile,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    candidate.decided_on = signed_on
    candidate.stage, candidate.stage_since = target, signed_on
    _save(candidate, ["decided_on", "stage", "stage_since"])
    note = _("Decision %(number)s") % {"number": decision.number}
    if decision.late:
        note += " · " + _("after the deadline of %(date)s (R2.7)") % {"date": _d(deadline)}
    _log(
        candidate,
        action=Action.DECISION,
        from_stage=from_stage,
        on=signed_on,
        user=user,
        profile=profile,
        note=note,
    )
    return decision


@transaction.atomic
def hold_ceremony(
    *,
    user,
    candidate: Candidate,
    ceremony_on: dt.date,
    consent: str = "",
    mentor: Member | None = None,
) -> Member:
    """The admission ceremony (R2.9): the candidate becomes a probationary member, in the same
    transaction as the ADMITTED (or READMITTED) event. Party age counts from the decision
    (R2.13), probation from the ceremony (R2.10)."""
    candidate = _lock(candidate)
    _require_step(user, candidate, Action.CEREMONY)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, Action.CEREMONY)
    decision = candidate.decision
    profile, values = rules.in_force(ceremony_on)

    def dates() -> None:
        _not_future(ceremony_on, "ceremony_on")
        _not_before(ceremony_on, decision.received_on, "ceremony_on", _("the decision's receipt"))

    def mentor_ok() -> None:
        if mentor is not None:
            try:
                rules.check_introducer_member(mentor, candidate.organization)
            except ValidationError as error:
                raise ValidationError({"mentor": error.error_dict["introducers"]}) from None

    rules.collect(
        [
            dates,
            lambda: rules.check_ceremony_date(ceremony_on, decision.received_on, values, consent),
            mentor_ok,
        ]
    )
    decision_fields = {
        "decision_number": decision.number,
        "decision_date": decision.signed_on,
        "decision_body": decision.body,
    }
    if candidate.readmission_of_id:
        member = _readmit(user, candidate, ceremony_on)
        kind = EventKind.READMITTED
    else:
        member = _admit(user, candidate, decision, ceremony_on)
        kind = EventKind.ADMITTED
    record_event(
        user=user,
        member=member,
        kind=kind,
        occurred_on=ceremony_on,
        organization=candidate.organization,
        rule_profile=profile,
        details={"candidate": candidate.pk},
        **decision_fields,
    )
    candidate.member = member
    candidate.ceremony_on = ceremony_on
    candidate.ceremony_consent = consent.strip()
    candidate.mentor = mentor
    candidate.stage, candidate.stage_since = target, ceremony_on
    _save(
        candidate, ["member", "ceremony_on", "ceremony_consent", "mentor", "stage", "stage_since"]
    )
    deadline = rules.ceremony_deadline(decision.received_on, values)
    note = ""
    if ceremony_on > deadline:
        note = _("after the deadline of %(date)s, with the consent: %(consent)s") % {
            "date": _d(deadline),
            "consent": candidate.ceremony_consent,
        }
    _log(
        candidate,
        action=Action.CEREMONY,
        from_stage=from_stage,
        on=ceremony_on,
        user=user,
        profile=profile,
        note=note,
    )
    return member


def _admit(user, candidate: Candidate, decision: AdmissionDecision, ceremony_on: dt.date) -> Member:
    data = {name: getattr(candidate, name) for name in PERSON_FIELDS}
    for name in ("education_exception", "is_village_head"):
        data.pop(name)
    data["citizen_id"] = data["citizen_id"] or None
    data.update(
        organization=candidate.organization,
        status=Status.PROBATIONARY,
        admitted_on=decision.signed_on,  # R2.13: party age counts from the decision
        status_since=ceremony_on,  # R2.10: probation counts from the ceremony
    )
    return create_member(user=user, data=data, placed_on=ceremony_on, facts=False)


def _readmit(user, candidate: Candidate, ceremony_on: dt.date) -> Member:
    """R2.12: the former member's own record serves probation again (first admission date kept
    for party age, R2.13); a new official placement opens in the branch."""
    member = Member.objects.select_for_update().get(pk=candidate.readmission_of_id)
    if member.status not in rules.OUT_OF_PARTY or _already_readmitted(member):
        raise invalid(
            NON_FIELD_ERRORS,
            _("%(name)s cannot be re-admitted.") % {"name": member},
            "readmission_refused",
        )
    branch = candidate.organization
    open_placements = Placement.objects.filter(
        member=member, kind=PlacementKind.OFFICIAL, valid_to__isnull=True
    )
    for placement in open_placements:
        if placement.valid_from >= ceremony_on:
            raise invalid(
                "ceremony_on",
                _("The former member's last placement starts after this date."),
                "date_order",
            )
    open_placements.update(valid_to=member.status_since)
    Placement.objects.create(
        member=member, organization=branch, kind=PlacementKind.OFFICIAL, valid_from=ceremony_on
    )
    member.status = Status.PROBATIONARY
    member.status_since = ceremony_on
    member.recognized_on = None
    member.organization = branch
    member.org_path = branch.path
    member.full_clean()
    member.version = F("version") + 1
    member.save()
    member.refresh_from_db()
    return member
