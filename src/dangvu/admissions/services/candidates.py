"""Opening, correcting and closing a candidate's file; yearly admission targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from dangvu.core.services import check_version, require_manage
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import OPEN_STAGES, Action, Stage
from ..models import (
    AdmissionTarget,
    Candidate,
)
from ..rules import invalid
from ._common import (
    PERSON_FIELDS,
    _already_readmitted,
    _lock,
    _log,
    _not_before,
    _not_future,
    _require_branch,
    _require_step,
    _save,
)


@transaction.atomic
def create_candidate(*, user, data: dict[str, Any]) -> Candidate:
    """Register a candidate introduced to a branch (by a mass organization or the branch)."""
    organization = data["organization"]
    require_manage(user, organization)
    _require_branch(organization)
    candidate = Candidate(**data)
    candidate.org_path = organization.path
    candidate.stage = Stage.INTRODUCED
    candidate.stage_since = candidate.introduced_on
    candidate.full_clean()
    profile, values = rules.in_force(candidate.introduced_on)
    checks = [lambda: _check_identity(candidate)]
    if candidate.readmission_of_id:
        checks.append(lambda: _check_readmission(user, candidate, values))
    rules.collect(checks)
    candidate.save()
    _log(
        candidate,
        action=Action.INTRODUCED,
        from_stage="",
        on=candidate.introduced_on,
        user=user,
        profile=profile,
        note=candidate.get_introduced_by_display(),
    )
    return candidate


def _check_identity(candidate: Candidate) -> None:
    """One file per person: not already a member (except a re-admission), not twice open."""
    if not candidate.citizen_id:
        return
    member = Member.objects.filter(citizen_id=candidate.citizen_id).first()
    if member is not None and member.pk != candidate.readmission_of_id:
        raise invalid(
            "citizen_id",
            _("A party member with this citizen ID is already registered."),
            "already_member",
        )
    others = Candidate.objects.filter(citizen_id=candidate.citizen_id, stage__in=OPEN_STAGES)
    if candidate.pk:
        others = others.exclude(pk=candidate.pk)
    if others.exists():
        raise invalid(
            "citizen_id", _("This person already has an open admission file."), "already_candidate"
        )


def _check_readmission(user, candidate: Candidate, values) -> None:
    member = candidate.readmission_of
    if not Member.objects.visible_to(user).filter(pk=member.pk).exists():
        raise invalid(
            "readmission_of", _("There is no such former member in your scope."), "not_visible"
        )
    rules.check_readmission_eligible(
        member,
        candidate.leaving_reason,
        values,
        already=_already_readmitted(member),
        conviction_expunged_on=candidate.conviction_expunged_on,
    )


@transaction.atomic
def update_candidate(
    *, user, candidate: Candidate, data: dict[str, Any], expected_version: int | None = None
) -> Candidate:
    """Correct the person's data while the file is open (the branch and stage do not change)."""
    candidate = _lock(candidate)
    require_manage(user, candidate.organization)
    check_version(candidate, expected_version)
    if candidate.stage not in OPEN_STAGES:
        raise invalid(
            NON_FIELD_ERRORS, _("The file is closed: the person is now a party member."), "closed"
        )
    changed = {
        k: v
        for k, v in data.items()
        if k in (*PERSON_FIELDS, "note") and getattr(candidate, k) != v
    }
    if not changed:
        return candidate
    for name, value in changed.items():
        setattr(candidate, name, value)
    candidate.full_clean()
    _check_identity(candidate)
    _save(candidate, [*changed, "name_key", "sort_key"])
    return candidate


@transaction.atomic
def withdraw(*, user, candidate: Candidate, on: dt.date, reason: str) -> Candidate:
    """Close an open file (the candidate withdrew, moved away, or no longer qualifies)."""
    candidate = _lock(candidate)
    _require_step(user, candidate, Action.WITHDRAWN)
    from_stage = candidate.stage
    target = rules.target_stage(candidate, Action.WITHDRAWN)
    profile, _values = rules.in_force(on)

    def checks() -> None:
        _not_future(on, "on")
        _not_before(on, candidate.stage_since, "on", _("the current stage's date"))
        if not reason.strip():
            raise invalid("reason", _("This field is required."), "required")

    rules.collect([checks])
    candidate.stage, candidate.stage_since = target, on
    _save(candidate, ["stage", "stage_since"])
    _log(
        candidate,
        action=Action.WITHDRAWN,
        from_stage=from_stage,
        on=on,
        user=user,
        profile=profile,
        note=reason.strip(),
    )
    return candidate


@transaction.atomic
def set_target(
    *, user, organization: Organization, year: int, target: int, note: str = ""
) -> AdmissionTarget:
    """Set (or replace) an organization's admission target for a year."""
    require_manage(user, organization)
    errors = {}
    if not 2000 <= year <= 2100:
        errors["year"] = _("Enter a year between 2000 and 2100.")
    if target < 0:
        errors["target"] = _("The target cannot be negative.")
    if not organization.is_active:
        errors["organization"] = _("This organization has been dissolved.")
    if errors:
        raise ValidationError(errors)
    existing = (
        AdmissionTarget.objects.select_for_update()
        .filter(organization=organization, year=year)
        .first()
    )
    if existing is not None:
        existing.target, existing.note = target, note.strip()
        existing.save(update_fields=["target", "note", "updated_at"])
        return existing
    return AdmissionTarget.objects.create(
        organization=organization, year=year, target=target, note=note.strip()
    )
