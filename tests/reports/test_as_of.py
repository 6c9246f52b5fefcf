"""As of any date: a report for 31/12/2022 computed from the dated records is the same before
and after 2023's changes (a move between communes, a removal, an admission, a transfer out,
a reorganization), all made through the real services."""

from __future__ import annotations

import datetime as dt

import pytest

from dangvu.members import lifecycle, services
from dangvu.members.choices import StrikeOffGround
from dangvu.organizations import reorganization
from dangvu.reports.queries import build_report
from dangvu.reports.queries.scope import Scope

pytestmark = pytest.mark.django_db
D = dt.date
END_2022 = D(2022, 12, 31)


def reports(world) -> dict:
    return {
        org.code: build_report("dashboard", Scope(org, END_2022, D(2022, 1, 1))).as_dict()
        for org in (world.province, world.commune_a, world.commune_b)
    }


def members_total(report: dict) -> int:
    return report["sections"][0]["figures"][0]["value"]


def test_a_2022_report_is_identical_after_2023_events(world):
    before = reports(world)
    assert [members_total(before[c]) for c in ("TU", "XA", "XB")] == [5, 3, 2]
    officer = world.users.provincial
    # A move from commune A to commune B (2023-03-01).
    services.place_member(
        user=officer, member=world.duc, organization=world.branch_b1, on=D(2023, 3, 1)
    )
    # A removal in commune A.
    lifecycle.strike_off(
        user=officer,
        member=world.hoa,
        on=D(2023, 5, 1),
        ground=StrikeOffGround.ABANDONED,
        decision_number="15-QĐ/ĐU",
        decision_date=D(2023, 5, 1),
        decision_body="Đảng ủy xã An Bình",
    )
    # An admission in 2023.
    services.create_member(
        user=officer,
        data={
            "full_name": "Lương Văn Mới",
            "birth_date": D(1995, 1, 1),
            "gender": "male",
            "organization": world.branch_a2,
            "admitted_on": D(2023, 6, 1),
            "status": "probationary",
        },
    )
    # A death in commune B.
    lifecycle.record_death(user=officer, member=world.minh, on=D(2023, 8, 1))
    # A reorganization: school_a (with its member) moves from commune A to commune B.
    reorganization.reorganize(
        officer,
        {
            "operations": [
                {
                    "op": "reparent",
                    "organizations": [world.school_a.pk],
                    "parent": world.commune_b.pk,
                }
            ]
        },
        D(2023, 7, 1),
        "reparent",
        decision_number="100-QĐ/TU",
    )
    after = reports(world)
    assert after == before
    # …while the figures of the end of 2023 did change.
    a_2023 = build_report("members", Scope(world.commune_a, D(2023, 12, 31), D(2023, 1, 1)))
    b_2023 = build_report("members", Scope(world.commune_b, D(2023, 12, 31), D(2023, 1, 1)))
    assert a_2023.section("members").value("members.total") == 1  # the new member only
    # other Đức, Đức (moved), Lan (reorganized); Minh died.
    assert b_2023.section("members").value("members.total") == 3


def test_the_tree_of_a_date_counts_organizations_of_that_date(world):
    reorganization.reorganize(
        world.users.provincial,
        {
            "operations": [
                {
                    "op": "reparent",
                    "organizations": [world.school_a.pk],
                    "parent": world.commune_b.pk,
                }
            ]
        },
        D(2023, 7, 1),
        "reparent",
    )
    for on, grassroots_a, grassroots_b in ((END_2022, 2, 1), (D(2023, 12, 31), 1, 2)):
        a = build_report("organizations", Scope(world.commune_a, on, D(on.year, 1, 1)))
        b = build_report("organizations", Scope(world.commune_b, on, D(on.year, 1, 1)))
        assert a.section("organizations").value("organizations.grassroots") == grassroots_a
        assert b.section("organizations").value("organizations.grassroots") == grassroots_b
