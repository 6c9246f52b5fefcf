"""The steps of R4.7 through the services: who may act, when, and what is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dangvu.evaluations import services
from dangvu.evaluations.choices import Action, CycleStatus, EvaluationStep, Framework, Rating
from dangvu.evaluations.models import EvaluationCycle, EvaluationRecord, MemberEvaluation
from dangvu.members.choices import PostKind
from dangvu.members.models import MemberPost
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests.factories import MemberFactory

from .factories import ALL_CONDITIONS, FULL_SCORES, dates, open_cycle, org_row, row

pytestmark = pytest.mark.django_db


def snapshot(cycle) -> list:
    return list(MemberEvaluation.objects.filter(cycle=cycle).order_by("pk").values()) + list(
        EvaluationRecord.objects.order_by("pk").values("pk")
    )


# --- opening a cycle ------------------------------------------------------------------------


def test_open_cycle_creates_one_row_per_member_branch_and_grassroots(world):
    cycle = open_cycle(world)
    members = MemberEvaluation.objects.filter(cycle=cycle)
    assert set(members.values_list("member__full_name", flat=True)) == {
        "Nguyễn Văn Đức",
        "Trần Thị Hoa",
        "Lê Văn Bình",
        "Phạm Thị Lan",
    }
    assert row(cycle, world.duc).grassroots == world.base_a
    assert row(cycle, world.teacher).grassroots == world.school_a  # a chi bộ cơ sở
    assert row(cycle, world.probationer).probationary
    levels = dict(
        cycle.organization.evaluations.none()
        .model.objects.filter(cycle=cycle)
        .values_list("organization__name", "level")
    )
    assert levels == {
        "Đảng bộ cơ sở An Bình": "grassroots",
        "Chi bộ thôn Đông": "branch",
        "Chi bộ thôn Tây": "branch",
        "Chi bộ Trường THCS An Bình": "grassroots",
    }
    assert cycle.uses_points is (cycle.year >= 2025)


def test_R4_8_exempted_members_are_listed_but_not_rated(world):
    world.hoa.exempt_since = dt.date(2024, 6, 1)
    world.hoa.save()
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    assert hoa.excluded and "01/06/2024" in hoa.excluded_reason
    assert hoa.records.get().action == Action.EXCLUDED
    assert MemberEvaluation.objects.filter(cycle=cycle).rated().count() == 3


def test_framework_follows_posts_and_occupation(world):
    world.duc.occupation = "civil_servant"
    world.duc.save()
    world.hoa.occupation = "civil_servant"
    world.hoa.save()
    MemberPost.objects.create(
        member=world.hoa, kind=PostKind.WOMEN_HEAD, valid_from=dt.date(2024, 1, 1)
    )
    CommitteeSeat.objects.create(
        organization=world.branch_a2,
        member=world.probationer,
        role=SeatRole.MEMBER,
        valid_from=dt.date(2025, 1, 1),
    )
    world.teacher.occupation = "retired"
    world.teacher.save()
    cycle = open_cycle(world)
    assert row(cycle, world.duc).framework == Framework.NO_POST
    assert row(cycle, world.hoa).framework == Framework.LEADER
    assert row(cycle, world.probationer).framework == Framework.LEADER
    assert row(cycle, world.teacher).framework == Framework.OUTSIDE


def test_a_cycle_cannot_overlap_an_ancestor_or_descendant_cycle_of_the_same_year(world):
    open_cycle(world)
    with pytest.raises(ValidationError):
        open_cycle(world, organization=world.province, user=world.users.provincial)
    # the sibling commune is free
    open_cycle(world, organization=world.commune_b, user=world.users.officer_b)
    assert EvaluationCycle.objects.count() == 2


def test_only_the_board_over_the_subtree_opens_a_cycle(world):
    for user, org in (
        (world.users.officer_b, world.commune_a),
        (world.users.grassroots_a, world.commune_a),
        (world.users.secretary_a1, world.commune_a),
        (world.users.member_a1, world.commune_a),
    ):
        with pytest.raises(PermissionDenied):
            open_cycle(world, organization=org, user=user)
    with pytest.raises(ValidationError):  # a grassroots organization does not open a cycle
        open_cycle(world, organization=world.base_a, user=world.users.officer_a)
    assert not EvaluationCycle.objects.exists()


def test_cycle_dates_must_be_in_order(world):
    today = timezone.localdate()
    bad = dates(today)
    bad["propose_until"] = bad["self_from"] - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.open_cycle(
            user=world.users.officer_a, organization=world.commune_a, year=today.year, **bad
        )
    assert "propose_until" in error.value.message_dict
    assert not EvaluationCycle.objects.exists()


# --- self-assessment ------------------------------------------------------------------------


def test_R4_3_self_assessment_totals_the_points_and_proposes_a_level(world):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    hoa.framework = Framework.NO_POST
    hoa.save()
    scores = {**FULL_SCORES["no_post"], "assigned": "35.5"}
    done = services.self_assess(
        user=world.users.member_a1,
        evaluation=hoa,
        scores=scores,
        conditions=ALL_CONDITIONS,
        text="Hoàn thành tốt",
    )
    assert done.step == EvaluationStep.SELF
    assert done.self_general == Decimal("30") and done.self_tasks == Decimal("65.5")
    assert done.self_total == Decimal("95.5")
    assert done.self_rating == Rating.EXCELLENT
    assert done.records.get().points == Decimal("95.5")


def test_a_second_self_assessment_is_refused_and_changes_nothing(world):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    kwargs = {"scores": FULL_SCORES["no_post"], "conditions": {}}
    hoa.framework = Framework.NO_POST
    hoa.save()
    services.self_assess(user=world.users.member_a1, evaluation=hoa, **kwargs)
    before = snapshot(cycle)
    with pytest.raises(ValidationError):
        services.self_assess(user=world.users.member_a1, evaluation=row(cycle, world.hoa), **kwargs)
    assert snapshot(cycle) == before


def test_self_assessment_only_by_the_member_and_within_the_dates(world):
    cycle = open_cycle(world, self_from=-1)  # opens tomorrow
    hoa = row(cycle, world.hoa)
    with pytest.raises(PermissionDenied):
        services.self_assess(user=world.users.secretary_a1, evaluation=hoa, rating="good")
    with pytest.raises(ValidationError):
        services.self_assess(user=world.users.member_a1, evaluation=hoa, rating="good")
    assert row(cycle, world.hoa).step == EvaluationStep.PENDING


def test_self_assessment_refuses_points_out_of_range(world):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    hoa.framework = Framework.NO_POST
    hoa.save()
    for bad in ("9", "-1", "abc", "7.25"):
        with pytest.raises(ValidationError) as error:
            services.self_assess(
                user=world.users.member_a1,
                evaluation=hoa,
                scores={**FULL_SCORES["no_post"], "political": bad},
            )
        assert "score_political" in error.value.message_dict
    assert row(cycle, world.hoa).step == EvaluationStep.PENDING


def test_years_without_points_pick_the_level_only(world):
    cycle = open_cycle(world)
    EvaluationCycle.objects.filter(pk=cycle.pk).update(uses_points=False)
    hoa = row(cycle, world.hoa)
    with pytest.raises(ValidationError):
        services.self_assess(user=world.users.member_a1, evaluation=hoa, rating="best")
    done = services.self_assess(
        user=world.users.member_a1, evaluation=row(cycle, world.hoa), rating="good"
    )
    assert (done.self_rating, done.self_total) == (Rating.GOOD, None)


# --- proposal and decision: only the right level ---------------------------------------------


def test_only_the_branch_proposes_for_its_members(world):
    cycle = open_cycle(world)
    duc = row(cycle, world.duc)
    for user in (world.users.officer_a, world.users.grassroots_a, world.users.member_a1):
        with pytest.raises(PermissionDenied):
            services.propose(
                user=user, branch=world.branch_a1, cycle=cycle, proposals={duc.pk: ("good", "")}
            )
    # a member of another branch slipped into the list
    bình = row(cycle, world.probationer)
    with pytest.raises(PermissionDenied):
        services.propose(
            user=world.users.secretary_a1,
            branch=world.branch_a1,
            cycle=cycle,
            proposals={bình.pk: ("good", "")},
        )
    assert services.propose(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        cycle=cycle,
        proposals={duc.pk: ("good", "Tích cực")},
    )
    duc = row(cycle, world.duc)
    assert (duc.step, duc.proposed_rating, duc.proposed_by) == (
        EvaluationStep.PROPOSED,
        "good",
        world.users.secretary_a1,
    )


def test_only_the_grassroots_committee_decides_its_members(world):
    cycle = open_cycle(world)
    duc = row(cycle, world.duc)
    for user in (
        world.users.provincial,
        world.users.officer_a,
        world.users.officer_b,
        world.users.secretary_a1,
        world.users.member_a1,
        world.users.admin,
    ):
        with pytest.raises(PermissionDenied):
            services.decide_one(user=user, evaluation=duc, rating="good")
    # the grassroots committee of another subtree names this grassroots: still refused
    with pytest.raises(PermissionDenied):
        services.decide(
            user=world.users.grassroots_a,
            cycle=cycle,
            deciding=world.base_a,
            members={row(cycle, world.teacher).pk: ("good", "")},
        )
    assert row(cycle, world.duc).step == EvaluationStep.PENDING
    services.decide_one(user=world.users.grassroots_a, evaluation=duc, rating="good")
    duc = row(cycle, world.duc)
    assert (duc.step, duc.rating, duc.deciding_organization) == ("decided", "good", world.base_a)


def test_branches_are_decided_by_the_grassroots_and_grassroots_by_the_direct_level(world):
    cycle = open_cycle(world)
    branch = org_row(cycle, world.branch_a1)
    base = org_row(cycle, world.base_a)
    with pytest.raises(PermissionDenied):
        services.decide_one(user=world.users.officer_a, evaluation=branch, rating="good")
    with pytest.raises(PermissionDenied):
        services.decide_one(user=world.users.grassroots_a, evaluation=base, rating="good")
    with pytest.raises(PermissionDenied):
        services.decide_one(user=world.users.provincial, evaluation=base, rating="good")
    services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="good")
    services.decide_one(user=world.users.officer_a, evaluation=base, rating="excellent")
    assert org_row(cycle, world.branch_a1).rating == "good"
    assert org_row(cycle, world.base_a).rating == "excellent"


def test_a_level_outside_the_four_is_refused(world):
    cycle = open_cycle(world)
    before = snapshot(cycle)
    with pytest.raises(ValidationError):
        services.decide_one(
            user=world.users.grassroots_a, evaluation=row(cycle, world.duc), rating="best"
        )
    assert snapshot(cycle) == before


def test_decisions_after_the_deadline_or_in_a_closed_cycle_are_refused(world):
    cycle = open_cycle(world, self_from=30, self_until=-20, propose_until=-10, decide_until=-1)
    before = snapshot(cycle)
    with pytest.raises(ValidationError) as error:
        services.decide_one(
            user=world.users.grassroots_a, evaluation=row(cycle, world.duc), rating="good"
        )
    assert error.value.code == "too_late"
    EvaluationCycle.objects.filter(pk=cycle.pk).update(
        decide_until=timezone.localdate(), status=CycleStatus.CLOSED
    )
    with pytest.raises(ValidationError) as error:
        services.decide_one(
            user=world.users.grassroots_a, evaluation=row(cycle, world.duc), rating="good"
        )
    assert error.value.code == "closed"
    assert snapshot(cycle) == before


def test_a_decided_row_is_not_decided_again(world):
    cycle = open_cycle(world)
    services.decide_one(
        user=world.users.grassroots_a, evaluation=row(cycle, world.duc), rating="good"
    )
    with pytest.raises(ValidationError):
        services.decide_one(
            user=world.users.grassroots_a, evaluation=row(cycle, world.duc), rating="completed"
        )
    assert row(cycle, world.duc).rating == "good"


# --- reopening ------------------------------------------------------------------------------


def test_reopening_needs_the_deciding_level_and_a_reason_and_is_audited(world):
    cycle = open_cycle(world)
    services.propose(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        cycle=cycle,
        proposals={row(cycle, world.duc).pk: ("good", "")},
    )
    services.decide_one(
        user=world.users.grassroots_a,
        evaluation=row(cycle, world.duc),
        rating="good",
        decision_number="12-QĐ/ĐU",
    )
    duc = row(cycle, world.duc)
    for user in (world.users.officer_a, world.users.secretary_a1, world.users.provincial):
        with pytest.raises(PermissionDenied):
            services.reopen(user=user, evaluation=duc, reason="Sai sót")
    with pytest.raises(ValidationError):
        services.reopen(user=world.users.grassroots_a, evaluation=duc, reason="  ")
    assert row(cycle, world.duc).step == EvaluationStep.DECIDED

    services.reopen(user=world.users.grassroots_a, evaluation=duc, reason="Phát hiện vi phạm")
    duc = row(cycle, world.duc)
    assert (duc.step, duc.rating, duc.decided_at) == (EvaluationStep.PROPOSED, "", None)
    actions = list(duc.records.values_list("action", "rating", "reason"))
    assert actions[-2:] == [
        (Action.DECIDED, "good", ""),
        (Action.REOPENED, "good", "Phát hiện vi phạm"),
    ]
    entry = LogEntry.objects.get_for_object(duc).first()
    assert entry.actor == world.users.grassroots_a
    assert entry.changes_dict["rating"] == ["good", ""]
    # and it can be decided again
    services.decide_one(user=world.users.grassroots_a, evaluation=duc, rating="completed")
    assert row(cycle, world.duc).rating == "completed"


def test_every_step_appends_a_record_with_who_and_the_rule_profile(world):
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    hoa.framework = Framework.NO_POST
    hoa.save()
    services.self_assess(
        user=world.users.member_a1,
        evaluation=hoa,
        scores=FULL_SCORES["no_post"],
        conditions=ALL_CONDITIONS,
    )
    services.propose(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        cycle=cycle,
        proposals={hoa.pk: ("good", "Đề xuất")},
    )
    services.decide_one(
        user=world.users.grassroots_a, evaluation=row(cycle, world.hoa), rating="good"
    )
    records = EvaluationRecord.objects.filter(member_evaluation=hoa).order_by("pk")
    assert [(r.action, r.recorded_by.username) for r in records] == [
        (Action.SELF, "dv_a1"),
        (Action.PROPOSED, "bithu_a1"),
        (Action.DECIDED, "coso_a"),
    ]


def test_members_added_later_are_not_part_of_the_cycle(world):
    cycle = open_cycle(world)
    newcomer = MemberFactory(organization=world.branch_a1)
    assert not MemberEvaluation.objects.filter(cycle=cycle, member=newcomer).exists()


def test_a_branch_assesses_itself_once_with_the_collective_framework(world):
    cycle = open_cycle(world)
    branch = org_row(cycle, world.branch_a1)
    scores = {
        "politics": 9,
        "organization": 9,
        "inspection": 9,
        "political_tasks": 45,
        "party_life": 18,
    }
    with pytest.raises(PermissionDenied):
        services.self_assess_organization(
            user=world.users.grassroots_a, evaluation=branch, scores=scores
        )
    done = services.self_assess_organization(
        user=world.users.secretary_a1,
        evaluation=branch,
        scores=scores,
        conditions={"all_on_time": True, "above_requirement": True, "limitations_fixed": True},
    )
    assert (done.self_total, done.self_rating) == (Decimal("90"), Rating.EXCELLENT)
    with pytest.raises(ValidationError):
        services.self_assess_organization(
            user=world.users.secretary_a1, evaluation=org_row(cycle, world.branch_a1), scores=scores
        )


def test_only_the_opening_board_closes_a_cycle_and_nothing_moves_after(world):
    cycle = open_cycle(world)
    with pytest.raises(PermissionDenied):
        services.close_cycle(user=world.users.grassroots_a, cycle=cycle)
    with pytest.raises(PermissionDenied):
        services.close_cycle(user=world.users.officer_b, cycle=cycle)
    services.close_cycle(user=world.users.officer_a, cycle=cycle)
    with pytest.raises(ValidationError):
        services.self_assess(
            user=world.users.member_a1, evaluation=row(cycle, world.hoa), rating="good"
        )
    assert row(cycle, world.hoa).step == EvaluationStep.PENDING


def test_cycles_for_shows_the_cycles_above_and_below(world):
    cycle = open_cycle(world)
    assert list(services.cycles_for(world.users.secretary_a1)) == [cycle]
    assert list(services.cycles_for(world.users.member_a1)) == [cycle]
    assert list(services.cycles_for(world.users.provincial)) == [cycle]
    assert not services.cycles_for(world.users.officer_b).exists()
    assert not services.cycles_for(world.users.outsider).exists()
