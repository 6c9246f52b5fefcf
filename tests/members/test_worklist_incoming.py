"""The receiving side's work list shows an incoming transfer to confirm from the day its letter
is issued (R9.3), due at the end of the reporting window and overdue after it, until the
arrival is confirmed; the sending side is not asked to confirm."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from dangvu.core import worklist
from dangvu.core.profiles import rule_value
from dangvu.members import transfers
from dangvu.members.choices import TransferKind, TransferScope
from dangvu.members.models import Transfer

pytestmark = pytest.mark.django_db
CHECK = "members.transfer_incoming"
ONE_DAY = dt.timedelta(days=1)


def issue(world, issued_on: dt.date, to=None) -> Transfer:
    return transfers.issue_transfer(
        user=world.users.officer_a,
        member=world.duc,
        kind=TransferKind.OFFICIAL,
        scope=TransferScope.WITHIN_PROVINCE,
        to_organization=to or world.branch_b1,
        letter_number="12-GGT/ĐU",
        issued_on=issued_on,
        issuing_body="Đảng ủy xã An Bình",
    )


def incoming(user, on: dt.date, organization=None):
    return worklist.work_list(user, on=on, organization=organization, only=[CHECK])


def test_R9_3_an_incoming_transfer_is_shown_the_day_it_is_issued(world, login):
    today = timezone.localdate()
    transfer = issue(world, today)
    deadline = today + dt.timedelta(days=rule_value("transfer.report_days", today))
    [item] = incoming(world.users.officer_b, today)
    assert item.url == f"/members/transfers/{transfer.pk}/"
    assert item.subject == "Nguyễn Văn Đức" and item.organization == "Chi bộ khu phố 1"
    assert "Chi bộ thôn Đông" in item.title  # where the member comes from
    assert item.due_on == deadline and item.rule == "R9.3"
    assert not item.is_overdue(today)
    assert login(world.users.officer_b).get(item.url).status_code == 200
    # Not before the letter's date; the sending side confirms nothing.
    assert incoming(world.users.officer_b, today - ONE_DAY) == []
    assert incoming(world.users.officer_a, today) == []
    assert incoming(world.users.secretary_a1, today) == []
    # Narrowed to the receiving grassroots committee: still there; to another branch: not.
    assert incoming(world.users.officer_b, today, organization=world.base_b)
    assert incoming(world.users.provincial, today, organization=world.commune_a) == []


def test_R9_3_the_incoming_transfer_turns_overdue_after_the_window(world):
    today = timezone.localdate()
    days = rule_value("transfer.report_days", today)
    issued = today - dt.timedelta(days=days + 1)
    transfer = issue(world, issued)
    deadline = issued + dt.timedelta(days=rule_value("transfer.report_days", issued))
    [on_deadline] = incoming(world.users.officer_b, deadline)
    assert not on_deadline.is_overdue(deadline)
    [late] = incoming(world.users.officer_b, today)
    assert late.due_on == deadline and late.is_overdue(today)
    # The sending side keeps its own reminder of the late transfer.
    assert worklist.work_list(world.users.officer_a, only=["members.transfer_not_confirmed"])

    transfers.confirm_transfer(user=world.users.officer_b, transfer=transfer, received_on=today)
    assert incoming(world.users.officer_b, today) == []


def test_R9_3_a_transfer_to_a_committee_is_for_those_who_may_confirm_it(world):
    today = timezone.localdate()
    issue(world, today, to=world.base_b)
    # The committee's staff above confirm it; a plain member does not, even seeing it.
    assert incoming(world.users.officer_b, today)
    assert incoming(world.users.provincial, today)
    assert incoming(world.users.member_a1, today) == []
