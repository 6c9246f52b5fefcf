"""Lifecycle transitions: each changes the member's state and appends its event in one
transaction; each refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangvu.members import lifecycle
from dangvu.members.choices import DisciplineForm, EventKind, Status, StrikeOffGround
from dangvu.members.models import Discipline, Member, MemberEvent, Placement
from dangvu.members.seniority import seniority
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat

pytestmark = pytest.mark.django_db

DECISION = {
    "decision_number": "15-QĐ/ĐU",
    "decision_date": dt.date(2025, 3, 1),
    "decision_body": "Đảng ủy xã An Bình",
}


def state(member: Member) -> tuple:
    """Everything a refused transition must leave untouched."""
    member.refresh_from_db()
    return (
        member.status,
        member.status_since,
        member.version,
        member.away_since,
        member.exempt_since,
        MemberEvent.objects.count(),
        list(Placement.objects.order_by("pk").values_list("pk", "valid_to")),
        Discipline.objects.count(),
    )


def test_working_away_sets_the_date_and_appends_an_event(world):
    event = lifecycle.start_working_away(
        user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 2, 1), place="Bình Dương"
    )
    world.duc.refresh_from_db()
    assert world.duc.away_since == dt.date(2025, 2, 1)
    assert event.kind == EventKind.AWAY_STARTED and event.recorded_by == world.users.secretary_a1
    assert event.org_path == world.branch_a1.path
    lifecycle.stop_working_away(
        user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 9, 1)
    )
    world.duc.refresh_from_db()
    assert world.duc.away_since is None
    assert list(world.duc.events.values_list("kind", flat=True)) == [
        EventKind.AWAY_STARTED,
        EventKind.AWAY_ENDED,
    ]


def test_exemption_and_its_end(world):
    lifecycle.exempt_from_party_work(
        user=world.users.secretary_a1, member=world.duc, on=dt.date(2024, 5, 1), **DECISION
    )
    world.duc.refresh_from_db()
    assert world.duc.exempt_since == dt.date(2024, 5, 1)
    lifecycle.end_exemption(user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 5, 1))
    world.duc.refresh_from_db()
    assert world.duc.exempt_since is None


def test_r6_7_strike_off_closes_the_placement_and_records_the_decision(world):
    event = lifecycle.strike_off(
        user=world.users.officer_a,
        member=world.duc,
        on=dt.date(2025, 3, 1),
        ground=StrikeOffGround.ABANDONED,
        **DECISION,
    )
    world.duc.refresh_from_db()
    assert world.duc.status == Status.STRUCK_OFF and world.duc.status_since == dt.date(2025, 3, 1)
    assert not Placement.objects.filter(member=world.duc, valid_to__isnull=True).exists()
    assert event.decision_number == "15-QĐ/ĐU" and event.details["ground"] == "abandoned"
    assert event.details["admitted_on"] == "2005-03-02"


def test_strike_off_needs_the_decision_and_writes_nothing_without_it(world):
    before = state(world.duc)
    with pytest.raises(ValidationError) as exc:
        lifecycle.strike_off(
            user=world.users.officer_a,
            member=world.duc,
            on=dt.date(2025, 3, 1),
            ground=StrikeOffGround.ABANDONED,
        )
    assert {"decision_number", "decision_date", "decision_body"} <= set(exc.value.message_dict)
    assert state(world.duc) == before


@pytest.mark.parametrize(
    "on",
    [
        dt.date(2999, 1, 1),  # in the future
        dt.date(2001, 1, 1),  # before the admission (2005)
    ],
)
def test_dates_in_the_wrong_order_are_refused_with_nothing_written(world, on):
    before = state(world.duc)
    with pytest.raises(ValidationError) as exc:
        lifecycle.record_death(user=world.users.secretary_a1, member=world.duc, on=on)
    assert "occurred_on" in exc.value.message_dict
    assert state(world.duc) == before


def test_a_date_before_the_last_recorded_change_is_refused(world):
    lifecycle.start_working_away(
        user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 6, 1)
    )
    before = state(world.duc)
    with pytest.raises(ValidationError):
        lifecycle.record_death(
            user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 5, 1)
        )
    assert state(world.duc) == before


def test_death_ends_working_away_and_the_roll(world):
    lifecycle.start_working_away(
        user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 6, 1)
    )
    lifecycle.record_death(user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 8, 1))
    world.duc.refresh_from_db()
    assert world.duc.status == Status.DECEASED and world.duc.away_since is None
    with pytest.raises(ValidationError):
        lifecycle.start_working_away(
            user=world.users.secretary_a1, member=world.duc, on=dt.date(2025, 9, 1)
        )


def test_nobody_changes_a_member_outside_their_subtree(world):
    before = state(world.duc)
    with pytest.raises(PermissionDenied):
        lifecycle.record_death(user=world.users.officer_b, member=world.duc, on=dt.date(2025, 8, 1))
    with pytest.raises(PermissionDenied):
        lifecycle.record_death(user=world.users.inspector, member=world.duc, on=dt.date(2025, 8, 1))
    assert state(world.duc) == before


def test_r6_8_a_member_under_discipline_cannot_be_allowed_to_leave(world):
    lifecycle.record_discipline(
        user=world.users.officer_a,
        member=world.duc,
        form=DisciplineForm.WARNING,
        reason="Vi phạm",
        decision_number="3-QĐ/CB",
        decision_body="Chi bộ thôn Đông",
        signed_on=dt.date(2025, 6, 1),
        announced_on=dt.date(2025, 6, 10),
    )
    before = state(world.duc)
    with pytest.raises(ValidationError) as exc:
        lifecycle.allow_to_leave(
            user=world.users.officer_a, member=world.duc, on=dt.date(2025, 7, 1), **DECISION
        )
    assert exc.value.code == "violation"
    assert state(world.duc) == before


def test_r6_8_allowed_to_leave(world):
    lifecycle.allow_to_leave(
        user=world.users.officer_a, member=world.hoa, on=dt.date(2025, 7, 1), **DECISION
    )
    world.hoa.refresh_from_db()
    assert world.hoa.status == Status.LEFT


# --- discipline ----------------------------------------------------------------------------


def discipline(world, member=None, form=DisciplineForm.REPRIMAND, **extra):
    data = {
        "user": world.users.officer_a,
        "member": member or world.duc,
        "form": form,
        "reason": "Không chấp hành nghị quyết",
        "decision_number": "7-QĐ/ĐU",
        "decision_body": "Đảng ủy xã An Bình",
        "signed_on": dt.date(2025, 2, 20),
        "announced_on": dt.date(2025, 3, 1),
    }
    data.update(extra)
    return lifecycle.record_discipline(**data)


def test_r6_2_a_discipline_expires_12_months_after_its_announcement(world):
    record = discipline(world)
    assert record.expires_on == dt.date(2026, 3, 1)  # §12 case 16
    assert record.is_in_force(dt.date(2026, 2, 28)) and not record.is_in_force(dt.date(2026, 3, 1))
    event = MemberEvent.objects.get(member=world.duc, kind=EventKind.DISCIPLINED)
    assert event.decision_number == "7-QĐ/ĐU" and event.details["form"] == "reprimand"


def test_r6_10_both_dates_are_stored_and_the_announcement_counts(world):
    record = discipline(world, signed_on=dt.date(2025, 1, 5), announced_on=dt.date(2025, 2, 10))
    assert (record.signed_on, record.announced_on) == (dt.date(2025, 1, 5), dt.date(2025, 2, 10))
    assert record.expires_on == dt.date(2026, 2, 10)


def test_r6_2_an_expulsion_never_expires_and_expels_the_member(world):
    record = discipline(world, form=DisciplineForm.EXPULSION)
    assert record.expires_on is None
    world.duc.refresh_from_db()
    assert world.duc.status == Status.EXPELLED
    kinds = list(world.duc.events.values_list("kind", flat=True))
    assert kinds == [EventKind.DISCIPLINED, EventKind.EXPELLED]


def test_r6_1_a_probationary_member_is_only_reprimanded_or_warned(world):
    before = state(world.probationer)
    with pytest.raises(ValidationError) as exc:
        discipline(
            world,
            member=world.probationer,
            form=DisciplineForm.EXPULSION,
            signed_on=dt.date(2025, 10, 1),
            announced_on=dt.date(2025, 10, 2),
        )
    assert "form" in exc.value.message_dict
    assert state(world.probationer) == before
    discipline(
        world,
        member=world.probationer,
        form=DisciplineForm.WARNING,
        signed_on=dt.date(2025, 10, 1),
        announced_on=dt.date(2025, 10, 2),
    )


def test_r6_1_removal_from_post_needs_a_post(world):
    before = state(world.duc)
    with pytest.raises(ValidationError) as exc:
        discipline(world, form=DisciplineForm.DISMISSAL)
    assert "post" in exc.value.message_dict
    assert state(world.duc) == before
    CommitteeSeat.objects.create(
        organization=world.branch_a1,
        member=world.duc,
        role=SeatRole.SECRETARY,
        valid_from=dt.date(2020, 5, 1),
    )
    assert discipline(world, form=DisciplineForm.DISMISSAL).form == DisciplineForm.DISMISSAL


def test_discipline_dates_in_the_wrong_order_are_refused(world):
    before = state(world.duc)
    with pytest.raises(ValidationError) as exc:
        discipline(world, signed_on=dt.date(2025, 3, 1), announced_on=dt.date(2025, 2, 1))
    assert "announced_on" in exc.value.message_dict
    assert state(world.duc) == before


def test_an_open_case_is_decided_later(world):
    case = lifecycle.open_discipline_case(
        user=world.users.officer_a,
        member=world.duc,
        form=DisciplineForm.WARNING,
        reason="Đơn thư phản ánh",
        opened_on=dt.date(2025, 1, 10),
    )
    assert case.is_open and not MemberEvent.objects.filter(member=world.duc).exists()
    decided = lifecycle.decide_discipline(
        user=world.users.officer_a,
        discipline=case,
        decision_number="9-QĐ/ĐU",
        decision_body="Đảng ủy xã An Bình",
        signed_on=dt.date(2025, 2, 1),
        announced_on=dt.date(2025, 2, 5),
    )
    assert not decided.is_open and decided.expires_on == dt.date(2026, 2, 5)
    with pytest.raises(ValidationError):
        lifecycle.decide_discipline(
            user=world.users.officer_a,
            discipline=case,
            decision_number="9b",
            decision_body="x",
            signed_on=dt.date(2025, 2, 2),
        )


def test_restored_after_a_wrong_expulsion_keeps_a_continuous_party_age(world):
    discipline(
        world,
        form=DisciplineForm.EXPULSION,
        signed_on=dt.date(2020, 3, 1),
        announced_on=dt.date(2020, 3, 5),
    )
    lifecycle.restore(
        user=world.users.officer_a, member=world.duc, on=dt.date(2021, 3, 1), **DECISION
    )
    world.duc.refresh_from_db()
    assert world.duc.status == Status.OFFICIAL and world.duc.organization == world.branch_a1
    assert Placement.objects.filter(member=world.duc, valid_to__isnull=True).count() == 1
    assert Discipline.objects.get(member=world.duc).annulled_on == dt.date(2021, 3, 1)
    age = seniority(world.duc, dt.date(2025, 3, 2))
    assert (age.years, age.months) == (20, 0) and age.gaps == []
