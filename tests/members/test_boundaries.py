"""Member rules (rules.md §2.13, §6, §9) at their boundaries: the exact day where the outcome
flips, and the day on either side.

Numbers come from the rule profile (`core.profiles.rule_value`); checks that compare with today
run under a pinned clock (time_machine). Messages carry numbers and are translated, so the
tests read codes, flags and dates only.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from dangvu.core import worklist
from dangvu.core.calendar import add_months
from dangvu.core.profiles import publish_profile, rule_value
from dangvu.members import lifecycle, rules, transfers
from dangvu.members.choices import EventKind, Status, TransferKind, TransferScope
from dangvu.members.filters import TransferFilterSet
from dangvu.members.models import Member, MemberEvent, Placement, Transfer
from dangvu.members.seniority import Gap, seniority

pytestmark = pytest.mark.django_db
D = dt.date
ONE_DAY = dt.timedelta(days=1)
ISSUED = D(2025, 3, 3)
CHECK = "members.transfer_not_confirmed"
INCOMING = "members.transfer_incoming"


def at(day: dt.date):
    """Pin the clock to noon of `day` in the project's time zone."""
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 12, tzinfo=timezone.get_default_timezone()),
        tick=False,
    )


def issue(world, member=None, to=None, **extra) -> Transfer:
    data = {
        "user": world.users.officer_a,
        "member": member or world.duc,
        "kind": TransferKind.OFFICIAL,
        "scope": TransferScope.WITHIN_PROVINCE,
        "to_organization": to if to is not None else world.branch_b1,
        "letter_number": "12-GGT/ĐU",
        "issued_on": ISSUED,
        "issuing_body": "Đảng ủy xã An Bình",
    }
    data.update(extra)
    return transfers.issue_transfer(**data)


def report_deadline(issued_on: dt.date) -> dt.date:
    return issued_on + dt.timedelta(days=rule_value("transfer.report_days", issued_on))


# ---- R9.3 reporting to the receiving organization ---------------------------------------------


def test_R9_3_the_arrival_deadline_is_the_profiles_days_after_the_letter(world):
    """R9.3 (QĐ 24-QĐ/TW §6.3, secondary: within 30 days of the letter, calendar days [U]):
    the deadline is exactly the profile's number of days after the issue date."""
    assert rules.transfer_report_deadline(ISSUED) == report_deadline(ISSUED)
    assert (report_deadline(ISSUED) - ISSUED).days == rule_value("transfer.report_days", ISSUED)
    publish_profile(
        values={"transfer.report_days": 45},
        valid_from=D(2025, 1, 1),
        note="test",
        user=world.users.admin,
    )
    assert rules.transfer_report_deadline(ISSUED) == ISSUED + dt.timedelta(days=45)
    # A letter issued before that profile keeps the default.
    earlier = D(2024, 12, 1)
    assert rules.transfer_report_deadline(earlier) == report_deadline(earlier)
    assert report_deadline(earlier) != earlier + dt.timedelta(days=45)


def test_R9_3_not_confirmed_is_on_the_work_list_the_day_after_the_deadline(world):
    """R9.3 (QĐ 24-QĐ/TW §6.3): on the deadline the transfer is not yet late and stays off
    the work list; the next day it is there, due on the deadline, for both sides."""
    transfer = issue(world)
    deadline = report_deadline(ISSUED)
    # The sending side's reminder, and the receiving side's incoming item: one each.
    for user, check in ((world.users.officer_a, CHECK), (world.users.officer_b, INCOMING)):
        if check == CHECK:
            assert worklist.work_list(user, on=deadline, only=[check]) == []
        [item] = worklist.work_list(user, on=deadline + ONE_DAY, only=[check])
        assert item.url == reverse("members:transfer_detail", args=[transfer.pk])
        assert item.due_on == deadline == rules.transfer_report_deadline(ISSUED)
        assert item.is_overdue(deadline + ONE_DAY) and not item.is_overdue(deadline)
        assert item.rule == "R9.3"
    assert worklist.work_list(world.users.officer_b, on=deadline + ONE_DAY, only=[CHECK]) == []


def test_R9_3_the_work_list_reads_the_reporting_days_from_the_profile(world):
    """R9.3 (QĐ 24-QĐ/TW §6.3, [U] configurable): a longer window in the profile moves the
    day the transfer becomes late."""
    publish_profile(
        values={"transfer.report_days": 45},
        valid_from=D(2025, 1, 1),
        note="test",
        user=world.users.admin,
    )
    issue(world)
    deadline = ISSUED + dt.timedelta(days=45)
    assert worklist.work_list(world.users.officer_a, on=deadline, only=[CHECK]) == []
    [item] = worklist.work_list(world.users.officer_a, on=deadline + ONE_DAY, only=[CHECK])
    assert item.due_on == deadline


def test_R9_3_a_confirmed_or_cancelled_transfer_is_not_late(world):
    """R9.3 (QĐ 24-QĐ/TW §6.3): only a transfer still awaiting its arrival is late."""
    transfer = issue(world)
    late = report_deadline(ISSUED) + ONE_DAY
    with at(late):
        transfers.cancel_transfer(user=world.users.officer_b, transfer=transfer, on=late)
    assert worklist.work_list(world.users.officer_a, on=late, only=[CHECK]) == []


