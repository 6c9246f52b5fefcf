"""Admission statistics against hand-counted fixtures: categories, targets, start-of-year rate."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.admissions.choices import ADMITTED_STAGES, Stage
from dangvu.admissions.models import AdmissionTarget, Candidate
from dangvu.admissions.queries import admission_statistics
from dangvu.members.choices import EventKind
from dangvu.members.models import MemberEvent
from tests.factories import MemberFactory

PERSON = ("full_name", "birth_date", "gender", "ethnicity", "religion", "occupation")

pytestmark = pytest.mark.django_db
D = dt.date


def admitted(branch, decided_on, stage=Stage.ADMITTED, **fields):
    data = {
        "full_name": "Quần Chúng",
        "birth_date": D(2000, 1, 1),
        "gender": "male",
        "general_education": "12/12",
        "introduced_by": "branch",
        "introduced_on": D(2024, 1, 1),
        "stage_since": decided_on,
    }
    data.update(fields)
    candidate = Candidate(organization=branch, stage=stage, decided_on=decided_on, **data)
    if stage in ADMITTED_STAGES:
        # The facts the ceremony writes (hold_ceremony): the member on the roll from that day
        # and its ADMITTED (READMITTED) event; the statistics count these, not the file.
        member = candidate.readmission_of or MemberFactory(
            organization=branch,
            admitted_on=decided_on,
            recognized_on=None,
            status="probationary",
            status_since=decided_on,
            **{k: v for k, v in data.items() if k in PERSON},
        )
        kind = EventKind.READMITTED if candidate.readmission_of else EventKind.ADMITTED
        MemberEvent.objects.create(
            member=member,
            kind=kind,
            occurred_on=decided_on,
            organization=branch,
            org_path=branch.path,
        )
        candidate.member = member
    candidate.save()
    return candidate


@pytest.fixture
def year_2025(world):
    """Hand count for 2025 (decision date in 2025 and ceremony held):
    branch_a1: a Tày woman; a Catholic private-enterprise worker (now official)
    branch_a2: a woman student who is a village head
    school_a:  a re-admitted former member
    branch_b1: one man
    Not counted: a decided candidate without ceremony (a2), one admitted on 31/12/2024 (a1: a
    member on 1 January)."""
    admitted(world.branch_a1, D(2025, 3, 1), gender="female", ethnicity="Tày")
    admitted(
        world.branch_a1,
        D(2025, 6, 1),
        stage=Stage.RECOGNIZED,
        religion="catholic",
        occupation="private_enterprise",
    )
    admitted(
        world.branch_a2,
        D(2025, 12, 31),
        gender="female",
        occupation="student",
        is_village_head=True,
    )
    admitted(world.branch_a2, D(2025, 5, 1), stage=Stage.DECIDED)
    admitted(world.branch_a1, D(2024, 12, 31))
    admitted(world.school_a, D(2025, 2, 2), readmission_of=world.teacher)
    admitted(world.branch_b1, D(2025, 4, 4))
    return world


def test_admissions_by_category_for_the_province(year_2025):
    world = year_2025
    stats = admission_statistics(world.province, 2025, world.users.provincial)
    total = stats.total
    assert total.admitted == 5 and total.readmitted == 1
    assert total.categories == {
        "women": 3,  # the re-admitted former member is Lan: her own record counts
        "ethnic_minority": 1,
        "religious": 1,
        "private_enterprise": 1,
        "student": 1,
        "village_head": 1,
    }
    assert total.share("women") == 60.0
    by_org = {row.organization: row.admitted for row in stats.children}
    assert by_org == {world.commune_a: 4, world.commune_b: 1}


def test_the_rate_is_against_the_members_on_1_january(year_2025):
    world = year_2025
    # On 1/1/2025: Đức, Hoa (a1), Lan (school_a), the other Đức and Minh (b1), and the member
    # admitted on 31/12/2024 (a1); Lê Văn Bình was admitted on 2/9/2025 and does not count.
    stats = admission_statistics(world.province, 2025, world.users.provincial)
    assert stats.total.members_at_start == 6
    assert round(stats.total.rate, 2) == 83.33
    rows = {row.organization: row for row in stats.children}
    assert rows[world.commune_a].members_at_start == 4
    assert rows[world.commune_a].rate == 100.0
    assert rows[world.commune_b].members_at_start == 2


def test_members_who_left_before_1_january_do_not_count(year_2025):
    world = year_2025
    from dangvu.members.models import Member, Placement

    Member.objects.filter(pk=world.minh.pk).update(status="struck_off", status_since=D(2024, 6, 1))
    Placement.objects.filter(member=world.minh).update(valid_to=D(2024, 6, 1))
    Member.objects.filter(pk=world.other_duc.pk).update(
        status="deceased", status_since=D(2025, 6, 1)
    )
    stats = admission_statistics(world.commune_b, 2025, world.users.officer_b)
    assert stats.total.members_at_start == 1  # the other Đức was still alive on 1 January


def test_targets_and_fulfilment_take_the_topmost_target_of_each_subtree(year_2025):
    world = year_2025
    for org, target in (
        (world.base_a, 3),
        (world.branch_a1, 1),  # covered by base_a's target
        (world.school_a, 2),
        (world.commune_b, 4),
    ):
        AdmissionTarget.objects.create(organization=org, year=2025, target=target)
    AdmissionTarget.objects.create(organization=world.commune_b, year=2024, target=99)

    province = admission_statistics(world.province, 2025, world.users.provincial)
    rows = {row.organization: row for row in province.children}
    assert rows[world.commune_a].target == 5 and rows[world.commune_b].target == 4
    assert province.total.target == 9
    assert round(province.total.fulfilment, 2) == round(5 * 100 / 9, 2)

    commune = admission_statistics(world.commune_a, 2025, world.users.officer_a)
    rows = {row.organization: row for row in commune.children}
    assert rows[world.base_a].target == 3 and rows[world.base_a].admitted == 3
    assert rows[world.school_a].target == 2 and rows[world.school_a].fulfilment == 50.0
    assert commune.total.target == 5

    # a commune's own target replaces the sum of those below it
    AdmissionTarget.objects.create(organization=world.commune_a, year=2025, target=6)
    assert admission_statistics(world.commune_a, 2025, world.users.officer_a).total.target == 6
    assert admission_statistics(world.province, 2025, world.users.provincial).total.target == 10


def test_statistics_of_a_subtree_only_count_that_subtree(year_2025):
    world = year_2025
    stats = admission_statistics(world.commune_b, 2025, world.users.officer_b)
    assert stats.total.admitted == 1
    assert [row.organization for row in stats.children] == [world.base_b]
    nothing = admission_statistics(world.province, 2023, world.users.provincial)
    assert nothing.total.admitted == 0 and nothing.total.rate == 0
