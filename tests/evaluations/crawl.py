"""Teach the scope crawler (tests/test_scope_crawler.py) the evaluations app's records: a cycle
opened by each sibling commune, with a decided row on each side (Đức in thôn Đông, Minh in khu
phố 1)."""

from __future__ import annotations

from dangvu.evaluations import services
from dangvu.evaluations.models import (
    EvaluationCycle,
    EvaluationRecord,
    MemberEvaluation,
    OrganizationEvaluation,
)
from tests.factories import Role, make_user

from .factories import dates, review_year


def _side(officer, commune, grassroots_user, member, branch) -> dict:
    cycle = services.open_cycle(user=officer, organization=commune, year=review_year(), **dates())
    evaluation = MemberEvaluation.objects.get(cycle=cycle, member=member)
    services.decide_one(user=grassroots_user, evaluation=evaluation, rating="completed")
    branch_row = OrganizationEvaluation.objects.get(cycle=cycle, organization=branch)
    return {
        EvaluationCycle: cycle,
        MemberEvaluation: evaluation,
        OrganizationEvaluation: branch_row,
        EvaluationRecord: EvaluationRecord.objects.filter(member_evaluation=evaluation).get(),
    }


def crawl_objects(world) -> dict:
    a = _side(
        world.users.officer_a, world.commune_a, world.users.grassroots_a, world.duc, world.branch_a1
    )
    grassroots_b = make_user("coso_b_eval", Role.GRASSROOTS_STAFF, world.base_b)
    b = _side(world.users.officer_b, world.commune_b, grassroots_b, world.minh, world.branch_b1)
    return {model: (a[model], b[model]) for model in a}