@pytest.mark.parametrize("days_after, overdue", [(0, False), (1, True)])
def test_R9_3_the_transfer_pages_flag_late_only_after_the_deadline(
    world, login, days_after, overdue
):
    """R9.3 (QĐ 24-QĐ/TW §6.3): the transfer's page and the list show it late from the day
    after the deadline, not on the deadline."""
    transfer = issue(world)
    deadline = report_deadline(ISSUED)
    client = login(world.users.officer_a)
    with at(deadline + dt.timedelta(days=days_after)):
        page = client.get(reverse("members:transfer_detail", args=[transfer.pk]))
        assert page.status_code == 200
        assert page.context["due_on"] == deadline
        assert page.context["overdue"] is overdue
        listing = client.get(reverse("members:transfers"))
        [row] = [t for t in listing.context["object_list"] if t.pk == transfer.pk]
        assert row.due_on == deadline and row.overdue is overdue


@pytest.mark.parametrize("days_after, overdue", [(0, False), (1, True)])
def test_R9_3_the_overdue_filter_at_the_deadline(world, days_after, overdue):
    """R9.3 (QĐ 24-QĐ/TW §6.3): the "not confirmed in time" filter (pages and API) agrees with
    the work list: not on the deadline, from the next day."""
    transfer = issue(world)
    with at(report_deadline(ISSUED) + dt.timedelta(days=days_after)):
        late = TransferFilterSet(data={"overdue": "true"}, queryset=Transfer.objects.all()).qs
        in_time = TransferFilterSet(data={"overdue": "false"}, queryset=Transfer.objects.all()).qs
        everything = TransferFilterSet(data={}, queryset=Transfer.objects.all()).qs
        assert (transfer in late) is overdue
        assert (transfer in in_time) is not overdue
        assert transfer in everything


# ---- R2.13 party age --------------------------------------------------------------------------


def _admitted(member: Member, on: dt.date) -> Member:
    Member.objects.filter(pk=member.pk).update(
        admitted_on=on, recognized_on=add_months(on, 12), status_since=add_months(on, 12)
    )
    Placement.objects.filter(member=member).update(valid_from=on)
    member.refresh_from_db()
    return member


def test_R2_13_a_temporary_transfer_is_a_gap_in_party_age(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5; HD 01-HD/TW §5.3: "gián đoạn do chuyển sinh hoạt đảng"):
    the time between a temporary transfer's letter and the arrival in the host branch is not
    party age, as for an official transfer. Đức (decision 2/3/2005) is sent temporarily on
    3/3/2025 and arrives on 3/4/2025: his 21st year is reached a month later, on 2/4/2026."""
    member = world.duc
    start = member.admitted_on
    transfer = issue(world, kind=TransferKind.TEMPORARY, until=D(2025, 12, 31))
    with at(D(2025, 6, 1)):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=add_months(ISSUED, 1)
        )
    member.refresh_from_db()
    without_gap = add_months(start, 12 * 21)
    age = seniority(member, without_gap)
    assert age.gaps == [Gap(ISSUED, add_months(ISSUED, 1), EventKind.TRANSFERRED_OUT)]
    assert (age.years, age.months) == (20, 11)
    reached = age.reached_on(21)
    assert reached == add_months(without_gap, 1)
    assert seniority(member, reached - ONE_DAY).years == 20
    assert seniority(member, reached).years == 21


def test_R2_13_a_temporary_transfer_gap_counts_in_days(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): a 10-day gap (temporary transfer) moves the anniversary by
    10 days; the first day after the arrival is already party age again."""
    member = world.duc
    transfer = issue(world, kind=TransferKind.TEMPORARY, until=D(2025, 12, 31))
    arrival = ISSUED + dt.timedelta(days=10)
    with at(D(2025, 6, 1)):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=arrival
        )
    member.refresh_from_db()
    anniversary = add_months(member.admitted_on, 12 * 21) + dt.timedelta(days=10)
    assert seniority(member, anniversary - ONE_DAY).total_months == 12 * 21 - 1
    assert seniority(member, anniversary).total_months == 12 * 21
    # During the gap the party age stands still at its value on the letter's date.
    before = seniority(member, ISSUED).total_months
    assert seniority(member, arrival - ONE_DAY).total_months == before


def test_R2_13_temporary_events_alone_make_the_same_gap(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): the gap is read from the events (TEMPORARY_OUT on the letter,
    TEMPORARY_IN on the arrival), as an official transfer's (TRANSFERRED_OUT/IN)."""
    member = _admitted(world.hoa, D(1995, 5, 10))
    for kind, day in (
        (EventKind.TEMPORARY_OUT, D(2010, 1, 5)),
        (EventKind.TEMPORARY_IN, D(2010, 3, 5)),
    ):
        MemberEvent.objects.create(
            member=member, kind=kind, occurred_on=day, organization=world.branch_a1
        )
    age = seniority(member, D(2025, 5, 10))
    assert age.gaps == [Gap(D(2010, 1, 5), D(2010, 3, 5), EventKind.TRANSFERRED_OUT)]
    assert (age.years, age.months) == (29, 10)
    assert age.reached_on(30) == D(2025, 7, 10)


def test_R2_13_an_external_temporary_transfer_that_ended_is_no_gap(world):
    """R2.13 / R9.2 (QĐ 24-QĐ/TW §4.5, §6.3): a temporary transfer to an organization outside
    the system keeps the member in the home branch; when it ends, no time was lost."""
    member = world.duc
    transfer = issue(
        world,
        to_organization=None,
        to_party="Đảng bộ Trường Chính trị, tỉnh Khác",
        scope=TransferScope.OTHER_PROVINCE,
        kind=TransferKind.TEMPORARY,
        until=D(2025, 9, 30),
    )
    with at(D(2025, 12, 1)):
        transfers.end_temporary_transfer(
            user=world.users.officer_a, transfer=transfer, on=D(2025, 10, 1)
        )
    member.refresh_from_db()
    age = seniority(member, add_months(member.admitted_on, 12 * 21))
    assert age.gaps == [] and (age.years, age.months) == (21, 0)


