"""Committee seats (cấp ủy): who may take a seat, at the boundaries of R6.4 and R1.5, and the
organization page's forms to add and end one.

The numbers come from the rule profile; the clock is pinned (time_machine) because a seat may
start at most a year ahead of today. Services raise translated messages: the tests read codes,
and the page test reads the Vietnamese text.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from dangvu.core.calendar import add_months
from dangvu.core.profiles import publish_profile, rule_value
from dangvu.members import lifecycle
from dangvu.members.choices import DisciplineForm, Status
from dangvu.members.models import Member
from dangvu.organizations import forms as org_forms
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat, Term
from dangvu.organizations.services import add_committee_seat, end_committee_seat
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = dt.date
ONE_DAY = dt.timedelta(days=1)
TODAY = D(2026, 6, 1)
ELECTED = D(2025, 6, 1)


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(
        dt.datetime(2026, 6, 1, 12, tzinfo=timezone.get_default_timezone()), tick=False
    ):
        yield


def seat(world, member, role=SeatRole.MEMBER, on=ELECTED, org=None, user=None, **extra):
    return add_committee_seat(
        user=user or world.users.officer_a,
        organization=org or world.branch_a1,
        member=member,
        role=role,
        valid_from=on,
        **extra,
    )


def refused(code: str, call, *args, **kwargs) -> ValidationError:
    """The call is refused with `code` and writes no seat."""
    before = CommitteeSeat.objects.count()
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    error = caught.value
    if hasattr(error, "error_dict"):
        codes = {e.code for errors in error.error_dict.values() for e in errors}
    else:
        codes = {e.code for e in error.error_list}
    assert code in codes, codes
    assert CommitteeSeat.objects.count() == before
    return caught.value


def branch_with_officials(world, count: int):
    """branch_a1 with exactly `count` official members (it starts with Đức and Hoa), plus a
    probationary member who never counts (R1.1)."""
    for _ in range(count - 2):
        MemberFactory(organization=world.branch_a1)
    MemberFactory(
        organization=world.branch_a1,
        status=Status.PROBATIONARY,
        admitted_on=D(2025, 1, 10),
        recognized_on=None,
        status_since=D(2025, 1, 10),
    )
    members = list(
        Member.objects.filter(organization=world.branch_a1, status=Status.OFFICIAL).order_by("pk")
    )
    assert len(members) == count
    return members


DISMISSED = D(2025, 3, 1)


def dismiss(world, member, signed_on=DISMISSED, form=DisciplineForm.DISMISSAL):
    return lifecycle.record_discipline(
        user=world.users.officer_a,
        member=member,
        form=form,
        post="Bí thư chi bộ",
        reason="Vi phạm nguyên tắc tập trung dân chủ",
        decision_number="2-QĐ/ĐU",
        decision_body="Đảng ủy xã An Bình",
        signed_on=signed_on,
        announced_on=signed_on + dt.timedelta(days=4),
    )


# --- R6.4 removal from post ------------------------------------------------------------------


def test_R6_4_case_17_removed_from_post_cannot_take_a_seat_before_a_year(world):
    """§12 case 17: cách chức decided 1/3/2025 → no committee seat before 1/3/2026."""
    dismiss(world, world.duc, signed_on=D(2025, 3, 1))
    error = refused("dismissal_ban", seat, world, world.duc, SeatRole.SECRETARY, on=D(2026, 2, 28))
    assert "member" in error.error_dict and "01/03/2026" in str(error)
    taken = seat(world, world.duc, SeatRole.SECRETARY, on=D(2026, 3, 1))
    assert taken.valid_from == D(2026, 3, 1) and taken.valid_to is None


def test_R6_4_a_warning_does_not_bar_a_seat(world):
    dismiss(world, world.hoa, signed_on=D(2025, 3, 1), form=DisciplineForm.WARNING)
    assert seat(world, world.hoa, SeatRole.SECRETARY, on=D(2025, 3, 2)).pk


def test_R6_4_the_ban_follows_the_published_profile(world):
    publish_profile(
        values={"discipline.dismissal_ban_months": 6},
        valid_from=D(2025, 1, 1),
        note="thử",
        user=world.users.admin,
    )
    dismiss(world, world.duc, signed_on=D(2025, 3, 1))
    end = add_months(D(2025, 3, 1), rule_value("discipline.dismissal_ban_months", D(2025, 9, 1)))
    assert end == D(2025, 9, 1)
    refused("dismissal_ban", seat, world, world.duc, SeatRole.SECRETARY, on=end - ONE_DAY)
    assert seat(world, world.duc, SeatRole.SECRETARY, on=end).pk


# --- R1.5 branch leadership --------------------------------------------------------------------


def test_R1_5_case_21_eight_officials_elect_no_branch_committee(world):
    """§12 case 21: 8 official members → a secretary and at most one deputy; a committee
    member's seat (chi ủy) is refused."""
    members = branch_with_officials(world, rule_value("org.branch_committee_min_official") - 1)
    assert len(members) == 8
    seat(world, members[0], SeatRole.SECRETARY)
    seat(world, members[1], SeatRole.DEPUTY)
    error = refused("no_branch_committee", seat, world, members[2], SeatRole.MEMBER)
    assert "role" in error.error_dict
    assert "8" in str(error) and "9" in str(error)  # the count and the profile's number
    refused("no_branch_committee", seat, world, members[2], SeatRole.STANDING)
    refused("one_deputy", seat, world, members[2], SeatRole.DEPUTY)


