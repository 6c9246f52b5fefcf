"""Defects found by walking through the reports as their users (review of 25/11/2026), and
the evaluation section counted by hand on real decided rows."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from dangvu.evaluations import services
from dangvu.organizations import reorganization
from dangvu.reports.queries import DRILLS, build_report
from dangvu.reports.queries.scope import Scope
from tests.evaluations.factories import open_cycle, org_row, row
from tests.factories import Role, make_user

pytestmark = pytest.mark.django_db
D = dt.date


def test_sub_organizations_of_a_past_date_include_those_dissolved_since(world, login):
    """On 31/12/2024 the dashboard listed only today's children: the organizations merged on
    1/7/2025 (the districts of the demo) had vanished from a report of their own time."""
    reorganization.reorganize(
        world.users.provincial,
        {
            "operations": [
                {"op": "merge", "sources": [world.school_a.pk], "target": world.branch_a1.pk}
            ]
        },
        D(2025, 7, 1),
        "merge",
    )
    client = login(world.users.officer_a)
    url = reverse("reports:dashboard")
    past = client.get(url, {"org": world.commune_a.pk, "on": "31/12/2024"})
    assert past.status_code == 200
    assert {o.pk for o in past.context["children"]} == {world.base_a.pk, world.school_a.pk}
    today = client.get(url, {"org": world.commune_a.pk})
    assert {o.pk for o in today.context["children"]} == {world.base_a.pk}
    # the sub-organization's own dashboard of that date opens (it existed then)
    school = client.get(url, {"org": world.school_a.pk, "on": "31/12/2024"})
    assert school.status_code == 200


def decide_commune_a(world):
    """Hand count (commune_a, the cycle year, decided today through the services):
    members: Đức good, Hoa completed, Bình (probationary) not completed → 3 rated; Lan
    (school_a, not decided) not counted; branches: thôn Đông good, thôn Tây completed → 2;
    grassroots: base_a good → 1 (school_a undecided). commune_b: Minh and the other Đức,
    decided good, are outside the scope."""
    cycle = open_cycle(world)
    base = world.base_a
    services.decide(
        user=world.users.grassroots_a,
        cycle=cycle,
        deciding=base,
        organizations={
            org_row(cycle, world.branch_a1).pk: ("good", ""),
            org_row(cycle, world.branch_a2).pk: ("completed", ""),
        },
        members={
            row(cycle, world.duc).pk: ("good", ""),
            row(cycle, world.hoa).pk: ("completed", ""),
            row(cycle, world.probationer).pk: ("not_completed", "Vi phạm"),
        },
        decision_number="12-QĐ/ĐU",
    )
    services.decide_one(user=world.users.officer_a, evaluation=org_row(cycle, base), rating="good")
    other = open_cycle(world, organization=world.commune_b, user=world.users.officer_b)
    services.decide(
        user=make_user("coso_b", Role.GRASSROOTS_STAFF, world.base_b),
        cycle=other,
        deciding=world.base_b,
        members={
            row(other, world.other_duc).pk: ("good", ""),
            row(other, world.minh).pk: ("good", ""),
        },
    )
    return cycle


def evaluation_values(scope) -> dict:
    section = build_report("dashboard", scope).section("evaluations")
    return {f.key.split(".", 1)[1]: (f.value, f.base) for f in section.figures}


@time_machine.travel(dt.datetime(2026, 12, 15, 9, 0, tzinfo=dt.UTC), tick=False)
def test_evaluation_section_against_a_hand_count(world):
    # Decided in December of the year reviewed (a January decision belongs to last year's
    # cycle, whose dashboard is as of 31 December: see the next test).
    cycle = decide_commune_a(world)
    today = timezone.localdate()
    assert cycle.year == today.year
    scope = Scope(world.commune_a, today, D(today.year, 1, 1), current=True)
    v = evaluation_values(scope)
    assert v["members.total"][0] == 3
    assert [v[f"members.{r}"] for r in ("excellent", "good", "completed", "not_completed")] == [
        (0, 3),
        (1, 3),
        (1, 3),
        (1, 3),
    ]
    assert v["branches.total"][0] == 2
    assert (v["branches.good"], v["branches.completed"]) == ((1, 2), (1, 2))
    assert v["grassroots.total"][0] == 1 and v["grassroots.good"] == (1, 1)
    # the same count read from the dated records (not today's fast path)
    assert evaluation_values(scope.as_of()) == v
    names = set(DRILLS["evaluations.members.total"](scope).values_list("full_name", flat=True))
    assert names == {"Nguyễn Văn Đức", "Trần Thị Hoa", "Lê Văn Bình"}
    branches = DRILLS["evaluations.branches.completed"](scope)
    assert list(branches.values_list("name", flat=True)) == ["Chi bộ thôn Tây"]


def test_a_past_date_does_not_show_levels_decided_after_it(world):
    """A dashboard of 1 January showed the year's levels decided in December."""
    decide_commune_a(world)
    today = timezone.localdate()
    yesterday = today - dt.timedelta(days=1)
    if yesterday.year != today.year:
        pytest.skip("the cycle's year starts today")
    v = evaluation_values(Scope(world.commune_a, yesterday, D(today.year, 1, 1)))
    assert {key: value for key, (value, _base) in v.items() if value} == {}
    assert not DRILLS["evaluations.members.total"](
        Scope(world.commune_a, yesterday, D(today.year, 1, 1))
    ).exists()