def test_R2_13_an_official_transfer_gap_ends_on_the_arrival_day(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): an official transfer from 3/3/2025 to 3/5/2025 removes two
    months: the 21st year comes on 2/5/2026, not a day earlier."""
    member = world.duc
    transfer = issue(world)
    with at(D(2025, 6, 1)):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=add_months(ISSUED, 2)
        )
    member.refresh_from_db()
    reached = add_months(add_months(member.admitted_on, 12 * 21), 2)
    assert seniority(member, reached).reached_on(21) == reached
    assert seniority(member, reached - ONE_DAY).years == 20
    assert seniority(member, reached).years == 21


@pytest.mark.parametrize("arrival_days, gap_days", [(10, 0), (11, 1)])
def test_R2_13_the_transfer_grace_days_of_the_profile(world, arrival_days, gap_days):
    """R2.13 ([U] reading of "gián đoạn do chuyển sinh hoạt", configurable): with a 10-day
    grace in the profile, an arrival 10 days after the letter is no gap, 11 days is a 1-day
    gap."""
    publish_profile(
        values={"seniority.transfer_gap_grace_days": 10},
        valid_from=D(2020, 1, 1),
        note="test",
        user=world.users.admin,
    )
    member = world.duc
    transfer = issue(world)
    with at(D(2025, 6, 1)):
        transfers.confirm_transfer(
            user=world.users.officer_b,
            transfer=transfer,
            received_on=ISSUED + dt.timedelta(days=arrival_days),
        )
    member.refresh_from_db()
    age = seniority(member, D(2026, 6, 1))
    assert sum((g.end - g.start).days for g in age.gaps) == gap_days
    expected = add_months(member.admitted_on, 12 * 21) + dt.timedelta(days=gap_days)
    assert age.reached_on(21) == expected


def test_R2_13_an_arrival_from_outside_is_a_gap_from_the_letter(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): a member arriving from another province lost the time
    between the letter (when they left) and the arrival."""
    with at(D(2025, 6, 1)):
        transfer = transfers.receive_from_outside(
            user=world.users.secretary_a1,
            branch=world.branch_a1,
            from_party="Đảng bộ xã Tân Lập, tỉnh Khác",
            letter_number="88-GGT",
            issued_on=D(2024, 12, 1),
            received_on=D(2024, 12, 21),
            member_data={
                "full_name": "Đỗ Văn Tới",
                "birth_date": D(1985, 1, 1),
                "gender": "male",
                "admitted_on": D(2010, 2, 1),
                "recognized_on": D(2011, 2, 1),
                "status": "official",
            },
        )
    member = transfer.member
    age = seniority(member, D(2025, 6, 1))
    assert age.gaps == [Gap(D(2024, 12, 1), D(2024, 12, 21), EventKind.TRANSFERRED_OUT)]
    assert age.reached_on(15) == D(2025, 2, 21)
    assert seniority(member, D(2025, 2, 20)).years == 14
    assert seniority(member, D(2025, 2, 21)).years == 15


def test_R2_13_no_party_age_before_the_decision_and_none_on_its_day(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): party age runs from the decision's date: nothing the day
    before, zero months on the day, one month a month later."""
    member = _admitted(world.hoa, D(2015, 7, 26))
    assert seniority(member, D(2015, 7, 25)) is None
    assert seniority(member, D(2015, 7, 26)).total_months == 0
    assert seniority(member, D(2015, 8, 25)).total_months == 0
    assert seniority(member, D(2015, 8, 26)).total_months == 1


def test_R2_13_the_first_admission_counts_for_a_readmitted_member(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5: a re-admitted member's party age runs from the first
    decision, minus the time out of the party)."""
    member = _admitted(world.hoa, D(2018, 3, 2))
    MemberEvent.objects.create(
        member=member,
        kind=EventKind.ADMITTED,
        occurred_on=D(2018, 3, 20),
        decision_date=D(2018, 3, 2),
        organization=world.branch_a1,
        details={"admitted_on": "2000-03-02"},
    )
    age = seniority(member, D(2020, 3, 2))
    assert age.start == D(2000, 3, 2) and age.years == 20


def test_R2_13_expulsion_then_readmission_is_a_gap_but_a_restored_expulsion_is_not(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): the time after an expulsion until a re-admission is not
    party age; a member wrongly expelled and cleared keeps a continuous party age."""
    expelled = _admitted(world.hoa, D(2000, 1, 10))
    for kind, day in ((EventKind.EXPELLED, D(2010, 1, 10)), (EventKind.READMITTED, D(2013, 1, 10))):
        MemberEvent.objects.create(
            member=expelled, kind=kind, occurred_on=day, organization=world.branch_a1
        )
    age = seniority(expelled, D(2020, 1, 10))
    assert age.gaps == [Gap(D(2010, 1, 10), D(2013, 1, 10), EventKind.READMITTED)]
    assert age.years == 17
    # Before the re-admission the party age is frozen at the expulsion.
    frozen = seniority(expelled, D(2012, 1, 10))
    assert frozen.until == D(2010, 1, 10) and frozen.years == 10

    cleared = _admitted(world.teacher, D(2000, 1, 10))
    for kind, day in ((EventKind.EXPELLED, D(2010, 1, 10)), (EventKind.RESTORED, D(2013, 1, 10))):
        MemberEvent.objects.create(
            member=cleared, kind=kind, occurred_on=day, organization=world.school_a
        )
    age = seniority(cleared, D(2020, 1, 10))
    assert age.gaps == [] and age.years == 20


def test_R2_13_a_strike_off_then_readmission_gap_starts_at_the_strike_off(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): struck off on 2/3/2015 and re-admitted 2/3/2018: three years
    are not party age; on the day of the re-admission the gap ends."""
    member = _admitted(world.hoa, D(2005, 3, 2))
    for kind, day in ((EventKind.STRUCK_OFF, D(2015, 3, 2)), (EventKind.READMITTED, D(2018, 3, 2))):
        MemberEvent.objects.create(
            member=member, kind=kind, occurred_on=day, organization=world.branch_a1
        )
    age = seniority(member, D(2025, 3, 2))
    assert age.gaps == [Gap(D(2015, 3, 2), D(2018, 3, 2), EventKind.STRUCK_OFF)]
    assert age.years == 17 and age.months == 0
    assert seniority(member, D(2025, 3, 1)).total_months == 17 * 12 - 1


