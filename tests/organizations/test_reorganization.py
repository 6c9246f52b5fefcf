"""Reorganization (sắp xếp tổ chức): one atomic, effective-dated operation, previewed first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.members import lifecycle
from dangvu.members.choices import EventKind, Status
from dangvu.members.models import Member, MemberEvent, Placement, Transfer
from dangvu.members.seniority import seniority
from dangvu.organizations import reorganization
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import (
    Organization,
    OrganizationLink,
    Reorganization,
    active_on_q,
)
from dangvu.organizations.queries import children_on
from tests.factories import MemberFactory, make_org

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 7, 1)
BEFORE = dt.date(2025, 6, 30)


def snapshot():
    return (
        list(Organization.objects.order_by("pk").values()),
        list(OrganizationLink.objects.order_by("pk").values()),
        list(Member.objects.order_by("pk").values()),
        list(Placement.objects.order_by("pk").values()),
        list(MemberEvent.objects.order_by("pk").values()),
        Reorganization.objects.count(),
    )


def names_on(parent, on):
    return sorted(link.name for link in children_on(parent, on))


def plan(*operations):
    return {"operations": list(operations)}


def test_reparent_moves_the_subtree_and_every_denormalized_path(world):
    lifecycle.start_working_away(
        user=world.users.provincial, member=world.duc, on=dt.date(2025, 1, 1)
    )
    record = reorganization.reorganize(
        world.users.provincial,
        plan({"op": "reparent", "organizations": [world.base_a.pk], "parent": world.commune_b.pk}),
        ON,
        "reparent",
        decision_number="100-QĐ/TU",
    )
    base_a = Organization.objects.get(pk=world.base_a.pk)
    branch_a1 = Organization.objects.get(pk=world.branch_a1.pk)
    assert Organization.objects.get_parent(base_a).pk == world.commune_b.pk
    assert branch_a1.path.startswith(base_a.path)
    world.duc.refresh_from_db()
    assert world.duc.org_path == branch_a1.path
    assert MemberEvent.objects.get(member=world.duc).org_path == branch_a1.path
    assert not Member.objects.exclude(org_path__in=Organization.objects.values("path")).exists()
    # The receiving commune's officer now sees the members; the former one no longer does.
    assert Member.objects.visible_to(world.users.officer_b).filter(pk=world.duc.pk).exists()
    assert not Member.objects.visible_to(world.users.officer_a).filter(pk=world.duc.pk).exists()
    assert not Organization.objects.find_problems()[0]
    assert record.summary["organizations_moved"] == 3
    assert record.summary["members_in_moved_subtrees"] == 3


def test_the_tree_of_past_dates_is_unchanged(world):
    reorganization.reorganize(
        world.users.provincial,
        plan({"op": "reparent", "organizations": [world.base_a.pk], "parent": world.commune_b.pk}),
        ON,
        "reparent",
    )
    assert "Đảng bộ cơ sở An Bình" in names_on(world.commune_a, BEFORE)
    assert "Đảng bộ cơ sở An Bình" not in names_on(world.commune_a, ON)
    assert "Đảng bộ cơ sở An Bình" in names_on(world.commune_b, ON)
    # Placements are untouched by a re-parent (the member's branch did not change).
    assert Placement.objects.filter(member=world.duc).count() == 1


def test_preview_writes_nothing(world):
    before = snapshot()
    summary = reorganization.preview(
        world.users.provincial,
        plan(
            {"op": "merge", "sources": [world.branch_a2.pk], "target": world.branch_a1.pk},
            {"op": "reparent", "organizations": [world.base_a.pk], "parent": world.commune_b.pk},
        ),
        dt.date(2025, 10, 1),
        "merge",
    )
    assert summary["members_moved"] == 1 and summary["dissolved"] == ["Chi bộ thôn Tây"]
    assert snapshot() == before


def test_a_refused_operation_undoes_the_whole_plan(world):
    before = snapshot()
    with pytest.raises(ValidationError):
        reorganization.reorganize(
            world.users.provincial,
            plan(
                {
                    "op": "reparent",
                    "organizations": [world.school_a.pk],
                    "parent": world.commune_b.pk,
                },
                {"op": "dissolve", "organizations": [world.commune_a.pk]},  # still has members
            ),
            ON,
            "reparent",
        )
    assert snapshot() == before


def test_only_a_user_whose_subtree_holds_everything_may_reorganize(world):
    before = snapshot()
    with pytest.raises(PermissionDenied):  # sees the whole province, manages nothing
        reorganization.reorganize(
            world.users.inspector,
            plan(
                {"op": "reparent", "organizations": [world.base_a.pk], "parent": world.commune_b.pk}
            ),
            ON,
            "reparent",
        )
    with pytest.raises(ValidationError):  # commune_b is not in officer_a's scope
        reorganization.reorganize(
            world.users.officer_a,
            plan(
                {"op": "reparent", "organizations": [world.base_a.pk], "parent": world.commune_b.pk}
            ),
            ON,
            "reparent",
        )
    with pytest.raises(ValidationError):  # neither is branch_b1
        reorganization.preview(
            world.users.officer_a,
            plan({"op": "dissolve", "organizations": [world.branch_b1.pk]}),
            ON,
            "dissolve",
        )
    assert snapshot() == before


def test_merge_moves_members_with_the_effective_date_and_no_party_age_gap(world):
    age_before = seniority(world.probationer, dt.date(2026, 9, 2))
    duc_age = seniority(world.duc, dt.date(2026, 1, 1))
    reorganization.reorganize(
        world.users.officer_a,
        plan({"op": "merge", "sources": [world.branch_a2.pk], "target": world.branch_a1.pk}),
        dt.date(2025, 10, 1),
        "merge",
        decision_number="5-QĐ/ĐU",
    )
    world.probationer.refresh_from_db()
    assert world.probationer.organization_id == world.branch_a1.pk
    placements = list(
        Placement.objects.filter(member=world.probationer)
        .order_by("valid_from")
        .values_list("organization_id", "valid_from", "valid_to")
    )
    assert placements == [
        (world.branch_a2.pk, dt.date(2025, 9, 2), dt.date(2025, 10, 1)),
        (world.branch_a1.pk, dt.date(2025, 10, 1), None),
    ]
    event = MemberEvent.objects.get(member=world.probationer)
    assert (event.kind, event.occurred_on, event.decision_number) == (
        EventKind.REORGANIZED,
        dt.date(2025, 10, 1),
        "5-QĐ/ĐU",
    )
    branch_a2 = Organization.objects.get(pk=world.branch_a2.pk)
    assert branch_a2.dissolved_on == dt.date(2025, 10, 1)
    assert not OrganizationLink.objects.filter(
        organization=branch_a2, valid_to__isnull=True
    ).exists()
    after = seniority(world.probationer, dt.date(2026, 9, 2))
    assert after.total_months == age_before.total_months and after.gaps == []
    assert seniority(world.duc, dt.date(2026, 1, 1)).total_months == duc_age.total_months


def test_merge_of_committees_reparents_their_branches(world):
    base_c = make_org(world.commune_a, "Đảng bộ cơ sở Tân Hòa", Kind.BASE_COMMITTEE)
    branch_c = make_org(base_c, "Chi bộ thôn Bắc", Kind.BRANCH)
    MemberFactory(organization=branch_c)
    reorganization.reorganize(
        world.users.officer_a,
        plan({"op": "merge", "sources": [base_c.pk], "target": world.base_a.pk}),
        ON,
        "merge",
    )
    branch_c.refresh_from_db()
    assert Organization.objects.get_parent(branch_c).pk == world.base_a.pk
    assert Organization.objects.get(pk=base_c.pk).dissolved_on == ON


def test_r1_7_case_26_districts_dissolved_and_grassroots_reparented(world):
    """§12 case 26: from 1/7/2025 no active district committee; the grassroots organizations
    move under commune committees with no gap in their members' party age."""
    district = make_org(
        world.province, "Đảng bộ huyện Cũ", Kind.DISTRICT_COMMITTEE, founded_on=dt.date(1960, 1, 1)
    )
    base_d = make_org(district, "Đảng bộ xã Cũ", Kind.BASE_COMMITTEE)
    branch_d = make_org(base_d, "Chi bộ thôn Giữa", Kind.BRANCH)
    veteran = MemberFactory(
        organization=branch_d, admitted_on=dt.date(1995, 7, 1), recognized_on=dt.date(1996, 7, 1)
    )
    age_before = seniority(veteran, dt.date(2025, 7, 1))
    reorganization.reorganize(
        world.users.provincial,
        plan(
            {"op": "reparent", "organizations": [base_d.pk], "parent": world.commune_a.pk},
            {"op": "dissolve", "organizations": [district.pk]},
        ),
        ON,
        "dissolve",
        decision_number="321-QĐ/TW",
    )
    active_districts = OrganizationLink.objects.filter(
        active_on_q(ON), kind=Kind.DISTRICT_COMMITTEE
    )
    assert not active_districts.exists()
    assert "Đảng bộ huyện Cũ" in names_on(world.province, BEFORE)
    assert "Đảng bộ xã Cũ" in names_on(district, BEFORE)
    for link in OrganizationLink.objects.filter(active_on_q(ON), kind=Kind.COMMUNE_COMMITTEE):
        assert link.parent.kind == Kind.PROVINCE_COMMITTEE
    veteran.refresh_from_db()
    assert veteran.org_path == Organization.objects.get(pk=branch_d.pk).path
    age = seniority(veteran, dt.date(2025, 7, 1))
    assert age.total_months == age_before.total_months == 360 and age.gaps == []


