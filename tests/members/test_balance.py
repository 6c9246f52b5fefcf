"""R15.4 (form 1-BTCTW, HD 11-HD/BTCTW): the membership balance holds for every organization and
period, and each of its terms is what the facts say.

Random histories are written through the real services (registration, moves between branches,
arrivals from another province, transfers out, striking off, leaving, death), then for random
organizations and periods `balance()` is compared with an oracle that reads the placements and
events row by row in Python: start and end rolls, each increase and decrease by kind, the
probationary roll and the recognitions, and both identities.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from dangvu.members.choices import EventKind, PlacementKind, TransferKind, TransferScope
from dangvu.members.events.services import allow_to_leave, record_death, strike_off
from dangvu.members.member.services import create_member
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.members.placement.services import place_member
from dangvu.members.reporting.balance import balance, unit_ids
from dangvu.members.reporting.balance_check import check
from dangvu.members.transfer.arrivals import receive_from_outside
from dangvu.members.transfer.services import issue_transfer
from dangvu.reports.queries.scope import Scope

pytestmark = pytest.mark.django_db(transaction=False)

TODAY = timezone.localdate()
ORIGIN = dt.date(TODAY.year - 5, 1, 1)
DECISION = {"decision_number": "12-QĐ/ĐU", "decision_body": "Đảng ủy xã"}


def day(offset: int) -> dt.date:
    return min(ORIGIN + dt.timedelta(days=offset), TODAY)


def person(n: int, admitted: dt.date, official: bool) -> dict:
    return {
        "full_name": f"Đảng Viên Số {n}",
        "birth_date": dt.date(1985, 1, 1) + dt.timedelta(days=n),
        "gender": "female" if n % 2 else "male",
        "admitted_on": admitted,
        "recognized_on": admitted + dt.timedelta(days=366) if official else None,
        "status": "official" if official else "probationary",
        "citizen_id": None,
        "card_number": f"9{n:07d}",
    }


# One step of a history: (operation, member index, branch index, day offset, flag).
STEP = st.tuples(
    st.sampled_from(["register", "arrive", "move", "out", "strike", "leave", "death"]),
    st.integers(0, 30),
    st.integers(0, 5),
    st.integers(0, 5 * 366),
    st.booleans(),
)


def apply(world, steps) -> None:
    user = world.users.admin
    branches = [
        world.branch_a1,
        world.branch_a2,
        world.school_a,
        world.branch_b1,
        world.branch_a1,
        world.branch_b1,
    ]
    members: list[Member] = list(Member.objects.order_by("pk"))
    for n, (op, who, where, offset, flag) in enumerate(steps):
        on = day(offset)
        branch = branches[where]
        member = members[who % len(members)]
        member.refresh_from_db()
        try:
            with transaction.atomic():
                if op == "register":
                    data = person(1000 + n, on, flag and on + dt.timedelta(days=366) <= TODAY)
                    data["organization"] = branch
                    members.append(create_member(user=user, data=data))
                elif op == "arrive":
                    data = person(2000 + n, on - dt.timedelta(days=900), flag)
                    data["organization"] = branch
                    transfer = receive_from_outside(
                        user=user,
                        branch=branch,
                        from_party="Đảng bộ tỉnh Bạn",
                        letter_number=f"{n}-GGT",
                        issued_on=on - dt.timedelta(days=3),
                        received_on=on,
                        member_data=data,
                    )
                    members.append(transfer.member)
                elif op == "move":
                    place_member(user=user, member=member, organization=branch, on=on)
                elif op == "out":
                    issue_transfer(
                        user=user,
                        member=member,
                        kind=TransferKind.OFFICIAL,
                        scope=TransferScope.OTHER_PROVINCE,
                        letter_number=f"{n}-GGT",
                        issued_on=on,
                        to_party="Đảng bộ tỉnh Bạn",
                    )
                elif op == "strike":
                    strike_off(
                        user=user,
                        member=member,
                        on=on,
                        ground="abandoned",
                        decision_date=on,
                        **DECISION,
                    )
                elif op == "leave":
                    allow_to_leave(user=user, member=member, on=on, decision_date=on, **DECISION)
                else:
                    record_death(user=user, member=member, on=on)
        except ValidationError:
            pass  # the services refuse an impossible step (a date before the last change…)


def cast_facts() -> None:
    """The fixed cast was built by factories: give its members the events of their roll."""
    for p in Placement.objects.select_related("member", "organization"):
        MemberEvent.objects.create(
            member=p.member,
            kind=EventKind.ADMITTED,
            occurred_on=p.valid_from,
            organization=p.organization,
            org_path=p.organization.path,
        )


def oracle(scope: Scope) -> dict:
    """The balance's terms counted row by row from placements and events, in Python."""
    orgs = set(unit_ids(scope).values_list("pk", flat=True))
    before = scope.start - dt.timedelta(days=1)
    by_member: dict[int, list[Placement]] = {}
    for p in Placement.objects.filter(kind=PlacementKind.OFFICIAL).order_by("valid_from"):
        if p.organization_id in orgs:
            by_member.setdefault(p.member_id, []).append(p)
    events: dict[tuple[int, dt.date], set[str]] = {}
    for e in MemberEvent.objects.all():
        events.setdefault((e.member_id, e.occurred_on), set()).add(e.kind)
    recognized_on = dict(Member.objects.values_list("pk", "recognized_on"))

    def on_roll(mid: int, d: dt.date) -> bool:
        return any(
            p.valid_from <= d and (p.valid_to is None or p.valid_to > d) for p in by_member[mid]
        )

    def probationary(mid: int, d: dt.date) -> bool:
        r = recognized_on[mid]
        return r is None or r > d

    counts: Counter = Counter()
    for mid, placements in by_member.items():
        counts["start"] += on_roll(mid, before)
        counts["end"] += on_roll(mid, scope.on)
        counts["p_start"] += on_roll(mid, before) and probationary(mid, before)
        counts["p_end"] += on_roll(mid, scope.on) and probationary(mid, scope.on)
        r = recognized_on[mid]
        if r and scope.start <= r <= scope.on and on_roll(mid, r - dt.timedelta(days=1)):
            counts["recognized"] += on_roll(mid, r)
        for p in placements:
            f, t = p.valid_from, p.valid_to
            if scope.start <= f <= scope.on and not on_roll(mid, f - dt.timedelta(days=1)):
                kinds = events.get((mid, f), set())
                kind = (
                    "admitted"
                    if kinds & {EventKind.ADMITTED, EventKind.READMITTED}
                    else "restored"
                    if EventKind.RESTORED in kinds
                    else "arrived"
                )
                counts[kind] += 1
                counts[f"p_{kind}"] += probationary(mid, f)
            if t and scope.start <= t <= scope.on and not on_roll(mid, t):
                kinds = events.get((mid, t), set())
                names = {
                    EventKind.DECEASED: "deceased",
                    EventKind.EXPELLED: "expelled",
                    EventKind.STRUCK_OFF: "struck_off",
                    EventKind.NOT_RECOGNIZED: "not_recognized",
                    EventKind.LEFT: "left",
                }
                kind = next((v for k, v in names.items() if k in kinds), "departed")
                counts[kind] += 1
                counts[f"p_{kind}"] += probationary(mid, t - dt.timedelta(days=1))
    return counts