def test_R2_13_a_deceased_member_s_party_age_stops_at_death(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): after death party age no longer grows."""
    member = _admitted(world.hoa, D(2000, 6, 1))
    MemberEvent.objects.create(
        member=member,
        kind=EventKind.DECEASED,
        occurred_on=D(2020, 6, 1),
        organization=world.branch_a1,
    )
    age = seniority(member, D(2025, 6, 1))
    assert age.until == D(2020, 6, 1) and age.years == 20
    assert seniority(member, D(2020, 5, 31)).until == D(2020, 5, 31)


def test_R2_13_a_member_who_left_without_an_event_is_frozen_at_the_status_date(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): imported data without events: a member no longer active is
    frozen at the status date, from that day on, not before."""
    member = _admitted(world.hoa, D(2000, 6, 1))
    Member.objects.filter(pk=member.pk).update(status=Status.STRUCK_OFF, status_since=D(2020, 6, 1))
    member.refresh_from_db()
    assert seniority(member, D(2025, 6, 1)).until == D(2020, 6, 1)
    assert seniority(member, D(2020, 6, 1)).until == D(2020, 6, 1)
    assert seniority(member, D(2019, 6, 1)).until == D(2019, 6, 1)


def test_R2_13_events_after_the_date_are_ignored(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): the party age on a date depends only on what happened by
    then: a later transfer gap does not reduce an earlier party age."""
    member = _admitted(world.hoa, D(2000, 6, 1))
    for kind, day in (
        (EventKind.TRANSFERRED_OUT, D(2021, 1, 1)),
        (EventKind.TRANSFERRED_IN, D(2021, 3, 1)),
    ):
        MemberEvent.objects.create(
            member=member, kind=kind, occurred_on=day, organization=world.branch_a1
        )
    age = seniority(member, D(2020, 12, 31))
    assert age.gaps == [] and age.total_months == 246
    # Passed as a list the events give the same answer.
    events = list(MemberEvent.objects.filter(member=member))
    assert (
        seniority(member, D(2021, 6, 1), events=events).gaps
        == seniority(member, D(2021, 6, 1)).gaps
    )


# ---- R6.2 / R6.5 discipline in force ----------------------------------------------------------


def test_R6_2_a_discipline_ends_on_its_anniversary_and_then_allows_a_transfer(world):
    """R6.2 / R6.5 (QĐ 69-QĐ/TW Đ2.5, Đ2.13): a reprimand announced 15/1/2025 ceases to have
    effect 12 months later (profile), on 15/1/2026: a transfer on the day before is refused, on
    that day it is allowed."""
    with at(D(2026, 6, 1)):
        lifecycle.record_discipline(
            user=world.users.officer_a,
            member=world.duc,
            form="reprimand",
            reason="Vi phạm",
            decision_number="1-QĐ",
            decision_body="Chi bộ",
            signed_on=D(2025, 1, 10),
            announced_on=D(2025, 1, 15),
        )
    expiry = add_months(D(2025, 1, 15), rule_value("discipline.expiry_months", D(2025, 1, 15)))
    assert rules.discipline_expires_on("reprimand", D(2025, 1, 15)) == expiry
    assert rules.discipline_expires_on("expulsion", D(2025, 1, 15)) is None
    assert rules.discipline_blocking_transfer(world.duc, expiry - ONE_DAY) is not None
    assert rules.discipline_blocking_transfer(world.duc, expiry) is None
    with pytest.raises(ValidationError) as exc:
        issue(world, issued_on=expiry - ONE_DAY)
    assert exc.value.code == "discipline_in_force"
    assert issue(world, issued_on=expiry).pk


# ---- R6.1 removal from post needs a post held on the day ---------------------------------------


def test_R6_1_a_post_is_held_from_its_first_day_until_the_day_before_it_ends(world):
    """R6.1 (QĐ 69-QĐ/TW Đ7): removal from post needs a post held on the decision's day: a
    committee seat or a concurrent post counts from its first day, not on the day it ends,
    and another member's post does not count."""
    from dangvu.members.models import MemberPost
    from dangvu.organizations.models import CommitteeSeat

    seat = CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.duc,
        role="secretary",
        valid_from=D(2020, 1, 1),
        valid_to=D(2025, 1, 1),
    )
    assert not rules.holds_post(world.duc, seat.valid_from - ONE_DAY)
    assert rules.holds_post(world.duc, seat.valid_from)
    assert rules.holds_post(world.duc, seat.valid_to - ONE_DAY)
    assert not rules.holds_post(world.duc, seat.valid_to)
    post = MemberPost.objects.create(
        member=world.hoa, kind="village_head", valid_from=D(2024, 6, 1), valid_to=D(2026, 1, 1)
    )
    assert not rules.holds_post(world.hoa, post.valid_from - ONE_DAY)
    assert rules.holds_post(world.hoa, post.valid_from)
    assert not rules.holds_post(world.hoa, post.valid_to)
    assert not rules.holds_post(world.minh, D(2025, 1, 1))  # neither seat nor post
    with pytest.raises(ValidationError) as exc:
        rules.check_discipline_form(world.hoa, "dismissal", post.valid_to)
    assert set(exc.value.message_dict) == {"post"}
    rules.check_discipline_form(world.hoa, "dismissal", post.valid_to - ONE_DAY)
    rules.check_discipline_form(world.hoa, "dismissal", post.valid_to, post="Trưởng thôn")


