"""Each figure against the hand count of tests/reports/conftest.py, for the subtree of
commune_a on 31/12/2025; commune_b's records never count; the other apps' statistics agree."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dangvu.admissions.queries import admission_statistics
from dangvu.meetings.queries.reports import Period, statistics
from dangvu.reports.queries import DRILLS, build_report
from dangvu.reports.queries.scope import Scope

pytestmark = pytest.mark.django_db
D = dt.date


END_2025 = D(2025, 12, 31)


def scope_of(org, on=END_2025) -> Scope:
    return Scope(org, on, D(on.year, 1, 1))


def values(report, section) -> dict:
    return {f.key.split(".", 1)[1]: f.value for f in report.section(section).figures}


@pytest.fixture
def report_a(year_2025):
    return build_report("dashboard", scope_of(year_2025.commune_a))


def test_member_figures(report_a):
    v = values(report_a, "members")
    assert (v["total"], v["official"], v["probationary"]) == (6, 3, 3)
    assert (v["women"], v["minority"]) == (3, 1)
    assert (v["age_le30"], v["age_31_40"], v["age_41_50"], v["age_51_60"]) == (3, 1, 2, 0)
    assert v["theory_none"] == 6 and v["education_none"] == 6
    women = report_a.section("members").figure("members.women")
    assert women.base == 6 and round(women.percent, 2) == 50.0


def test_R1_4_organization_figures_and_branches_under_3_official(report_a):
    v = values(report_a, "organizations")
    assert (v["grassroots"], v["branches"], v["small_branches"]) == (2, 3, 3)
    assert (v["level_direct"], v["level_grassroots"], v["level_branch"]) == (1, 2, 2)
    assert v["kind_base_branch"] == 1 and v["kind_branch"] == 2


def test_development_figures(report_a):
    v = values(report_a, "development")
    assert (v["admitted"], v["recognized"], v["members_at_start"]) == (3, 1, 6)
    rate = report_a.section("development").figure("development.rate")
    assert round(rate.percent, 2) == 50.0


def test_removal_figures(report_a):
    v = values(report_a, "removals")
    assert (v["struck_off"], v["left"], v["expelled"], v["deceased"]) == (1, 0, 1, 1)
    assert v["transferred_in"] == v["transferred_out"] == 0


def test_meeting_figures(report_a):
    v = values(report_a, "meetings")
    assert (v["held"], v["regular"], v["thematic"], v["branches"]) == (3, 2, 1, 1)
    attendance = report_a.section("meetings").figure("meetings.attendance")
    assert (attendance.value, attendance.base, attendance.percent) == (17, 20, 85.0)


def test_locality_figures(report_a):
    v = values(report_a, "localities")
    assert (v["total"], v["head_member"], v["secretary_head"], v["white"]) == (3, 1, 1, 1)


def test_commune_b_counts_only_its_own(year_2025):
    report = build_report("dashboard", scope_of(year_2025.commune_b))
    assert values(report, "members")["total"] == 3
    assert values(report, "removals")["struck_off"] == 1
    assert values(report, "development")["admitted"] == 1
    assert values(report, "localities")["head_member"] == 1
    assert values(report, "meetings")["held"] == 1


def test_province_is_the_sum_of_its_communes(year_2025):
    w = year_2025
    province = build_report("dashboard", scope_of(w.province))
    parts = [build_report("dashboard", scope_of(c)) for c in (w.commune_a, w.commune_b)]
    for section in ("members", "removals", "localities"):
        total = values(province, section)
        for key, value in total.items():
            assert value == sum(values(p, section)[key] for p in parts), (section, key)


def test_every_drill_down_lists_as_many_rows_as_its_figure(year_2025):
    for org in (year_2025.commune_a, year_2025.province):
        scope = scope_of(org)
        report = build_report("dashboard", scope)
        checked = 0
        for section in report.sections:
            for figure in section.figures:
                if figure.drill:
                    assert DRILLS[figure.key](scope).count() == figure.value, figure.key
                    checked += 1
        assert checked > 40


def test_today_read_from_todays_tree_equals_the_dated_records(year_2025):
    today = dt.date.today()
    for org in (year_2025.commune_a, year_2025.province, year_2025.branch_a1):
        dated = scope_of(org, today)
        current = dataclasses.replace(dated, current=True)
        assert (
            build_report("dashboard", current).as_dict()
            == build_report("dashboard", dated).as_dict()
        )


def test_admissions_figures_agree_with_the_admissions_statistics(year_2025):
    w = year_2025
    stats = admission_statistics(w.commune_a, 2025, w.users.provincial)
    report = build_report("development", scope_of(w.commune_a))
    assert values(report, "development")["admitted"] == stats.total.admitted


def test_meeting_figures_agree_with_the_meetings_statistics(year_2025):
    w = year_2025
    stats = statistics(w.commune_a, Period.year(2025), with_children=False)
    report = build_report("meetings", scope_of(w.commune_a))
    attendance = report.section("meetings").figure("meetings.attendance")
    assert (attendance.value, attendance.base) == (stats.present, stats.eligible)