def assert_balance(scope: Scope) -> None:
    b = balance(scope)
    want = oracle(scope)
    assert b.holds, (scope, b)
    assert (b.start, b.end) == (want["start"], want["end"])
    assert (b.probationary_start, b.probationary_end) == (want["p_start"], want["p_end"])
    assert b.recognized == want["recognized"]
    for key, value in b.flows.items():
        assert value == want[key], (key, scope, b)
    for key, value in b.probationary_flows.items():
        assert value == want[f"p_{key}"], (key, scope, b)
    assert b.unexplained == 0  # every change the services made has its event


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a DB history is slow
    print_blob=True,
)
@given(
    steps=st.lists(STEP, min_size=5, max_size=30),
    periods=st.lists(
        st.tuples(st.integers(0, 8), st.integers(0, 5 * 366), st.integers(0, 5 * 366)),
        min_size=3,
        max_size=6,
    ),
)
def test_r15_4_balance_holds_for_random_histories(world, steps, periods):
    orgs = [
        world.province,
        world.commune_a,
        world.commune_b,
        world.base_a,
        world.branch_a1,
        world.branch_a2,
        world.school_a,
        world.base_b,
        world.branch_b1,
    ]
    with transaction.atomic():
        cast_facts()
        apply(world, steps)
        for org_index, a, b in periods:
            start, on = sorted((day(a), day(b)))
            note(f"scope {orgs[org_index]} {start}..{on}")
            assert_balance(Scope(orgs[org_index], on, start))
        # and as of today, read from today's tree
        assert_balance(Scope(world.province, TODAY, dt.date(TODAY.year, 1, 1), current=True))
        result = check(dt.date(TODAY.year - 1, 1, 1), TODAY)
        assert result.ok, result
        transaction.set_rollback(True)


