"""Helpers shared by the step services: locking, the stage machine, the step log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.members.choices import EventKind
from dangvu.members.models import Member, MemberEvent
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import ADMITTED_STAGES
from ..models import (
    Candidate,
    CandidateStep,
)
from ..rules import invalid

# The person's fields, as on the create and edit forms.
PERSON_FIELDS = (
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "citizen_id",
    "phone",
    "hometown",
    "residence",
    "general_education",
    "education_exception",
    "professional_level",
    "occupation",
    "workplace",
    "is_village_head",
)


def _d(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _lock(candidate: Candidate) -> Candidate:
    return Candidate.objects.select_for_update().select_related("organization").get(pk=candidate.pk)


def _require_step(user, candidate: Candidate, action: str) -> Organization:
    """The organization that takes `action` (the transition table's), which the user must
    manage; PermissionDenied otherwise."""
    organization = rules.acting_organization(candidate, action)
    require_manage(user, organization)
    return organization


def may_take(user, candidate: Candidate, action: str) -> bool:
    """The user may take `action` on the candidate (the stage is checked by the step)."""
    return rules.may_take(user, candidate, action)


def step_taker(user, candidate: Candidate, action: str) -> Organization:
    """The organization that takes `action` on the candidate (the transition table's);
    PermissionDenied naming it when the user does not manage it."""
    organization = rules.acting_organization(candidate, action)
    if not user.can_manage(organization):
        raise PermissionDenied(
            _("This step is taken by %(organization)s.") % {"organization": organization}
        )
    return organization


def may_manage(user, candidate: Candidate) -> bool:
    """The user manages the candidate's branch (corrects the person's data)."""
    return user.can_manage(candidate.organization)


def may_edit(user, candidate: Candidate) -> bool:
    """The person's data can be corrected while the file is open, by the branch's managers."""
    return candidate.is_open and user.can_manage(candidate.organization)


def may_add_candidates(user, _obj=None) -> bool:
    """Editors open files (in a branch they manage, checked by `create_candidate`)."""
    return user.is_editor


def may_set_targets(user, _obj=None) -> bool:
    return user.is_editor


def _not_future(day: dt.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise invalid(field, _("This date is in the future."), "future")


def _not_before(day: dt.date | None, earlier: dt.date | None, field: str, what: str) -> None:
    if day is not None and earlier is not None and day < earlier:
        raise invalid(
            field,
            _("This date is before %(what)s (%(date)s).") % {"what": what, "date": _d(earlier)},
            "date_order",
        )


def _log(
    candidate: Candidate,
    *,
    action: str,
    from_stage: str,
    on: dt.date,
    user,
    profile,
    note: str = "",
) -> CandidateStep:
    return CandidateStep.objects.create(
        candidate=candidate,
        action=action,
        from_stage=from_stage,
        to_stage=candidate.stage,
        occurred_on=on,
        note=note,
        rule_profile=profile,
        recorded_by=user if getattr(user, "pk", None) else None,
    )


def _save(candidate: Candidate, fields: list[str]) -> None:
    candidate.version = F("version") + 1
    candidate.save(update_fields=[*fields, "version", "updated_at"])
    candidate.refresh_from_db()


def _require_branch(organization: Organization) -> None:
    if not organization.is_branch:
        raise invalid(
            "organization", _("Candidates are considered by a party branch."), "not_branch"
        )
    if not organization.is_active:
        raise invalid("organization", _("This branch has been dissolved."), "dissolved")


def _already_readmitted(member: Member) -> bool:
    return (
        MemberEvent.objects.filter(member=member, kind=EventKind.READMITTED).exists()
        or Candidate.objects.filter(readmission_of=member, stage__in=ADMITTED_STAGES).exists()
    )