def test_R6_1_a_probationary_member_can_only_be_reprimanded_or_warned(world):
    """R6.1 (QĐ 69-QĐ/TW Đ7; Điều lệ Đ35.2): a probationary member may be reprimanded or
    warned, not removed from post or expelled; an official member may be."""
    for form in ("reprimand", "warning"):
        rules.check_discipline_form(world.probationer, form, D(2026, 1, 1))
    for form in ("dismissal", "expulsion"):
        with pytest.raises(ValidationError) as exc:
            rules.check_discipline_form(world.probationer, form, D(2026, 1, 1), post="Tổ trưởng")
        assert set(exc.value.message_dict) == {"form"}
    rules.check_discipline_form(world.duc, "expulsion", D(2026, 1, 1))


# ---- R5.4 / R5.5 yearly comments of the residence branch ---------------------------------------

RESIDENCE_CHECK = "members.residence_comment_missing"


def _window_values(on: dt.date) -> dict:
    from dangvu.core.profiles import values_on

    return values_on(on)[1]


CONTACT_FROM = D(2024, 1, 1)


def _contact(world, member=None, residence=None, category="none", valid_from=CONTACT_FROM):
    with at(D(2026, 6, 1)):
        return lifecycle.add_residence_contact(
            user=world.users.provincial,
            member=member or world.teacher,
            residence_organization=residence or world.branch_a1,
            valid_from=valid_from,
            category=category,
        )


def test_R5_4_the_comment_window_opens_on_its_first_day(world):
    """R5.4 (QĐ 213-QĐ/TW Đ3.4; HD 33-HD/BTCTW): this year's comments are asked for from the
    profile's number of days before the due month (November by default); the day before, last
    year's are still the ones due."""
    vals = _window_values(D(2025, 6, 1))
    due = D(2025, vals["residence.comments_due_month"], 1)
    opens = due - dt.timedelta(days=vals["residence.comments_warn_days"])
    assert rules.residence_comment_window(opens) == (2025, due, opens)
    previous_due = D(2024, vals["residence.comments_due_month"], 1)
    previous = (
        2024,
        previous_due,
        previous_due - dt.timedelta(vals["residence.comments_warn_days"]),
    )
    assert rules.residence_comment_window(opens - ONE_DAY) == previous
    # Given values are used as given (the work list reads the profile once).
    custom = dict(vals, **{"residence.comments_due_month": 3, "residence.comments_warn_days": 0})
    assert rules.residence_comment_window(D(2025, 3, 1), custom) == (
        2025,
        D(2025, 3, 1),
        D(2025, 3, 1),
    )
    assert rules.residence_comment_window(D(2025, 2, 28), custom)[0] == 2024


def test_R5_4_the_window_reads_the_profile_in_force_on_the_day(world):
    """R5.4 ([U] local practice, configurable): a later profile does not change an earlier
    day's window, whatever today is."""
    publish_profile(
        values={"residence.comments_due_month": 9},
        valid_from=D(2026, 1, 1),
        note="test",
        user=world.users.admin,
    )
    with at(D(2026, 6, 1)):
        assert rules.residence_comment_window(D(2025, 12, 1))[1] == D(
            2025, _window_values(D(2025, 12, 1))["residence.comments_due_month"], 1
        )
        assert rules.residence_comment_window(D(2026, 12, 1))[1] == D(2026, 9, 1)


def test_R5_5_only_regular_contacts_need_a_yearly_comment():
    """R5.4 / R5.5 (QĐ 213 Đ3.4; HD 33-HD/BTCTW §1): categories 1.1 and 1.2 are asked for
    comments only when needed; regular contact ("none") every year."""
    assert rules.residence_comment_required("none")
    assert not rules.residence_comment_required("1.1")
    assert not rules.residence_comment_required("1.2")


def test_R5_4_missing_comments_appear_when_the_window_opens_and_end_with_the_comment(world):
    """R5.4 (QĐ 213-QĐ/TW Đ3.4): a regular contact without this year's comment is on the work
    list from the window's first day (not the day before, when last year's comment is the one
    asked for, and it exists), due on the due date; recording the comment removes it."""
    record = _contact(world)
    with at(D(2026, 6, 1)):
        lifecycle.add_residence_comment(
            user=world.users.secretary_a1,
            contact=record,
            year=2024,
            content="Gương mẫu",
            received_on=D(2024, 10, 20),
        )
    _year, due, opens = rules.residence_comment_window(D(2025, 11, 1))
    assert (
        worklist.work_list(world.users.officer_a, on=opens - ONE_DAY, only=[RESIDENCE_CHECK]) == []
    )
    [item] = worklist.work_list(world.users.officer_a, on=opens, only=[RESIDENCE_CHECK])
    assert item.subject == world.teacher.full_name and item.due_on == due
    assert item.organization == world.branch_a1.name and item.rule == "R5.4"
    assert item.url == reverse("members:residence_detail", args=[record.pk])
    assert not item.is_overdue(due) and item.is_overdue(due + ONE_DAY)
    with at(D(2026, 6, 1)):
        lifecycle.add_residence_comment(
            user=world.users.secretary_a1,
            contact=record,
            year=2025,
            content="Gương mẫu",
            received_on=D(2025, 10, 20),
        )
    assert worklist.work_list(world.users.officer_a, on=opens, only=[RESIDENCE_CHECK]) == []