def test_r15_4_a_move_inside_the_unit_is_neither_in_nor_out(world):
    """The boundary: a move between two branches of the commune is an end and a start for
    each branch, and nothing for the commune."""
    move_on = TODAY - dt.timedelta(days=30)
    place_member(user=world.users.admin, member=world.duc, organization=world.branch_a2, on=move_on)
    start = TODAY - dt.timedelta(days=60)
    commune = balance(Scope(world.commune_a, TODAY, start))
    assert commune.flows["arrived"] == commune.flows["departed"] == 0
    assert commune.start == commune.end
    old, new = (balance(Scope(b, TODAY, start)) for b in (world.branch_a1, world.branch_a2))
    assert (old.flows["departed"], new.flows["arrived"]) == (1, 1)
    assert old.end == old.start - 1 and new.end == new.start + 1
    # the day before the move, neither branch has changed yet
    eve = move_on - dt.timedelta(days=1)
    assert balance(Scope(world.branch_a1, eve, start)).flows["departed"] == 0


def test_r15_4_the_day_of_the_change_belongs_to_the_period(world):
    """A member struck off on the period's first day counts in it; on the day after its end,
    not; the start roll is the roll at the end of the day before."""
    first = dt.date(TODAY.year, 1, 1) if TODAY.month > 1 else dt.date(TODAY.year - 1, 1, 1)
    strike_off(
        user=world.users.admin,
        member=world.hoa,
        on=first,
        ground="abandoned",
        decision_date=first,
        **DECISION,
    )
    scope = Scope(world.branch_a1, first, first)
    b = balance(scope)
    assert b.flows["struck_off"] == 1 and b.start == 2 and b.end == 1 and b.holds
    earlier = balance(
        Scope(world.branch_a1, first - dt.timedelta(days=1), dt.date(first.year - 1, 1, 1))
    )
    assert earlier.flows["struck_off"] == 0 and earlier.end == 2


def test_r15_4_registration_writes_the_admission_fact(world):
    """A member registered by hand is admitted on the roll in the year of admission."""
    on = TODAY - dt.timedelta(days=10)
    data = person(1, on, False) | {"organization": world.branch_a1}
    create_member(user=world.users.admin, data=data)
    b = balance(Scope(world.commune_a, TODAY, dt.date(on.year, 1, 1)))
    assert b.flows["admitted"] >= 1 and b.probationary_flows["admitted"] >= 1
    assert b.unexplained == 0


def test_check_balance_command_reports_an_unexplained_change(world, capsys):
    """`dangvu check_balance` fails (exit 1) when a placement starts without its event."""
    Placement.objects.create(
        member=world.minh,
        organization=world.branch_a1,
        kind=PlacementKind.TEMPORARY,
        valid_from=TODAY,
    )
    period = ["--from", f"{TODAY - dt.timedelta(days=10):%d/%m/%Y}", "--to", f"{TODAY:%d/%m/%Y}"]
    call_command("check_balance", *period)  # a temporary placement is not the roll
    broken = Member.objects.get(pk=world.other_duc.pk)
    Placement.objects.filter(member=broken).update(valid_from=TODAY - dt.timedelta(days=2))
    with pytest.raises(SystemExit):
        call_command("check_balance", *period)


def test_r15_4_a_former_member_cannot_be_moved(world):
    """Found by the property test: moving a member who left opened a second roll for them."""
    on = TODAY - dt.timedelta(days=20)
    record_death(user=world.users.admin, member=world.minh, on=on)
    member = Member.objects.get(pk=world.minh.pk)
    with pytest.raises(ValidationError) as error:
        place_member(user=world.users.admin, member=member, organization=world.branch_a1, on=TODAY)
    assert error.value.code == "not_active"
    assert not Placement.objects.filter(member=member, valid_to__isnull=True).exists()
