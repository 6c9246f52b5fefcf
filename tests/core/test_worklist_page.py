"""The work-list page and the checks of issue 3 (R1.4, white localities, R5.4, R9.3)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangvu.core import worklist
from dangvu.core.profiles import publish_profile
from dangvu.members import lifecycle, transfers
from dangvu.members.choices import ResidenceCategory, Status
from dangvu.members.models import Member
from dangvu.members.rules import residence_comment_required, residence_comment_window
from dangvu.organizations.choices import LocalityKind
from dangvu.organizations.models import Locality
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def items(user, check, **kwargs):
    return worklist.work_list(user, only=[check], **kwargs)


def test_r1_4_branches_with_fewer_than_3_official_members(world):
    # branch_a1: duc, hoa (2 official); branch_a2: 1 probationary; school_a: 1; branch_b1: 2.
    found = {i.organization for i in items(world.users.officer_a, "organizations.branch_too_small")}
    assert found == {"Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ Trường THCS An Bình"}
    MemberFactory(organization=world.branch_a1)
    found = {i.organization for i in items(world.users.officer_a, "organizations.branch_too_small")}
    assert "Chi bộ thôn Đông" not in found
    # Probationary members do not count (R1.1).
    assert "Chi bộ thôn Tây" in found
    assert {
        i.organization for i in items(world.users.officer_b, "organizations.branch_too_small")
    } == {"Chi bộ khu phố 1"}


def test_white_localities_have_no_branch_or_no_member(world):
    Locality.objects.create(name="Thôn Hạ", kind=LocalityKind.VILLAGE, commune=world.commune_a)
    Locality.objects.create(
        name="Thôn Thượng",
        kind=LocalityKind.VILLAGE,
        commune=world.commune_a,
        branch=world.branch_a1,
    )
    Locality.objects.create(name="Khu phố Mới", kind=LocalityKind.QUARTER, commune=world.commune_b)
    found = items(world.users.officer_a, "organizations.white_locality")
    assert [i.subject for i in found] == ["Thôn Hạ"]
    assert found[0].url == f"/organizations/{world.commune_a.pk}/"
    for member in Member.objects.filter(organization=world.branch_a1):
        Member.objects.filter(pk=member.pk).update(status=Status.DECEASED)
    assert [i.subject for i in items(world.users.officer_a, "organizations.white_locality")] == [
        "Thôn Hạ",
        "Thôn Thượng",
    ]
    assert [i.subject for i in items(world.users.officer_b, "organizations.white_locality")] == [
        "Khu phố Mới"
    ]


def contact(world, category=ResidenceCategory.NONE, member=None, residence=None):
    return lifecycle.add_residence_contact(
        user=world.users.officer_a,
        member=member or world.teacher,
        residence_organization=residence or world.branch_a1,
        valid_from=dt.date(2024, 1, 1),
        category=category,
    )


def test_r5_4_missing_residence_comments_before_the_evaluation_season(world):
    record = contact(world)
    on = dt.date(2025, 10, 15)  # the season (November) is due in 17 days: 2025 comments asked
    assert residence_comment_window(on) == (2025, dt.date(2025, 11, 1), dt.date(2025, 10, 2))
    found = items(world.users.officer_a, "members.residence_comment_missing", on=on)
    assert [(i.subject, i.due_on) for i in found] == [("Phạm Thị Lan", dt.date(2025, 11, 1))]
    # Both sides see it: the residence branch's secretary too.
    assert items(world.users.secretary_a1, "members.residence_comment_missing", on=on)
    lifecycle.add_residence_comment(
        user=world.users.secretary_a1,
        contact=record,
        year=2025,
        content="Gương mẫu ở nơi cư trú",
        received_on=dt.date(2025, 10, 10),
    )
    assert not items(world.users.officer_a, "members.residence_comment_missing", on=on)


def test_r5_4_the_due_month_comes_from_the_rule_profile(world):
    contact(world)
    publish_profile(
        values={"residence.comments_due_month": 12},
        valid_from=dt.date(2025, 1, 1),
        note="Mùa đánh giá tháng 12",
        user=None,
    )
    # 2025's comments are not asked for yet: before the window, last year's are the due ones.
    assert residence_comment_window(dt.date(2025, 10, 15))[0] == 2024
    found = items(
        world.users.officer_a, "members.residence_comment_missing", on=dt.date(2025, 10, 15)
    )
    assert [i.due_on for i in found] == [dt.date(2024, 12, 1)] and "2024" in found[0].title
    assert residence_comment_window(dt.date(2025, 11, 15))[1] == dt.date(2025, 12, 1)


def test_r5_5_case_27_category_1_1_needs_no_yearly_comment(world):
    """§12 case 27: exemption category 1.1 → no annual comment; category none → warning."""
    assert not residence_comment_required(ResidenceCategory.EXEMPT_ACTIVITY)
    assert residence_comment_required(ResidenceCategory.NONE)
    contact(world, category=ResidenceCategory.EXEMPT_ACTIVITY)
    assert not items(
        world.users.officer_a, "members.residence_comment_missing", on=dt.date(2025, 11, 20)
    )
    contact(world, category=ResidenceCategory.NONE, member=world.duc, residence=world.branch_a2)
    found = items(
        world.users.officer_a, "members.residence_comment_missing", on=dt.date(2025, 11, 20)
    )
    assert [i.subject for i in found] == ["Nguyễn Văn Đức"] and found[0].is_overdue(
        dt.date(2025, 11, 20)
    )


def test_the_work_list_page_groups_and_narrows(world, login):
    today = timezone.localdate()
    transfers.issue_transfer(
        user=world.users.officer_a,
        member=world.duc,
        kind="official",
        scope="within_province",
        to_organization=world.branch_b1,
        letter_number="7-GGT",
        issued_on=today - dt.timedelta(days=45),
    )
    client = login(world.users.officer_a)
    response = client.get("/worklist/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Nguyễn Văn Đức" in text and "/members/transfers/" in text
    assert "list-group-item-danger" in text  # overdue highlighted
    narrowed = client.get(f"/worklist/?organization={world.school_a.pk}")
    assert "Nguyễn Văn Đức" not in narrowed.content.decode()
    assert "Chi bộ Trường THCS An Bình" in narrowed.content.decode()
    # Another side's organization id is ignored (not visible), never an error.
    assert client.get(f"/worklist/?organization={world.branch_b1.pk}").status_code == 200
    one = client.get("/worklist/?check=organizations.branch_too_small")
    assert one.status_code == 200 and "Chi bộ thôn Tây" in one.content.decode()
    assert "7-GGT" not in one.content.decode()


def test_the_work_list_needs_a_login(client):
    assert client.get("/worklist/").status_code == 302


def test_the_nav_links_to_the_work_list(world, login):
    assert 'href="/worklist/"' in login(world.users.secretary_a1).get("/members/").content.decode()