def test_reclassify_raises_village_branches_to_grassroots(world):
    reorganization.reorganize(
        world.users.officer_a,
        plan(
            {
                "op": "reclassify",
                "organizations": [world.branch_a1.pk],
                "kind": Kind.BASE_BRANCH,
                "parent": world.commune_a.pk,
            }
        ),
        ON,
        "reclassify",
    )
    branch = Organization.objects.get(pk=world.branch_a1.pk)
    assert (
        branch.kind == Kind.BASE_BRANCH
        and Organization.objects.get_parent(branch).pk == world.commune_a.pk
    )
    old, new = OrganizationLink.objects.filter(organization=branch).order_by("valid_from")
    assert (old.kind, old.parent_id, old.valid_to) == (Kind.BRANCH, world.base_a.pk, ON)
    assert (new.kind, new.parent_id, new.valid_from) == (Kind.BASE_BRANCH, world.commune_a.pk, ON)
    world.duc.refresh_from_db()
    assert world.duc.org_path == branch.path and world.duc.status == Status.OFFICIAL


def test_split_creates_an_organization_and_moves_the_listed_members(world):
    record = reorganization.reorganize(
        world.users.officer_a,
        plan(
            {
                "op": "split",
                "source": world.branch_a1.pk,
                "parts": [
                    {
                        "name": "Chi bộ thôn Đông Hai",
                        "code": "DONG2",
                        "kind": Kind.BRANCH,
                        "members": [world.hoa.pk],
                    }
                ],
            }
        ),
        ON,
        "split",
    )
    new = Organization.objects.get(code="DONG2")
    assert Organization.objects.get_parent(new).pk == world.base_a.pk and new.founded_on == ON
    world.hoa.refresh_from_db()
    assert world.hoa.organization == new
    assert record.summary["created"] == ["Chi bộ thôn Đông Hai"]
    assert OrganizationLink.objects.get(organization=new).valid_from == ON


