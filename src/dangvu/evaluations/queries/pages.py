"""Reads of the results pages besides the counts (results.py): the years with a cycle, the
organizations a user may look at, and who signs a decisions' list."""

from __future__ import annotations

import datetime as dt

from dangvu.core.scope import subtree_q
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat, Organization

from ..choices import CycleStatus
from ..models import EvaluationCycle


def cycle_years() -> list[int]:
    """Years with an evaluation cycle (a handful of rows), newest first."""
    return list(EvaluationCycle.objects.values_list("year", flat=True).distinct().order_by("-year"))


def latest_closed_year() -> int | None:
    closed = (
        EvaluationCycle.objects.filter(status=CycleStatus.CLOSED)
        .order_by("-year")
        .values("year")
        .first()
    )
    return closed["year"] if closed else None


def year_cycle(year: int) -> EvaluationCycle | None:
    """The year's cycle opened highest in the tree."""
    return EvaluationCycle.objects.filter(year=year).order_by("org_path").first()


def visible_organization(user, pk: int) -> Organization | None:
    return Organization.objects.visible_to(user).filter(pk=pk).first()


def default_organization(user) -> Organization | None:
    """The user's own organization; the root for those who see everything."""
    if user.organization_id is not None:
        return user.organization
    if user.sees_everything:
        return Organization.objects.get_root_nodes().first()
    return None


def children_of(user, organization: Organization, year: int) -> list[Organization]:
    """The child organizations shown in the breakdown (those dissolved before the year left
    out)."""
    return list(
        Organization.objects.visible_to(user)
        .filter(subtree_q("path", organization.path), depth=organization.depth + 1)
        .exclude(dissolved_on__lt=dt.date(year, 1, 1))
        .order_by("position", "path")
    )


def parent_of(organization: Organization) -> Organization | None:
    return Organization.objects.get_parent(organization)


def secretary_name(organization: Organization, on: dt.date) -> str:
    """The secretary who signs for the organization on `on` ("" when the seat is empty)."""
    seat = (
        CommitteeSeat.objects.current(on)
        .filter(organization=organization, role=SeatRole.SECRETARY)
        .select_related("member")
        .first()
    )
    return seat.member.full_name if seat else ""
