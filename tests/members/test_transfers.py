"""Transfers (rules.md §9): the sending side issues, the receiving side confirms; both see it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from dangvu.core import worklist
from dangvu.members import lifecycle, rules, transfers
from dangvu.members.choices import (
    DisciplineForm,
    EventKind,
    PlacementKind,
    Status,
    TransferKind,
    TransferScope,
    TransferStatus,
)
from dangvu.members.models import Member, MemberEvent, Placement, Transfer
from dangvu.members.seniority import seniority

pytestmark = pytest.mark.django_db


def issue(world, member=None, to=None, **extra):
    data = {
        "user": world.users.officer_a,
        "member": member or world.duc,
        "kind": TransferKind.OFFICIAL,
        "scope": TransferScope.WITHIN_PROVINCE,
        "to_organization": to if to is not None else world.branch_b1,
        "letter_number": "12-GGT/ĐU",
        "issued_on": dt.date(2025, 3, 1),
        "issuing_body": "Đảng ủy xã An Bình",
    }
    data.update(extra)
    return transfers.issue_transfer(**data)


def snapshot():
    return (
        list(
            Member.objects.order_by("pk").values_list("pk", "status", "organization_id", "version")
        ),
        list(Placement.objects.order_by("pk").values_list("pk", "organization_id", "valid_to")),
        list(Transfer.objects.order_by("pk").values_list("pk", "status")),
        MemberEvent.objects.count(),
    )


def test_both_sides_see_an_issued_transfer_and_the_member_stays_until_arrival(world):
    transfer = issue(world)
    assert transfer.status == TransferStatus.ISSUED
    for user in (world.users.officer_a, world.users.officer_b, world.users.provincial):
        assert Transfer.objects.visible_to(user).filter(pk=transfer.pk).exists()
    assert not Transfer.objects.visible_to(world.users.member_a1).filter(pk=transfer.pk).exists()
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_a1 and world.duc.status == Status.OFFICIAL
    assert not MemberEvent.objects.filter(member=world.duc).exists()


def test_the_receiving_side_confirms_and_the_placement_moves_on_arrival(world):
    transfer = issue(world)
    transfers.confirm_transfer(
        user=world.users.officer_b, transfer=transfer, received_on=dt.date(2025, 3, 10)
    )
    transfer.refresh_from_db()
    world.duc.refresh_from_db()
    assert transfer.status == TransferStatus.CONFIRMED and transfer.received_in == world.branch_b1
    assert world.duc.organization == world.branch_b1 and world.duc.org_path == world.branch_b1.path
    placements = list(
        Placement.objects.filter(member=world.duc)
        .order_by("valid_from")
        .values_list("organization_id", "valid_from", "valid_to")
    )
    assert placements == [
        (world.branch_a1.pk, dt.date(2005, 3, 2), dt.date(2025, 3, 10)),
        (world.branch_b1.pk, dt.date(2025, 3, 10), None),
    ]
    out, arrived = MemberEvent.objects.filter(member=world.duc).order_by("occurred_on")
    assert (out.kind, out.occurred_on, out.org_path) == (
        EventKind.TRANSFERRED_OUT,
        dt.date(2025, 3, 1),
        world.branch_a1.path,
    )
    assert (arrived.kind, arrived.occurred_on, arrived.organization) == (
        EventKind.TRANSFERRED_IN,
        dt.date(2025, 3, 10),
        world.branch_b1,
    )
    # The sending side keeps the transfer (and the departure event) in its lists.
    assert Transfer.objects.visible_to(world.users.officer_a).filter(pk=transfer.pk).exists()
    assert MemberEvent.objects.visible_to(world.users.officer_a).filter(pk=out.pk).exists()
    assert not Member.objects.visible_to(world.users.officer_a).filter(pk=world.duc.pk).exists()


def test_the_sending_side_cannot_confirm(world):
    transfer = issue(world)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        transfers.confirm_transfer(
            user=world.users.officer_a, transfer=transfer, received_on=dt.date(2025, 3, 10)
        )
    assert snapshot() == before


def test_a_committee_receives_and_chooses_the_branch(world):
    transfer = issue(world, to=world.commune_b)
    with pytest.raises(ValidationError) as exc:
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=dt.date(2025, 3, 10)
        )
    assert "branch" in exc.value.message_dict
    transfers.confirm_transfer(
        user=world.users.officer_b,
        transfer=transfer,
        received_on=dt.date(2025, 3, 10),
        branch=world.branch_b1,
    )
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_b1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"to": "self"}, "to_organization"),  # a transfer to their own branch
        ({"issued_on": dt.date(2999, 1, 1)}, "issued_on"),
        ({"issued_on": dt.date(2001, 1, 1)}, "issued_on"),  # before the admission
        ({"letter_number": ""}, "letter_number"),
        ({"scope": TransferScope.ABROAD}, "scope"),
        ({"to": "none"}, "to_organization"),  # neither inside nor outside named
    ],
)
def test_bad_transfers_are_refused_with_nothing_written(world, extra, field):
    before = snapshot()
    target = extra.pop("to", None)
    if target == "self":
        extra["to_organization"] = world.branch_a1
    elif target == "none":
        extra["to_organization"] = None
    with pytest.raises(ValidationError) as exc:
        issue(world, **extra)
    assert field in exc.value.message_dict
    assert snapshot() == before


def test_arrival_before_the_letter_is_refused(world):
    transfer = issue(world)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=dt.date(2025, 2, 1)
        )
    assert "received_on" in exc.value.message_dict
    assert snapshot() == before


def test_a_second_open_transfer_is_refused(world):
    issue(world)
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        issue(world, to=world.branch_a2)
    assert exc.value.code == "open_transfer"
    assert snapshot() == before


def test_r6_5_no_transfer_while_a_discipline_is_in_force(world):
    lifecycle.record_discipline(
        user=world.users.officer_a,
        member=world.duc,
        form=DisciplineForm.REPRIMAND,
        reason="Vi phạm",
        decision_number="1-QĐ",
        decision_body="Chi bộ",
        signed_on=dt.date(2025, 1, 10),
        announced_on=dt.date(2025, 1, 15),
    )
    before = snapshot()
    with pytest.raises(ValidationError) as exc:
        issue(world, issued_on=dt.date(2025, 6, 1))
    assert exc.value.code == "discipline_in_force"
    assert snapshot() == before
    # After it ceased to have effect (R6.2) the transfer is allowed.
    assert issue(world, issued_on=dt.date(2026, 1, 15)).pk


def test_r6_5_no_transfer_while_a_case_is_under_consideration(world):
    case = lifecycle.open_discipline_case(
        user=world.users.officer_a,
        member=world.duc,
        form=DisciplineForm.WARNING,
        reason="Đơn thư",
        opened_on=dt.date(2025, 1, 10),
    )
    assert rules.discipline_blocking_transfer(world.duc, dt.date(2025, 6, 1)) == case
    with pytest.raises(ValidationError):
        issue(world, issued_on=dt.date(2025, 6, 1))
    lifecycle.drop_discipline_case(
        user=world.users.officer_a, discipline=case, on=dt.date(2025, 2, 1)
    )
    assert issue(world, issued_on=dt.date(2025, 6, 1)).pk


def test_leaving_for_another_province_is_recorded_at_issue(world):
    transfer = issue(
        world,
        to=None,
        to_organization=None,
        to_party="Đảng ủy phường Hòa Bình, tỉnh Khác",
        scope=TransferScope.OTHER_PROVINCE,
    )
    world.duc.refresh_from_db()
    assert world.duc.status == Status.TRANSFERRED_OUT
    assert world.duc.status_since == dt.date(2025, 3, 1)
    assert not Placement.objects.filter(member=world.duc, valid_to__isnull=True).exists()
    event = MemberEvent.objects.get(member=world.duc)
    assert event.kind == EventKind.TRANSFERRED_OUT and event.other_party.startswith("Đảng ủy")
    assert transfer.is_outgoing_external


def test_an_arrival_from_outside_creates_the_member_with_its_event(world):
    transfer = transfers.receive_from_outside(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        from_party="Đảng bộ xã Tân Lập, tỉnh Khác",
        letter_number="88-GGT",
        issued_on=dt.date(2024, 12, 1),
        received_on=dt.date(2025, 2, 1),
        member_data={
            "full_name": "Đỗ Văn Tới",
            "birth_date": dt.date(1985, 1, 1),
            "gender": "male",
            "admitted_on": dt.date(2010, 2, 1),
            "recognized_on": dt.date(2011, 2, 1),
            "status": "official",
        },
    )
    member = transfer.member
    assert member.organization == world.branch_a1 and member.status == Status.OFFICIAL
    assert transfer.status == TransferStatus.CONFIRMED and transfer.from_party
    assert Placement.objects.get(member=member).valid_from == dt.date(2025, 2, 1)
    event = MemberEvent.objects.get(member=member)
    assert event.kind == EventKind.TRANSFERRED_IN and event.details["left_on"] == "2024-12-01"
    # The two months between the letter and the arrival are a gap (R2.13).
    age = seniority(member, dt.date(2025, 4, 1))
    assert (age.years, age.months) == (15, 0)


def test_a_member_who_left_comes_back(world):
    issue(
        world,
        to_organization=None,
        to_party="Tỉnh Khác",
        scope=TransferScope.OTHER_PROVINCE,
        issued_on=dt.date(2020, 1, 1),
    )
    transfers.receive_from_outside(
        user=world.users.secretary_a1,
        branch=world.branch_a1,
        member=world.duc,
        from_party="Tỉnh Khác",
        letter_number="5-GGT",
        issued_on=dt.date(2020, 12, 1),
        received_on=dt.date(2021, 1, 1),
    )
    world.duc.refresh_from_db()
    assert world.duc.status == Status.OFFICIAL and world.duc.organization == world.branch_a1
    age = seniority(world.duc, dt.date(2025, 3, 2))
    assert (age.years, age.months) == (19, 0)  # 20 years minus the 12-month gap


def test_r9_2_a_temporary_transfer_keeps_the_home_branch(world):
    transfer = issue(world, kind=TransferKind.TEMPORARY, until=dt.date(2025, 12, 31))
    transfers.confirm_transfer(
        user=world.users.officer_b, transfer=transfer, received_on=dt.date(2025, 3, 5)
    )
    world.duc.refresh_from_db()
    assert world.duc.organization == world.branch_a1
    temporary = Placement.objects.get(member=world.duc, kind=PlacementKind.TEMPORARY)
    assert temporary.organization == world.branch_b1 and temporary.valid_to is None
    with pytest.raises(ValidationError):
        issue(world, to=world.branch_a2, issued_on=dt.date(2025, 5, 1))  # still away
    transfers.end_temporary_transfer(
        user=world.users.officer_a, transfer=transfer, on=dt.date(2025, 10, 1)
    )
    temporary.refresh_from_db()
    assert temporary.valid_to == dt.date(2025, 10, 1)
    kinds = list(world.duc.events.order_by("occurred_on", "id").values_list("kind", flat=True))
    assert kinds == [EventKind.TEMPORARY_OUT, EventKind.TEMPORARY_IN, EventKind.TEMPORARY_ENDED]


def test_a_cancelled_transfer_changes_nothing_else(world):
    transfer = issue(world)
    transfers.cancel_transfer(
        user=world.users.officer_b, transfer=transfer, on=dt.date(2025, 3, 20)
    )
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CANCELLED
    with pytest.raises(ValidationError):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=dt.date(2025, 3, 25)
        )
    assert issue(world, issued_on=dt.date(2025, 4, 1)).pk  # a new letter may be issued


def test_r9_3_a_transfer_not_confirmed_in_time_is_on_both_work_lists(world):
    today = timezone.localdate()
    transfer = issue(world, issued_on=today - dt.timedelta(days=31))
    # The sender's reminder; the receiving side (and the province, which sees both) has it
    # once, overdue, among its incoming transfers.
    both = ["members.transfer_not_confirmed", "members.transfer_incoming"]
    for user, check in (
        (world.users.officer_a, "members.transfer_not_confirmed"),
        (world.users.officer_b, "members.transfer_incoming"),
        (world.users.provincial, "members.transfer_incoming"),
    ):
        items = worklist.work_list(user, only=both)
        assert [(i.check, i.url) for i in items] == [
            (check, f"/members/transfers/{transfer.pk}/")
        ], user
        assert items[0].is_overdue(today)
    assert (
        not worklist.work_list(
            world.users.officer_b,
            organization=world.base_b,
            only=["members.transfer_incoming"],
        )
        == []
    )  # narrowed to the receiving branch's grassroots committee: still there
    for user in (world.users.secretary_a1,):
        assert worklist.work_list(user, only=["members.transfer_not_confirmed"])
    transfers.confirm_transfer(user=world.users.officer_b, transfer=transfer, received_on=today)
    assert not worklist.work_list(world.users.officer_a, only=["members.transfer_not_confirmed"])


def test_r9_3_a_recent_transfer_is_not_yet_due(world):
    issue(world, issued_on=timezone.localdate() - dt.timedelta(days=10))
    assert not worklist.work_list(world.users.officer_a, only=["members.transfer_not_confirmed"])


# --- seniority (R2.13) ---------------------------------------------------------------------


def test_r2_13_party_age_starts_at_the_decision_not_the_ceremony(world):
    """§12 case 8: decision 26/7/2015, ceremony 10/8/2015, recognized 26/7/2016."""
    member = world.hoa
    Member.objects.filter(pk=member.pk).update(
        admitted_on=dt.date(2015, 7, 26), recognized_on=dt.date(2016, 7, 26)
    )
    member.refresh_from_db()
    MemberEvent.objects.create(
        member=member,
        kind=EventKind.ADMITTED,
        occurred_on=dt.date(2015, 8, 10),
        decision_date=dt.date(2015, 7, 26),
        organization=world.branch_a1,
    )
    age = seniority(member, dt.date(2025, 7, 26))
    assert age.start == dt.date(2015, 7, 26)
    assert (age.years, age.months, age.total_months) == (10, 0, 120)
    assert seniority(member, dt.date(2025, 7, 25)).total_months == 119


def test_r2_13_a_transfer_gap_reduces_party_age(world):
    """§12 case 9: decision 1/10/1989 with a 12-month transfer gap → 30 years on 1/10/2020."""
    member = world.duc
    Member.objects.filter(pk=member.pk).update(
        admitted_on=dt.date(1989, 10, 1), recognized_on=dt.date(1990, 10, 1)
    )
    Placement.objects.filter(member=member).update(valid_from=dt.date(1989, 10, 1))
    member.refresh_from_db()
    transfer = issue(world, member=member, issued_on=dt.date(2000, 1, 1))
    transfers.confirm_transfer(
        user=world.users.officer_b, transfer=transfer, received_on=dt.date(2001, 1, 1)
    )
    member.refresh_from_db()
    assert seniority(member, dt.date(2019, 10, 1)).years == 29
    age = seniority(member, dt.date(2020, 10, 1))
    assert (age.years, age.months) == (30, 0)
    assert age.reached_on(30) == dt.date(2020, 10, 1)


def test_r2_13_time_after_a_strike_off_is_not_party_age(world):
    member = world.duc
    lifecycle.strike_off(
        user=world.users.officer_a,
        member=member,
        on=dt.date(2015, 3, 2),
        ground="abandoned",
        decision_number="1",
        decision_date=dt.date(2015, 3, 2),
        decision_body="ĐU",
    )
    member.refresh_from_db()
    age = seniority(member, dt.date(2025, 1, 1))
    assert age.until == dt.date(2015, 3, 2) and age.years == 10
    # Re-admitted (the admissions app's event) on 2018-03-02: three years are not counted.
    MemberEvent.objects.create(
        member=member,
        kind=EventKind.READMITTED,
        occurred_on=dt.date(2018, 3, 2),
        organization=world.branch_a1,
    )
    Member.objects.filter(pk=member.pk).update(status=Status.PROBATIONARY)
    member.refresh_from_db()
    age = seniority(member, dt.date(2025, 3, 2))
    assert (age.years, age.months) == (17, 0) and age.provisional


def test_r2_13_a_probationary_member_not_recognized_has_no_party_age(world):
    MemberEvent.objects.create(
        member=world.probationer,
        kind=EventKind.NOT_RECOGNIZED,
        occurred_on=dt.date(2026, 9, 2),
        organization=world.branch_a2,
    )
    assert seniority(world.probationer, dt.date(2026, 10, 1)) is None


def test_r6_4_removal_from_post_bars_committee_election_for_12_months(world):
    """§12 case 17: cách chức decided 1/3/2025 → nomination before 1/3/2026 rejected."""
    lifecycle.record_discipline(
        user=world.users.officer_a,
        member=world.duc,
        form=DisciplineForm.DISMISSAL,
        post="Bí thư chi bộ",
        reason="Vi phạm",
        decision_number="2-QĐ",
        decision_body="Đảng ủy xã",
        signed_on=dt.date(2025, 3, 1),
        announced_on=dt.date(2025, 3, 5),
    )
    with pytest.raises(ValidationError):
        rules.check_may_stand_for_committee(world.duc, dt.date(2026, 2, 28))
    rules.check_may_stand_for_committee(world.duc, dt.date(2026, 3, 1))
    # A warning does not bar election.
    rules.check_may_stand_for_committee(world.hoa, dt.date(2025, 6, 1))
