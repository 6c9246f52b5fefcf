"""Each rule of §4 (and R5.5) enforced at decision time, named after its id."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dangvu.core.profiles import publish_profile
from dangvu.core.rule_defaults import default_values
from dangvu.evaluations import rules, services
from dangvu.evaluations.choices import EvaluationStep, Framework, Rating
from dangvu.evaluations.models import MemberEvaluation
from dangvu.members.choices import ResidenceCategory
from dangvu.members.models import ResidenceComment, ResidenceContact
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat

from .factories import add_members, discipline, open_cycle, org_row, review_year, row

pytestmark = pytest.mark.django_db
DEFAULTS = default_values()


def profile(world, **values):
    publish_profile(
        values={f"evaluation.{k}": v for k, v in values.items()},
        valid_from=dt.date(review_year(), 1, 1),
        note="test",
        user=world.users.admin,
    )


def decide_members(world, cycle, ratings: dict, user=None):
    return services.decide(
        user=user or world.users.grassroots_a,
        cycle=cycle,
        deciding=world.base_a,
        members={row(cycle, m).pk: (r, "") for m, r in ratings.items()},
    )


def decided(cycle) -> int:
    return MemberEvaluation.objects.filter(cycle=cycle, step=EvaluationStep.DECIDED).count()


# --- R4.3 points and conditions -------------------------------------------------------------


def test_R4_3_points_give_the_level_with_its_conditions():
    ok = {"all_on_time": True, "above_requirement": True, "limitations_fixed": True}
    level = rules.level_from_points
    assert level(90, ok, Framework.NO_POST, DEFAULTS) == Rating.EXCELLENT
    assert level(Decimal("89.5"), ok, Framework.NO_POST, DEFAULTS) == Rating.GOOD
    assert level(95, {**ok, "above_requirement": False}, Framework.NO_POST, DEFAULTS) == "good"
    assert level(95, {}, Framework.NO_POST, DEFAULTS) == Rating.COMPLETED
    assert level(70, ok, Framework.NO_POST, DEFAULTS) == Rating.GOOD
    assert level(50, {}, Framework.NO_POST, DEFAULTS) == Rating.COMPLETED
    assert level(Decimal("49.5"), ok, Framework.NO_POST, DEFAULTS) == Rating.NOT_COMPLETED
    # a leader: the units led must also meet them; a collective: at most 20% late for HTNV
    assert level(95, ok, Framework.LEADER, DEFAULTS) == Rating.GOOD
    assert level(95, {**ok, "units_excellent": True}, Framework.LEADER, DEFAULTS) == "excellent"
    assert level(60, {}, Framework.COLLECTIVE, DEFAULTS) == Rating.NOT_COMPLETED
    assert level(60, {"late_share_ok": True}, Framework.COLLECTIVE, DEFAULTS) == "completed"


def test_R4_3_criteria_add_up_to_30_and_70_in_every_framework():
    for framework, criteria in rules.CRITERIA.items():
        general = sum(c.max_points for c in criteria if c.part == rules.GENERAL)
        tasks = sum(c.max_points for c in criteria if c.part == rules.TASKS)
        assert (general, tasks) == (30, 70), framework


def test_R4_3_thresholds_come_from_the_rule_profile(world):
    profile(world, excellent_min_points=95)
    cycle = open_cycle(world)
    hoa = row(cycle, world.hoa)
    hoa.framework = Framework.NO_POST
    hoa.save()
    scores = {
        "political": 8,
        "ethics": 8,
        "discipline": 7,
        "style": 7,
        "assigned": 35,
        "party_duties": 17,
        "residence": 10,
    }
    done = services.self_assess(
        user=world.users.member_a1,
        evaluation=hoa,
        scores=scores,
        conditions={"all_on_time": True, "above_requirement": True, "limitations_fixed": True},
    )
    assert (done.self_total, done.self_rating) == (Decimal("92"), Rating.GOOD)


# --- R4.5 quota -----------------------------------------------------------------------------


def test_R4_5_quota_is_floor_of_20_percent_of_good():
    assert rules.excellent_quota(40, DEFAULTS) == 8
    assert rules.excellent_quota(44, DEFAULTS) == 8
    assert rules.excellent_quota(45, DEFAULTS) == 9
    assert rules.excellent_quota(4, DEFAULTS) == 0
    assert rules.excellent_quota(43, {**DEFAULTS, "evaluation.quota_rounding": "round"}) == 9
    assert rules.quota_respected(8, 40, DEFAULTS)
    assert not rules.quota_respected(9, 40, DEFAULTS)


def test_R4_5_quota_at_the_boundary_40_good_8_excellent_ok_9_refused(world):
    others = add_members(world.branch_a1, 46)  # + Đức, Hoa, Bình: 49 in base_a
    cycle = open_cycle(world)
    good, excellent, spare = others[:40], others[40:48], [world.duc]
    ratings = {m: "good" for m in good} | {
        m: "excellent" for m in [*excellent[:6], world.hoa, world.probationer]
    }
    assert decide_members(world, cycle, ratings) == 48  # exactly 20%: 8 of 40
    with pytest.raises(ValidationError) as error:
        decide_members(world, cycle, {spare[0]: "excellent"})  # one over: 9 > 8
    assert "R4.5" in error.value.messages[0]
    assert row(cycle, world.duc).step == EvaluationStep.PENDING
    assert decided(cycle) == 48
    # counted over the rows already decided and those of the same list
    decide_members(world, cycle, {world.duc: "good"})
    assert row(cycle, world.duc).rating == "good"


def test_R4_5_quota_counts_the_rows_of_the_same_bulk_decision(world):
    others = add_members(world.branch_a1, 10)
    cycle = open_cycle(world)
    with pytest.raises(ValidationError):  # 10 good allow 2 excellent; 3 asked at once
        decide_members(
            world,
            cycle,
            {m: "good" for m in others}
            | {world.duc: "excellent", world.hoa: "excellent", world.probationer: "excellent"},
        )
    assert decided(cycle) == 0
    decide_members(
        world, cycle, {m: "good" for m in others} | {world.duc: "excellent", world.hoa: "excellent"}
    )
    assert decided(cycle) == 12


def test_R4_5_quota_percent_comes_from_the_profile(world):
    profile(world, excellent_quota_percent=50)
    others = add_members(world.branch_a1, 2)
    cycle = open_cycle(world)
    decide_members(world, cycle, {others[0]: "good", others[1]: "good", world.duc: "excellent"})
    assert row(cycle, world.duc).rating == "excellent"


# --- R4.4 discipline ------------------------------------------------------------------------


def test_R4_4_member_disciplined_in_the_year_is_capped(world):
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 3, 1))
    discipline(world.hoa, dt.date(cycle.year - 1, 11, 1))  # last year: no cap
    discipline(world.probationer, dt.date(cycle.year, 2, 1), annulled_on=dt.date(cycle.year, 5, 1))
    with pytest.raises(ValidationError) as error:
        decide_members(world, cycle, {world.duc: "completed"})
    assert "R4.4" in error.value.messages[0]
    assert decided(cycle) == 0
    decide_members(
        world,
        cycle,
        {world.duc: "not_completed", world.hoa: "good", world.probationer: "good"},
    )
    assert row(cycle, world.duc).rating == "not_completed"


def test_R4_4_disciplined_member_cap_comes_from_the_profile(world):
    profile(world, disciplined_member_max="completed")
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 3, 1))
    with pytest.raises(ValidationError):
        decide_members(world, cycle, {world.duc: "good"})
    decide_members(world, cycle, {world.duc: "completed"})


def test_R4_4_self_remedied_discipline_does_not_cap_unless_the_profile_says_so(world):
    # QĐ 124-QĐ/TW: violations self-detected and remedied are excepted
    # ([U] evaluation.self_remedied_exception, default on).
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 3, 1), self_remedied=True)
    discipline(world.hoa, dt.date(cycle.year, 3, 1))
    with pytest.raises(ValidationError):
        decide_members(world, cycle, {world.hoa: "good"})
    decide_members(world, cycle, {world.duc: "good"})
    assert row(cycle, world.duc).rating == "good"


def test_R4_4_self_remedied_exception_switched_off_caps_again(world):
    profile(world, self_remedied_exception=False)
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 3, 1), self_remedied=True)
    with pytest.raises(ValidationError) as error:
        decide_members(world, cycle, {world.duc: "good"})
    assert "R4.4" in error.value.messages[0]
    assert decided(cycle) == 0


def _branch_of_five(world):
    others = add_members(world.branch_a2, 4)  # + Bình: 5 members in branch_a2
    return others


def test_R4_4_collective_more_than_20_percent_disciplined_did_not_fulfil(world):
    others = _branch_of_five(world)
    cycle = open_cycle(world)
    for member in others[:2]:  # 2 of 5 = 40% > 20%
        discipline(member, dt.date(cycle.year, 4, 1))
    branch = org_row(cycle, world.branch_a2)
    for level in ("excellent", "good", "completed"):
        with pytest.raises(ValidationError) as error:
            services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating=level)
        assert "R4.4" in error.value.messages[0]
    services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="not_completed")
    assert org_row(cycle, world.branch_a2).rating == "not_completed"


def test_R4_4_collective_exactly_20_percent_is_not_capped(world):
    others = _branch_of_five(world)
    cycle = open_cycle(world)
    discipline(others[0], dt.date(cycle.year, 4, 1))  # 1 of 5 = 20%, not more
    services.decide_one(
        user=world.users.grassroots_a,
        evaluation=org_row(cycle, world.branch_a2),
        rating="excellent",
    )


def test_R4_3_collective_leadership_rule_alone(world):
    add_members(world.branch_a1, 8)  # Đức, Hoa + 8 = 10 members
    cycle = open_cycle(world)
    CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.hoa,
        role=SeatRole.DEPUTY,
        valid_from=dt.date(2020, 1, 1),
    )
    discipline(world.hoa, dt.date(cycle.year, 4, 1))  # 10%: the share is fine
    branch = org_row(cycle, world.branch_a1)
    with pytest.raises(ValidationError) as error:
        services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="excellent")
    assert "R4.3" in error.value.messages[0]
    services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="good")


# --- R4.6 leaders ---------------------------------------------------------------------------


def _secretary(world):
    CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.duc,
        role=SeatRole.SECRETARY,
        valid_from=dt.date(2020, 1, 1),
    )


def test_R4_6_leader_not_rated_above_the_collective(world):
    _secretary(world)
    cycle = open_cycle(world)
    services.decide_one(
        user=world.users.grassroots_a,
        evaluation=org_row(cycle, world.branch_a1),
        rating="completed",
    )
    with pytest.raises(ValidationError) as error:
        decide_members(world, cycle, {world.duc: "good"})
    assert "R4.6" in error.value.messages[0]
    decide_members(world, cycle, {world.duc: "completed"})


def test_R4_6_checked_within_one_bulk_decision(world):
    _secretary(world)
    cycle = open_cycle(world)
    branch = org_row(cycle, world.branch_a1)
    with pytest.raises(ValidationError):
        services.decide(
            user=world.users.grassroots_a,
            cycle=cycle,
            deciding=world.base_a,
            organizations={branch.pk: ("completed", "")},
            members={row(cycle, world.duc).pk: ("good", "")},
        )
    assert org_row(cycle, world.branch_a1).step == EvaluationStep.PENDING
    services.decide(
        user=world.users.grassroots_a,
        cycle=cycle,
        deciding=world.base_a,
        organizations={branch.pk: ("good", "")},
        members={row(cycle, world.duc).pk: ("good", "")},
    )


def test_R4_6_a_collective_below_its_already_rated_secretary_is_refused(world):
    _secretary(world)
    cycle = open_cycle(world)
    decide_members(world, cycle, {world.duc: "good"})  # collective not decided: a warning
    assert any("R4.6" in flag for flag in row(cycle, world.duc).flags)
    branch = org_row(cycle, world.branch_a1)
    with pytest.raises(ValidationError) as error:
        services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="completed")
    assert "R4.6" in error.value.messages[0]
    services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="good")


# --- R4.8 probationary ----------------------------------------------------------------------


def test_R4_8_probationary_members_are_capped_by_the_profile(world):
    profile(world, probationary_max="good")
    cycle = open_cycle(world)
    with pytest.raises(ValidationError) as error:
        decide_members(
            world, cycle, {world.probationer: "excellent", world.duc: "good", world.hoa: "good"}
        )
    assert any("R4.8" in m for m in error.value.messages)
    decide_members(world, cycle, {world.probationer: "good"})


def test_R4_8_by_default_probationary_members_are_rated_like_official_ones(world):
    others = add_members(world.branch_a1, 5)
    cycle = open_cycle(world)
    decide_members(world, cycle, {m: "good" for m in others} | {world.probationer: "excellent"})
    assert row(cycle, world.probationer).rating == "excellent"


# --- R5.5 residence comments ----------------------------------------------------------------


def test_R5_5_missing_residence_comment_is_flagged_not_blocking(world):
    cycle = open_cycle(world)
    contact = ResidenceContact.objects.create(
        member=world.duc, residence_organization=world.branch_b1, valid_from=dt.date(2024, 1, 1)
    )
    ResidenceContact.objects.create(
        member=world.hoa,
        residence_organization=world.branch_b1,
        valid_from=dt.date(2024, 1, 1),
        category=ResidenceCategory.EXEMPT_ACTIVITY,
    )
    contact_b = ResidenceContact.objects.create(
        member=world.probationer,
        residence_organization=world.branch_b1,
        valid_from=dt.date(2024, 1, 1),
    )
    ResidenceComment.objects.create(
        contact=contact_b, year=cycle.year, content="Tốt", received_on=dt.date(cycle.year, 1, 2)
    )
    assert contact
    decide_members(world, cycle, {world.duc: "good", world.hoa: "good", world.probationer: "good"})
    assert any("R5.5" in flag for flag in row(cycle, world.duc).flags)
    assert not row(cycle, world.hoa).flags or not any(
        "R5.5" in f for f in row(cycle, world.hoa).flags
    )
    assert not any("R5.5" in f for f in row(cycle, world.probationer).flags)


# --- one failure refuses the whole list ------------------------------------------------------


def test_one_refused_row_refuses_the_whole_list(world):
    cycle = open_cycle(world)
    discipline(world.duc, dt.date(cycle.year, 3, 1))
    before = list(MemberEvaluation.objects.filter(cycle=cycle).order_by("pk").values())
    with pytest.raises(ValidationError):
        decide_members(
            world, cycle, {world.hoa: "good", world.probationer: "good", world.duc: "good"}
        )
    assert list(MemberEvaluation.objects.filter(cycle=cycle).order_by("pk").values()) == before


def test_R4_4_deciding_a_collective_before_its_members_is_flagged(world):
    """The collective's caps read its members' levels: deciding it first is a warning."""
    from django.utils.translation import gettext

    cycle = open_cycle(world)
    members = MemberEvaluation.objects.filter(
        cycle=cycle, organization=world.branch_a1, excluded=False
    ).count()
    branch = org_row(cycle, world.branch_a1)
    services.decide_one(user=world.users.grassroots_a, evaluation=branch, rating="good")
    expected = gettext("%(open)s of %(members)s members are not decided yet.") % {
        "open": members,
        "members": members,
    }
    assert expected in org_row(cycle, world.branch_a1).flags