def test_R5_4_exempt_categories_and_members_no_longer_active_are_not_asked(world):
    """R5.4 / R5.5 (QĐ 213 Đ3.4; HD 33 §1): category 1.1 or 1.2 contacts and members who are no
    longer official or probationary are not on the list; a probationary member is."""
    _contact(world, member=world.teacher, category="1.1")
    _contact(world, member=world.minh, category="1.2")
    _contact(world, member=world.probationer, residence=world.branch_a1)
    gone = _contact(world, member=world.duc, residence=world.branch_a2)
    Member.objects.filter(pk=gone.member_id).update(status=Status.DECEASED)
    on = D(2025, 11, 20)
    found = worklist.work_list(world.users.provincial, on=on, only=[RESIDENCE_CHECK])
    assert [i.subject for i in found] == [world.probationer.full_name]


def test_R5_4_a_contact_counts_for_the_years_it_covers(world):
    """R5.4 (QĐ 213-QĐ/TW Đ3.4): a contact that ended on 1 January of the year (its last day
    was 31 December before) is not asked for that year's comment; one that ended on 2 January
    or started on 31 December is; one that starts the next year is not."""
    from dangvu.members.models import ResidenceContact

    ended_before = _contact(world, member=world.teacher, valid_from=D(2024, 1, 1))
    ended_in = _contact(
        world, member=world.minh, residence=world.branch_a1, valid_from=D(2024, 1, 1)
    )
    late_start = _contact(
        world, member=world.hoa, residence=world.branch_a2, valid_from=D(2025, 12, 31)
    )
    next_year = _contact(
        world, member=world.duc, residence=world.branch_a2, valid_from=D(2026, 1, 1)
    )
    ResidenceContact.objects.filter(pk=ended_before.pk).update(valid_to=D(2025, 1, 1))
    ResidenceContact.objects.filter(pk=ended_in.pk).update(valid_to=D(2025, 1, 2))
    on = D(2025, 11, 20)
    found = {
        i.subject for i in worklist.work_list(world.users.provincial, on=on, only=[RESIDENCE_CHECK])
    }
    assert found == {ended_in.member.full_name, late_start.member.full_name}
    assert next_year.member.full_name not in found


def test_R5_4_both_sides_see_the_missing_comment_and_others_do_not(world):
    """R5.4 (QĐ 213-QĐ/TW Đ3.4; HD 33-HD/BTCTW): the member's side and the residence side see
    it, also narrowed to one organization; someone outside both sides does not, and a user
    with no organization gets an empty list."""
    _contact(world, member=world.minh, residence=world.branch_a1)  # works in commune B
    on = D(2025, 11, 20)
    subject = world.minh.full_name
    for user, organization in (
        (world.users.officer_a, None),
        (world.users.officer_b, None),
        (world.users.secretary_a1, None),
        (world.users.provincial, world.base_a),
        (world.users.provincial, world.branch_b1),
        (world.users.officer_a, world.branch_a1),
        (world.users.admin, None),
    ):
        found = worklist.work_list(user, on=on, organization=organization, only=[RESIDENCE_CHECK])
        assert [i.subject for i in found] == [subject], (user, organization)
    assert (
        worklist.work_list(
            world.users.provincial, on=on, organization=world.branch_a2, only=[RESIDENCE_CHECK]
        )
        == []
    )
    assert worklist.work_list(world.users.outsider, on=on, only=[RESIDENCE_CHECK]) == []


def test_R5_4_missing_comments_are_sorted_by_name(world):
    """R5.4: the list is in the members' alphabetical order (Vietnamese sort key)."""
    _contact(world, member=world.teacher, residence=world.branch_a1)  # Phạm Thị Lan
    _contact(world, member=world.minh, residence=world.branch_a1)  # Hoàng Văn Minh
    _contact(world, member=world.duc, residence=world.branch_a2)  # Nguyễn Văn Đức
    on = D(2025, 11, 20)
    for user, organization in (
        (world.users.provincial, None),
        (world.users.officer_a, world.commune_a),
    ):
        found = worklist.work_list(user, on=on, organization=organization, only=[RESIDENCE_CHECK])
        names = [i.subject for i in found]
        members = Member.objects.filter(pk__in=[world.teacher.pk, world.minh.pk, world.duc.pk])
        assert names == [m.full_name for m in members.order_by("sort_key", "pk")]


# ---- the work list reads the profile of its own date ------------------------------------------


def test_R9_3_the_work_list_uses_the_profile_of_its_date_not_of_today(world):
    """R9.3 (QĐ 24-QĐ/TW §6.3, [U] configurable): a work list for a past date uses the profile
    in force then, even after a newer profile changed the reporting days."""
    publish_profile(
        values={"transfer.report_days": 45},
        valid_from=D(2026, 1, 1),
        note="test",
        user=world.users.admin,
    )
    issue(world)
    deadline = report_deadline(ISSUED)  # the profile of the letter's date: 30 days
    with at(D(2026, 6, 1)):
        [item] = worklist.work_list(world.users.officer_a, on=deadline + ONE_DAY, only=[CHECK])
    assert item.due_on == deadline