def test_R1_5_case_21_nine_officials_elect_a_branch_committee(world):
    members = branch_with_officials(world, 9)
    seat(world, members[0], SeatRole.SECRETARY)
    seat(world, members[1], SeatRole.DEPUTY)
    assert seat(world, members[2], SeatRole.MEMBER).role == SeatRole.MEMBER
    # A branch committee has no standing committee; still one deputy.
    refused("branch_standing", seat, world, members[3], SeatRole.STANDING)
    refused("one_deputy", seat, world, members[3], SeatRole.DEPUTY)


def test_R1_5_committee_at_most_7(world):
    members = branch_with_officials(world, 12)
    maximum = rule_value("org.branch_committee_max_size")
    assert maximum == 7
    seat(world, members[0], SeatRole.SECRETARY)
    seat(world, members[1], SeatRole.DEPUTY)
    for member in members[2:maximum]:
        seat(world, member)
    assert CommitteeSeat.objects.filter(organization=world.branch_a1).count() == 7
    error = refused("branch_committee_size", seat, world, members[maximum])
    assert "8" in str(error) and "7" in str(error)


def test_R1_5_a_seat_that_ended_frees_its_place_from_its_end(world):
    members = branch_with_officials(world, 12)
    seats = [seat(world, members[0], SeatRole.SECRETARY)]
    seats += [seat(world, member) for member in members[1:7]]
    left = D(2026, 1, 15)
    end_committee_seat(user=world.users.officer_a, seat=seats[-1], valid_to=left)
    # The day before it ended, the committee was full; from that day there is room.
    refused("branch_committee_size", seat, world, members[7], on=left - ONE_DAY)
    assert seat(world, members[7], on=left).valid_from == left
    # A new secretary may follow the old one from the day the old seat ends.
    end_committee_seat(user=world.users.officer_a, seat=seats[0], valid_to=left)
    refused("one_secretary", seat, world, members[8], SeatRole.SECRETARY, on=left - ONE_DAY)
    refused("seat_overlap", seat, world, members[1], SeatRole.SECRETARY, on=left)
    assert seat(world, members[8], SeatRole.SECRETARY, on=left).pk


