"""Bricks of the evaluation services: who decides what (R4.7), the cycle's dates, records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.organizations.choices import GRASSROOTS_KINDS, Kind
from dangvu.organizations.models import Organization

from ..choices import Action, CycleStatus, Rating
from ..models import EvaluationCycle, EvaluationRecord, MemberEvaluation, OrganizationEvaluation

STEPLEN = Organization.steplen


def today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def ancestor_paths(path: str) -> list[str]:
    """The path itself and every ancestor's path (materialized-path prefixes)."""
    return [path[:n] for n in range(STEPLEN, len(path) + 1, STEPLEN)]


def grassroots_of(organization: Organization) -> Organization | None:
    """The nearest organization at or above `organization` whose kind is grassroots."""
    if organization.kind in GRASSROOTS_KINDS:
        return organization
    return (
        Organization.objects.filter(
            path__in=ancestor_paths(organization.path), kind__in=GRASSROOTS_KINDS
        )
        .order_by("-depth")
        .first()
    )


def deciding_organization(evaluation: MemberEvaluation | OrganizationEvaluation) -> Organization:
    """R4.7 (HD 43; practice [U] for members): the grassroots committee decides its members and
    its branches; the directly superior committee decides a grassroots organization."""
    if isinstance(evaluation, MemberEvaluation):
        return evaluation.grassroots
    organization = evaluation.organization
    if organization.kind in GRASSROOTS_KINDS:
        return Organization.objects.get(path=organization.path[:-STEPLEN])
    return grassroots_of(organization)


def acts_for(user, organization: Organization | None) -> bool:
    """The user works for exactly this organization with a role that may write. A higher
    level sees the rows but does not decide them ("only the right level decides")."""
    return bool(
        organization is not None
        and user.is_authenticated
        and user.is_active
        and user.is_editor
        and user.organization_id == organization.pk
    )


def require_acts_for(user, organization: Organization | None, message: str) -> None:
    if not acts_for(user, organization):
        raise PermissionDenied(message)


def may_decide(user, evaluation) -> bool:
    return acts_for(user, deciding_organization(evaluation))


def may_propose(user, evaluation: MemberEvaluation) -> bool:
    return acts_for(user, evaluation.organization)


def require_open(cycle: EvaluationCycle) -> None:
    if cycle.status != CycleStatus.OPEN:
        raise ValidationError(_("This evaluation cycle is closed."), code="closed")


def require_window(cycle: EvaluationCycle, on: dt.date, start: dt.date, end: dt.date) -> None:
    """A step is taken only within its dates (R4.9: the year's review calendar)."""
    require_open(cycle)
    if on < start:
        raise ValidationError(
            _("This step opens on %(date)s.") % {"date": start.strftime("%d/%m/%Y")},
            code="too_early",
        )
    if on > end:
        raise ValidationError(
            _("This step closed on %(date)s.") % {"date": end.strftime("%d/%m/%Y")},
            code="too_late",
        )


def check_rating(value: str, field: str = "rating") -> str:
    if value not in Rating.values:
        raise ValidationError({field: _("Choose one of the four levels.")}, code="invalid")
    return value


def record(
    evaluation: MemberEvaluation | OrganizationEvaluation,
    action: str,
    user,
    rating: str = "",
    reason: str = "",
    points: Decimal | None = None,
) -> EvaluationRecord:
    """One line of the append-only history (not saved: callers bulk_create)."""
    target = (
        {"member_evaluation": evaluation}
        if isinstance(evaluation, MemberEvaluation)
        else {"organization_evaluation": evaluation}
    )
    return EvaluationRecord(
        **target,
        org_path=evaluation.org_path,
        action=action,
        rating=rating,
        points=points,
        reason=reason,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )


def overlapping_cycles(path: str, year: int):
    """Cycles of the same year over an ancestor's, the same, or a descendant's subtree."""
    return EvaluationCycle.objects.filter(year=year).filter(
        Q(org_path__in=ancestor_paths(path)) | Q(org_path__startswith=path)
    )


OPENING_KINDS = (
    Kind.PROVINCE_COMMITTEE,
    Kind.DISTRICT_COMMITTEE,
    Kind.SECTOR_COMMITTEE,
    Kind.COMMUNE_COMMITTEE,
    Kind.AGENCY_COMMITTEE,
)

__all__ = [
    "Action",
    "OPENING_KINDS",
    "acts_for",
    "ancestor_paths",
    "check_rating",
    "deciding_organization",
    "grassroots_of",
    "may_decide",
    "may_propose",
    "overlapping_cycles",
    "record",
    "require_acts_for",
    "require_open",
    "require_window",
    "today",
]