def test_R6_2_the_expiry_uses_the_profile_of_the_announcement_not_of_today(world):
    """R6.2 (QĐ 69-QĐ/TW Đ2.5): a discipline announced under the 12-month profile keeps its
    12 months after a later profile changes the number."""
    publish_profile(
        values={"discipline.expiry_months": 6},
        valid_from=D(2026, 1, 1),
        note="test",
        user=world.users.admin,
    )
    with at(D(2026, 6, 1)):
        assert rules.discipline_expires_on("reprimand", D(2025, 1, 15)) == add_months(
            D(2025, 1, 15), rule_value("discipline.expiry_months", D(2025, 1, 15))
        )
        assert rules.discipline_expires_on("warning", D(2026, 2, 1)) == D(2026, 8, 1)


# ---- identity numbers (Thông tư 07/2016/TT-BCA; the party card) --------------------------------


@pytest.mark.parametrize(
    "value, code",
    [
        ("001200012345", None),
        ("096200012345", None),
        ("00120001234", "cccd_format"),  # 11 digits
        ("0012000123456", "cccd_format"),  # 13 digits
        ("00120001234a", "cccd_format"),
        ("", "cccd_format"),
        (None, "cccd_format"),
        ("003200012345", "cccd_province"),  # 003 is no province code
        ("097200012345", "cccd_province"),
    ],
)
def test_citizen_id_has_12_digits_and_a_province_code(value, code):
    """Citizen ID (CCCD, Thông tư 07/2016/TT-BCA): exactly 12 digits whose first three are a
    province code; the error names the code found."""
    from dangvu.members.validators import validate_citizen_id

    if code is None:
        validate_citizen_id(value)
        return
    with pytest.raises(ValidationError) as exc:
        validate_citizen_id(value)
    assert exc.value.code == code
    if code == "cccd_province":
        assert exc.value.params == {"code": value[:3]}


@pytest.mark.parametrize(
    "value, birth, female, matches",
    [
        ("001080012345", D(1980, 5, 1), False, True),  # 0: 1900s, male
        ("001180012345", D(1980, 5, 1), True, True),  # 1: 1900s, female
        ("001180012345", D(1980, 5, 1), False, False),
        ("001205012345", D(2005, 5, 1), False, True),  # 2: 2000s, male
        ("001305012345", D(2005, 5, 1), True, True),  # 3: 2000s, female
        ("001305012345", D(2005, 5, 1), False, False),
        ("001205012345", D(1905, 5, 1), False, False),  # right digits, wrong century
        ("001081012345", D(1980, 5, 1), False, False),  # wrong year
        ("001400012345", D(2100, 1, 1), False, True),  # 4: 2100s, male
        ("001500012345", D(2100, 1, 1), True, True),
        ("1234", D(1980, 5, 1), False, True),  # not a CCCD: nothing to compare
        ("", D(1980, 5, 1), False, True),
        (None, D(1980, 5, 1), False, True),
        ("001180012345", None, False, True),  # no birth date: nothing to compare
        ("001180012345", D(1990, 1, 1), None, True),  # gender unknown
    ],
)
def test_citizen_id_digits_4_to_6_match_gender_century_and_birth_year(
    value, birth, female, matches
):
    """Citizen ID (Thông tư 07/2016/TT-BCA): the 4th digit encodes century and gender (even
    male, odd female; 0/1 the 1900s, 2/3 the 2000s …), the 5th–6th the birth year."""
    from dangvu.members.validators import citizen_id_matches

    assert citizen_id_matches(value, birth, female) is matches


@pytest.mark.parametrize(
    "value, valid",
    [
        ("123456", True),
        ("123456789012", True),
        ("12345", False),
        ("1234567890123", False),
        ("12345a", False),
        ("", False),
        (None, False),
    ],
)
def test_party_card_number_has_6_to_12_digits(value, valid):
    """Party card number: 6 to 12 digits (the renewed cards of Chỉ thị 51-CT/TW included)."""
    from dangvu.members.validators import normalize_digits, validate_card_number

    if valid:
        validate_card_number(value)
    else:
        with pytest.raises(ValidationError) as exc:
            validate_card_number(value)
        assert exc.value.code == "card_format"
    assert normalize_digits(" 12.345-678 ") == "12345678"
    assert normalize_digits(None) == ""


# ---- R2.13: the events as recorded (imported history, same-day events) -------------------------


def _events(member, *rows):
    for kind, day, extra in rows:
        MemberEvent.objects.create(
            member=member, kind=kind, occurred_on=day, organization=member.organization, **extra
        )


def test_R2_13_party_age_starts_at_the_decision_even_if_the_card_says_later(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5; §12 case 8): the member's record says admitted on the ceremony
    day (10/8/2015) but the ADMITTED event carries the decision of 26/7/2015: party age runs
    from the decision. Without a decision date, the event's own date is used."""
    member = _admitted(world.hoa, D(2015, 8, 10))
    _events(member, (EventKind.ADMITTED, D(2015, 8, 10), {"decision_date": D(2015, 7, 26)}))
    age = seniority(member, D(2025, 7, 26))
    assert age.start == D(2015, 7, 26) and age.total_months == 120
    other = _admitted(world.teacher, D(2015, 8, 10))
    _events(other, (EventKind.ADMITTED, D(2015, 8, 1), {}))
    assert seniority(other, D(2025, 8, 1)).start == D(2015, 8, 1)
    # A RECOGNIZED event with a decision date does not move the start.
    third = _admitted(world.minh, D(2015, 8, 10))
    _events(third, (EventKind.RECOGNIZED, D(2016, 8, 10), {"decision_date": D(2016, 9, 1)}))
    assert seniority(third, D(2025, 8, 10)).start == D(2015, 8, 10)