def test_R1_5_numbers_follow_a_published_profile(world):
    publish_profile(
        values={"org.branch_committee_min_official": 4, "org.branch_committee_max_size": 3},
        valid_from=D(2025, 1, 1),
        note="thử",
        user=world.users.admin,
    )
    members = branch_with_officials(world, 4)
    # Before the profile: the defaults (9 officials) still apply.
    error = refused("no_branch_committee", seat, world, members[0], on=D(2024, 12, 31))
    assert "9" in str(error)
    seat(world, members[0], SeatRole.SECRETARY)
    seat(world, members[1])
    seat(world, members[2])
    error = refused("branch_committee_size", seat, world, members[3])
    assert "3" in str(error) and "7" not in str(error)


# --- seats in any organization ----------------------------------------------------------------


def test_one_secretary_per_organization_and_several_deputies_above_branches(world):
    grassroots = world.base_a
    seat(world, world.duc, SeatRole.SECRETARY, org=grassroots)
    refused("one_secretary", seat, world, world.hoa, SeatRole.SECRETARY, org=grassroots)
    seat(world, world.hoa, SeatRole.DEPUTY, org=grassroots)
    second = MemberFactory(organization=world.branch_a2)
    seat(world, second, SeatRole.DEPUTY, org=grassroots, on=D(2025, 10, 1))
    # A đảng ủy has a standing committee and no R1.5 limits.
    extra = MemberFactory(organization=world.branch_a2)
    assert seat(world, extra, SeatRole.STANDING, org=grassroots).pk


def test_a_member_holds_one_seat_per_committee_at_a_time(world):
    first = seat(world, world.duc, SeatRole.SECRETARY, on=D(2025, 1, 1))
    error = refused("seat_overlap", seat, world, world.duc, SeatRole.DEPUTY, on=D(2024, 6, 1))
    assert "member" in error.error_dict
    # The same member may sit on the superior committee at the same time.
    assert seat(world, world.duc, SeatRole.MEMBER, org=world.base_a).pk
    end_committee_seat(user=world.users.officer_a, seat=first, valid_to=D(2025, 12, 1))
    assert seat(world, world.duc, SeatRole.DEPUTY, on=D(2025, 12, 1)).pk


def test_the_member_must_be_active_and_placed_in_the_subtree(world):
    refused("outside", seat, world, world.other_duc, SeatRole.SECRETARY)
    refused("outside", seat, world, world.teacher, SeatRole.SECRETARY, org=world.base_a)
    Member.objects.filter(pk=world.hoa.pk).update(status=Status.DECEASED)
    refused("not_active", seat, world, world.hoa, SeatRole.SECRETARY)
    # Probationary members are active but not elected (Điều lệ Đ5).
    on = D(2025, 10, 1)
    refused(
        "not_official", seat, world, world.probationer, SeatRole.DEPUTY, org=world.base_a, on=on
    )
    refused("before_admission", seat, world, world.duc, on=world.duc.admitted_on - ONE_DAY)


def test_only_a_manager_of_the_organization_adds_or_ends_a_seat(world):
    with pytest.raises(PermissionDenied):
        seat(world, world.minh, SeatRole.SECRETARY, org=world.branch_b1)
    with pytest.raises(PermissionDenied):
        seat(world, world.duc, SeatRole.SECRETARY, user=world.users.member_a1)
    own = seat(
        world, world.minh, SeatRole.SECRETARY, org=world.branch_b1, user=world.users.officer_b
    )
    with pytest.raises(PermissionDenied):
        end_committee_seat(user=world.users.officer_a, seat=own, valid_to=TODAY)
    assert seat(world, world.duc, SeatRole.SECRETARY, user=world.users.secretary_a1).pk


