"""A hand-counted year on top of the fixed cast (tests/conftest.py).

commune_a (Đảng bộ xã An Bình), 25/11/2026 (today in this run's data: every date is past):
  members: Đức (a1, man, Kinh, b. 1980), Hoa (a1, woman, Tày, b. 1992), Bình (a2, probationary
  since 2/9/2025, b. 2001), Lan (school_a, woman, b. 1980) → 4; official 3; women 2;
  minorities 1; aged ≤30: 1, 31–40: 1, 41–50: 2 (on 31/12/2025).
  organizations: commune_a, base_a (grassroots), branch_a1, branch_a2 (branches), school_a
  (chi bộ cơ sở: grassroots and branch) → grassroots 2, branches 3, all 3 with < 3 official.
year 2025 (`year_2025`):
  admitted (on the roll by admission in 2025, each with its ADMITTED event as the services
  write it): 2 in branch_a1 and Bình in branch_a2 (2/9/2025), 1 in branch_b1 (not A's); a
  candidate decided 31/12/2024 who never became a member counts nowhere.
  commune_b: Đức (the other), Minh, Hải (admitted 2025) → 3 members.
  events in A: struck off 1, expelled 1, deceased 1 (placeholder members), recognized 1 (Lan,
  official from 1/2/2025); in B: struck off 1. At the start (31/12/2024) A had 6 members:
  Đức, Hoa, Lan and the three who left in 2025.
  meetings in A: 2 held (present 9 of 10, 8 of 10) + 1 cancelled; in B: 1 held (1 of 4).
  localities of commune_a: Thôn Hạ (branch_a1, head Đức who is its secretary), Thôn Thượng
  (branch_a2, head not a member), Thôn Trắng (no branch) → 3; heads who are members 1/3,
  secretaries who are heads 1/3, white 1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.admissions.choices import Stage
from dangvu.admissions.models import Candidate
from dangvu.meetings.choices import MeetingKind, MeetingStatus
from dangvu.members.choices import EventKind, PostKind
from dangvu.members.models import MemberEvent, MemberPost
from dangvu.organizations.choices import LocalityKind, SeatRole
from dangvu.organizations.models import CommitteeSeat, Locality
from tests.factories import MemberFactory
from tests.meetings.factories import make_meeting

D = dt.date


def candidate(branch, decided_on, stage=Stage.ADMITTED, member=None, **fields):
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
    found = Candidate(
        organization=branch, stage=stage, decided_on=decided_on, member=member, **data
    )
    found.save()
    return found


def event(member, kind, on, branch=None):
    branch = branch or member.organization
    return MemberEvent.objects.create(
        member=member, kind=kind, occurred_on=on, organization=branch, org_path=branch.path
    )


def left_member(branch, name, kind, on):
    """A member who left the roll in 2025 (placement closed on the date, as services do)."""
    member = MemberFactory(full_name=name, organization=branch, status=kind, status_since=on)
    member.placements.update(valid_to=on)
    event(member, kind if kind != "struck_off" else EventKind.STRUCK_OFF, on, branch)
    return member


@pytest.fixture
def year_2025(world):
    return add_year_2025(world)


def add_year_2025(world):
    w = world
    new1 = MemberFactory(
        full_name="Vũ Thị Mai",
        organization=w.branch_a1,
        gender="female",
        admitted_on=D(2025, 4, 1),
        recognized_on=None,
        status="probationary",
        status_since=D(2025, 4, 1),
        birth_date=D(1999, 2, 2),
    )
    new2 = MemberFactory(
        full_name="Đinh Văn Nam",
        organization=w.branch_a1,
        admitted_on=D(2025, 6, 1),
        recognized_on=None,
        status="probationary",
        status_since=D(2025, 6, 1),
        birth_date=D(1998, 3, 3),
    )
    candidate(w.branch_a1, D(2025, 3, 20), member=new1)
    candidate(w.branch_a1, D(2025, 5, 20), member=new2)
    new_b = MemberFactory(
        full_name="Kiều Văn Hải",
        organization=w.branch_b1,
        admitted_on=D(2025, 5, 10),
        recognized_on=None,
        status="probationary",
        status_since=D(2025, 5, 10),
    )
    candidate(w.branch_b1, D(2025, 5, 1), member=new_b)
    for member in (new1, new2, new_b, w.probationer):
        event(member, EventKind.ADMITTED, member.admitted_on)
    candidate(w.branch_a1, D(2024, 12, 31))
    left_member(w.branch_a2, "Cao Văn Tuấn", "struck_off", D(2025, 3, 1))
    left_member(w.branch_a2, "Lý Văn Khải", "expelled", D(2025, 4, 1))
    left_member(w.school_a, "Mạc Thị Sen", "deceased", D(2025, 5, 1))
    left_member(w.branch_b1, "Tôn Văn Phúc", "struck_off", D(2025, 3, 1))
    w.teacher.recognized_on = w.teacher.status_since = D(2025, 2, 1)
    w.teacher.save(update_fields=["recognized_on", "status_since"])
    event(w.teacher, EventKind.RECOGNIZED, D(2025, 2, 1))
    make_meeting(w.branch_a1, D(2025, 3, 5), present_count=9, eligible_count=10, absent_count=1)
    make_meeting(w.branch_a1, D(2025, 4, 5), present_count=8, eligible_count=10, excused_count=2)
    make_meeting(w.branch_a2, D(2025, 4, 6), status=MeetingStatus.CANCELLED)
    make_meeting(w.branch_b1, D(2025, 3, 5), present_count=1, eligible_count=4, absent_count=3)
    make_meeting(
        w.branch_a1,
        D(2025, 5, 5),
        kind=MeetingKind.THEMATIC,
        topic="Chuyên đề",
        present_count=0,
        eligible_count=0,
    )
    ha = Locality.objects.create(
        name="Thôn Hạ", kind=LocalityKind.VILLAGE, commune=w.commune_a, branch=w.branch_a1
    )
    Locality.objects.create(
        name="Thôn Thượng", kind=LocalityKind.VILLAGE, commune=w.commune_a, branch=w.branch_a2
    )
    Locality.objects.create(name="Thôn Trắng", kind=LocalityKind.HAMLET, commune=w.commune_a)
    pho = Locality.objects.create(
        name="Khu phố Mới", kind=LocalityKind.QUARTER, commune=w.commune_b, branch=w.branch_b1
    )
    MemberPost.objects.create(
        member=w.duc, kind=PostKind.VILLAGE_HEAD, locality=ha, valid_from=D(2024, 1, 1)
    )
    MemberPost.objects.create(
        member=w.minh, kind=PostKind.VILLAGE_HEAD, locality=pho, valid_from=D(2024, 1, 1)
    )
    CommitteeSeat.objects.create(
        organization=w.branch_a1, member=w.duc, role=SeatRole.SECRETARY, valid_from=D(2020, 1, 1)
    )
    return w