def test_R2_13_the_arrival_day_already_counts_the_gap(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): on the arrival day the transfer gap is already deducted: the
    party age is the one of the letter's day."""
    member = world.duc
    transfer = issue(world)
    arrival = add_months(ISSUED, 1)
    with at(D(2025, 6, 1)):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=arrival
        )
    member.refresh_from_db()
    assert seniority(member, arrival).total_months == seniority(member, ISSUED).total_months
    assert seniority(member, arrival).gaps == [Gap(ISSUED, arrival, EventKind.TRANSFERRED_OUT)]


def test_R2_13_an_arrival_on_the_letter_s_day_is_no_gap(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): a member who arrives on the day the letter is issued lost no
    time: no gap at all."""
    member = world.duc
    transfer = issue(world)
    with at(D(2025, 6, 1)):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=ISSUED
        )
    member.refresh_from_db()
    assert seniority(member, D(2026, 3, 2)).gaps == []


def test_R2_13_an_internal_temporary_transfer_that_ended_keeps_its_gap(world):
    """R2.13 / R9.2 (QĐ 24-QĐ/TW §4.5, §6.3): when the member returns from a temporary transfer
    the gap before the arrival in the host branch stays deducted; the return adds none."""
    member = world.duc
    transfer = issue(world, kind=TransferKind.TEMPORARY, until=D(2025, 12, 31))
    with at(D(2026, 1, 15)):
        transfers.confirm_transfer(
            user=world.users.officer_b, transfer=transfer, received_on=add_months(ISSUED, 1)
        )
        transfers.end_temporary_transfer(
            user=world.users.officer_a, transfer=transfer, on=D(2025, 12, 31)
        )
    member.refresh_from_db()
    age = seniority(member, D(2026, 4, 2))
    assert age.gaps == [Gap(ISSUED, add_months(ISSUED, 1), EventKind.TRANSFERRED_OUT)]
    assert (age.years, age.months) == (21, 0)


def test_R2_13_history_recorded_out_of_order_gives_the_same_party_age(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): events entered later for earlier dates (imported history) are
    read in date order: the arrival entered before the departure still closes its gap."""
    member = _admitted(world.hoa, D(2000, 6, 1))
    _events(
        member,
        (EventKind.TRANSFERRED_IN, D(2010, 3, 1), {}),
        (EventKind.TRANSFERRED_OUT, D(2010, 1, 1), {}),
    )
    age = seniority(member, D(2020, 6, 1))
    assert age.gaps == [Gap(D(2010, 1, 1), D(2010, 3, 1), EventKind.TRANSFERRED_OUT)]
    assert (age.years, age.months) == (19, 10)


def test_R2_13_events_without_their_counterpart_make_no_gap(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5), imported history: an arrival without a departure or a letter
    date, a re-admission without an exit on file, and a re-admission after a cleared expulsion
    have no known start: no gap is deducted."""
    member = _admitted(world.hoa, D(2000, 6, 1))
    _events(
        member,
        (EventKind.TRANSFERRED_IN, D(2005, 3, 1), {}),
        (EventKind.READMITTED, D(2008, 3, 1), {}),
        (EventKind.EXPELLED, D(2010, 3, 1), {}),
        (EventKind.RESTORED, D(2011, 3, 1), {}),
        (EventKind.READMITTED, D(2012, 3, 1), {}),
    )
    age = seniority(member, D(2020, 6, 1))
    assert age.gaps == [] and age.years == 20


def test_R2_13_an_ended_external_temporary_transfer_does_not_open_a_later_gap(world):
    """R2.13 (QĐ 24-QĐ/TW §4.5): after an external temporary transfer has ended, a later
    arrival from outside is a gap from its own letter's date, not from the old departure."""
    member = _admitted(world.hoa, D(2000, 6, 1))
    _events(
        member,
        (EventKind.TEMPORARY_OUT, D(2010, 1, 5), {}),
        (EventKind.TEMPORARY_ENDED, D(2010, 6, 5), {}),
        (EventKind.TRANSFERRED_IN, D(2015, 2, 1), {"details": {"left_on": "2015-01-01"}}),
    )
    age = seniority(member, D(2020, 6, 1))
    assert age.gaps == [Gap(D(2015, 1, 1), D(2015, 2, 1), EventKind.TRANSFERRED_OUT)]
    assert (age.years, age.months) == (19, 11)


def test_R2_13_not_recognized_has_no_party_age_from_that_very_day(world):
    """R2.13 ([U] derived): a probationary member not recognized has no party age from the day
    of the decision; the day before, a provisional one."""
    day = D(2026, 9, 2)
    MemberEvent.objects.create(
        member=world.probationer,
        kind=EventKind.NOT_RECOGNIZED,
        occurred_on=day,
        organization=world.branch_a2,
    )
    assert seniority(world.probationer, day) is None
    before = seniority(world.probationer, day - ONE_DAY)
    assert before is not None and before.provisional


def test_R2_13_the_grace_days_are_those_of_the_profile_on_the_day(world):
    """R2.13 ([U] configurable grace): a grace introduced by a later profile does not change
    the party age on an earlier day, whatever today is."""
    publish_profile(
        values={"seniority.transfer_gap_grace_days": 30},
        valid_from=D(2026, 9, 1),
        note="test",
        user=world.users.admin,
    )
    member = _admitted(world.hoa, D(2000, 6, 1))
    _events(
        member,
        (EventKind.TRANSFERRED_OUT, D(2010, 1, 1), {}),
        (EventKind.TRANSFERRED_IN, D(2010, 1, 21), {}),
    )
    with at(D(2026, 10, 1)):
        assert seniority(member, D(2026, 6, 1)).gaps == [
            Gap(D(2010, 1, 1), D(2010, 1, 21), EventKind.TRANSFERRED_OUT)
        ]
        assert seniority(member, D(2026, 10, 1)).gaps == []