def test_a_seat_starts_at_most_a_year_ahead_and_not_before_the_founding(world):
    latest = add_months(TODAY, 12)
    error = refused("too_far_ahead", seat, world, world.duc, on=latest + ONE_DAY)
    assert "valid_from" in error.error_dict and "01/06/2027" in str(error)
    refused("before_founding", seat, world, world.hoa, on=world.branch_a1.founded_on - ONE_DAY)
    assert seat(world, world.duc, SeatRole.SECRETARY, on=latest).valid_from == latest


def test_the_term_must_be_the_organizations(world):
    mine = Term.objects.create(organization=world.branch_a1, name="2025–2030", starts_on=ELECTED)
    theirs = Term.objects.create(organization=world.branch_b1, name="2025–2030", starts_on=ELECTED)
    refused("term", seat, world, world.duc, SeatRole.SECRETARY, term=theirs)
    assert seat(world, world.duc, SeatRole.SECRETARY, term=mine).term == mine


def test_a_dissolved_organization_elects_no_committee(world):
    type(world.branch_a2).objects.filter(pk=world.branch_a2.pk).update(dissolved_on=D(2025, 7, 1))
    world.branch_a2.refresh_from_db()
    refused("dissolved", seat, world, world.probationer, SeatRole.SECRETARY, org=world.branch_a2)


def test_ending_a_seat(world):
    held = seat(world, world.duc, SeatRole.SECRETARY, on=ELECTED)
    with pytest.raises(ValidationError) as caught:
        end_committee_seat(user=world.users.officer_a, seat=held, valid_to=ELECTED - ONE_DAY)
    assert "valid_to" in caught.value.error_dict
    with pytest.raises(ValidationError):
        end_committee_seat(
            user=world.users.officer_a, seat=held, valid_to=add_months(TODAY, 12) + ONE_DAY
        )
    held.refresh_from_db()
    assert held.valid_to is None
    end_committee_seat(user=world.users.officer_a, seat=held, valid_to=D(2026, 5, 1))
    held.refresh_from_db()
    assert held.valid_to == D(2026, 5, 1)
    assert not CommitteeSeat.objects.current(TODAY).filter(pk=held.pk).exists()
    with pytest.raises(ValidationError) as caught:
        end_committee_seat(user=world.users.officer_a, seat=held, valid_to=D(2026, 5, 2))
    assert caught.value.code == "ended"


def test_a_seat_recorded_by_mistake_is_cancelled_by_ending_it_on_its_first_day(world):
    mistake = seat(world, world.duc, SeatRole.SECRETARY, on=ELECTED)
    end_committee_seat(user=world.users.officer_a, seat=mistake, valid_to=ELECTED)
    assert seat(world, world.hoa, SeatRole.SECRETARY, on=ELECTED).pk
    assert seat(world, world.duc, SeatRole.DEPUTY, on=ELECTED).pk


# --- the organization page --------------------------------------------------------------------


def add_url(org) -> str:
    return reverse("organizations:seat_add", args=[org.pk])


def end_url(held) -> str:
    return reverse("organizations:seat_end", args=[held.pk])


