"""Helpers of the evaluation tests: a cycle open today over a commune, members in bulk."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from dangvu.evaluations import services
from dangvu.evaluations.models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from dangvu.members.models import Discipline
from tests.factories import MemberFactory


def dates(today: dt.date | None = None, **shift) -> dict:
    """Each step's window around today: self-assessment open, proposals and decisions later."""
    today = today or timezone.localdate()
    return {
        "self_from": today - dt.timedelta(days=shift.get("self_from", 5)),
        "self_until": today + dt.timedelta(days=shift.get("self_until", 5)),
        "propose_until": today + dt.timedelta(days=shift.get("propose_until", 10)),
        "decide_until": today + dt.timedelta(days=shift.get("decide_until", 20)),
    }


def review_year() -> int:
    """The year under review: this year, or last year in early January (windows start
    up to 30 days back and may not start before the year reviewed)."""
    return (timezone.localdate() - dt.timedelta(days=40)).year


def open_cycle(world, organization=None, user=None, **shift) -> EvaluationCycle:
    today = timezone.localdate()
    return services.open_cycle(
        user=user or world.users.officer_a,
        organization=organization or world.commune_a,
        year=review_year(),
        **dates(today, **shift),
    )


def row(cycle, member) -> MemberEvaluation:
    return MemberEvaluation.objects.select_related("cycle", "member", "grassroots").get(
        cycle=cycle, member=member
    )


def org_row(cycle, organization) -> OrganizationEvaluation:
    return OrganizationEvaluation.objects.select_related("cycle", "organization").get(
        cycle=cycle, organization=organization
    )


def add_members(branch, count: int, **extra) -> list:
    return [MemberFactory(organization=branch, **extra) for _ in range(count)]


def discipline(member, signed_on: dt.date, **extra) -> Discipline:
    return Discipline.objects.create(
        member=member,
        organization=member.organization,
        org_path=member.org_path,
        form=extra.pop("form", "reprimand"),
        reason=extra.pop("reason", "Vi phạm quy định"),
        signed_on=signed_on,
        **extra,
    )


FULL_SCORES = {
    "no_post": {
        "political": 8,
        "ethics": 8,
        "discipline": 7,
        "style": 7,
        "assigned": 40,
        "party_duties": 20,
        "residence": 10,
    }
}
ALL_CONDITIONS = {"all_on_time": True, "above_requirement": True, "limitations_fixed": True}