@pytest.mark.parametrize(
    ("operation", "effective_on"),
    [
        ({"op": "reparent", "organizations": ["base_a"], "parent": "branch_a1"}, ON),  # own subtree
        ({"op": "reparent", "organizations": ["branch_a1"], "parent": "province"}, ON),  # kind
        ({"op": "dissolve", "organizations": ["branch_a1"]}, ON),  # still has members
        ({"op": "merge", "sources": ["branch_a1"], "target": "branch_a1"}, ON),  # into itself
        (
            {"op": "merge", "sources": ["branch_a2"], "target": "base_a"},
            ON,
        ),  # members need a branch
        ({"op": "dissolve", "organizations": ["branch_a2"]}, dt.date(2999, 1, 1)),  # future
        ({"op": "unknown"}, ON),
    ],
)
def test_bad_plans_are_refused_with_nothing_written(world, operation, effective_on):
    def resolve(value):
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return (
            getattr(world, value).pk if isinstance(value, str) and hasattr(world, value) else value
        )

    operation = {key: resolve(value) if key != "op" else value for key, value in operation.items()}
    before = snapshot()
    with pytest.raises(ValidationError):
        reorganization.reorganize(world.users.provincial, plan(operation), effective_on, "merge")
    assert snapshot() == before


def test_other_denormalized_paths_follow_a_move(world):
    from dangvu.members import transfers

    transfer = transfers.issue_transfer(
        user=world.users.provincial,
        member=world.minh,
        kind="official",
        scope="within_province",
        to_organization=world.branch_a1,
        letter_number="1",
        issued_on=dt.date(2025, 5, 1),
    )
    reorganization.reorganize(
        world.users.provincial,
        plan({"op": "reparent", "organizations": [world.base_a.pk], "parent": world.commune_b.pk}),
        ON,
        "reparent",
    )
    transfer = Transfer.objects.get(pk=transfer.pk)
    assert transfer.to_org_path == Organization.objects.get(pk=world.branch_a1.pk).path
    assert ("members.Transfer", "to_org_path") in {
        (m._meta.label, f) for m, f in reorganization.path_fields()
    }