def test_an_officer_adds_and_ends_a_seat_through_the_page(world, login):
    client = login(world.users.officer_a)
    page = client.get(reverse("organizations:detail", args=[world.branch_a1.pk]))
    html = page.content.decode()
    assert add_url(world.branch_a1) in html
    form = page.context["seat_form"]
    # The select lists the subtree's active members only.
    assert set(form.fields["member"].queryset) == {world.duc, world.hoa}
    # A branch committee has no standing committee (R1.5): not offered.
    assert SeatRole.STANDING not in dict(form.fields["role"].choices)
    response = client.post(
        add_url(world.branch_a1),
        {"member": world.duc.pk, "role": SeatRole.SECRETARY, "valid_from": "01/06/2025"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:detail", args=[world.branch_a1.pk])
    held = CommitteeSeat.objects.get(organization=world.branch_a1, member=world.duc)
    assert held.role == SeatRole.SECRETARY and held.valid_from == ELECTED
    entry = LogEntry.objects.get_for_object(held).get()
    assert entry.actor == world.users.officer_a
    page = client.get(reverse("organizations:detail", args=[world.branch_a1.pk]))
    assert end_url(held) in page.content.decode()
    response = client.post(end_url(held), {"valid_to": "15/05/2026"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.valid_to == D(2026, 5, 15)


def test_a_refused_seat_shows_the_vietnamese_message_on_the_form(world, login):
    client = login(world.users.officer_a)
    response = client.post(
        add_url(world.branch_a1),
        {"member": world.hoa.pk, "role": SeatRole.MEMBER, "valid_from": "01/06/2025"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chi bộ thôn Đông có 2 đảng viên chính thức" in html
    assert "dưới 9 đảng viên chính thức chỉ bầu bí thư" in html
    assert response.context["form"].errors["role"]
    assert not CommitteeSeat.objects.filter(organization=world.branch_a1).exists()
    # The end form refuses an end before the start, in Vietnamese too.
    held = seat(world, world.duc, SeatRole.SECRETARY)
    response = client.post(end_url(held), {"valid_to": "31/05/2025"})
    assert response.status_code == 200
    assert "Ngày thôi giữ chức danh trước ngày bắt đầu (01/06/2025)" in response.content.decode()


def test_a_sibling_officer_gets_404_and_a_member_403(world, login):
    held = seat(world, world.duc, SeatRole.SECRETARY)
    data = {"member": world.hoa.pk, "role": SeatRole.DEPUTY, "valid_from": "01/06/2025"}
    client = login(world.users.officer_b)
    assert client.get(add_url(world.branch_a1)).status_code == 404
    assert client.post(add_url(world.branch_a1), data).status_code == 404
    assert client.post(end_url(held), {"valid_to": "01/01/2026"}).status_code == 404
    client = login(world.users.member_a1)
    assert client.get(add_url(world.branch_a1)).status_code == 403
    assert client.post(add_url(world.branch_a1), data).status_code == 403
    page = client.get(reverse("organizations:detail", args=[world.branch_a1.pk]))
    assert add_url(world.branch_a1) not in page.content.decode()
    # A member sees their own seats; still no right to end one.
    mine = seat(world, world.hoa, SeatRole.DEPUTY)
    assert client.post(end_url(mine), {"valid_to": "01/01/2026"}).status_code == 403
    held.refresh_from_db()
    mine.refresh_from_db()
    assert held.valid_to is None and mine.valid_to is None
    assert CommitteeSeat.objects.count() == 2


def test_a_large_subtree_names_the_member_by_party_card_number(world, login, monkeypatch):
    monkeypatch.setattr(org_forms, "SEAT_MEMBER_SELECT_LIMIT", 2)
    client = login(world.users.officer_a)
    page = client.get(add_url(world.commune_a))
    assert page.status_code == 200
    assert page.context["form"].fields["member"].to_field_name == "card_number"
    response = client.post(
        add_url(world.commune_a),
        {
            "member": world.other_duc.card_number,
            "role": SeatRole.MEMBER,
            "valid_from": "01/06/2025",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["member"]
    response = client.post(
        add_url(world.commune_a),
        {
            "member": f" {world.teacher.card_number} ",
            "role": SeatRole.MEMBER,
            "valid_from": "01/06/2025",
        },
    )
    assert response.status_code == 302
    assert CommitteeSeat.objects.get(organization=world.commune_a).member == world.teacher


def test_a_probationary_member_is_not_elected_to_a_committee(world):
    """Điều lệ Đ5: probationary members have no right to be elected to leading bodies."""
    with pytest.raises(ValidationError) as error:
        add_committee_seat(
            user=world.users.officer_a,
            organization=world.branch_a2,
            member=world.probationer,
            role=SeatRole.SECRETARY,
            valid_from=dt.date(2026, 3, 1),
        )
    assert {e.code for e in error.value.error_dict["member"]} == {"not_official"}
