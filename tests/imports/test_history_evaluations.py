"""Past evaluation results imported with the history: decided rows in a closed cycle of the
year, read by the reports' evaluation shares; importing them again changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dangvu.evaluations.choices import Action, CycleStatus, EvaluationStep
from dangvu.evaluations.models import (
    EvaluationCycle,
    EvaluationRecord,
    MemberEvaluation,
    OrganizationEvaluation,
)
from dangvu.imports.exports import write_subtree
from dangvu.imports.models import RunStatus
from dangvu.organizations.choices import Kind
from dangvu.reports.queries import build_report
from dangvu.reports.queries.scope import Scope
from tests.factories import make_org

from .helpers import run_import
from .test_history_import import MEMBER_HEADERS, D, ident, person, workbook

pytestmark = pytest.mark.django_db

YEAR = D(2, 1, 1).year
HEADERS = ["Năm", "Số CCCD", "Mã tổ chức", "Mức xếp loại", "Điểm", "Số quyết định"]


@pytest.fixture
def grassroots(db):
    commune = make_org(None, "Đảng bộ xã Đánh Giá", Kind.COMMUNE_COMMITTEE, code="DG")
    base = make_org(commune, "Đảng bộ cơ sở Đánh Giá", Kind.BASE_COMMITTEE, code="DGCS")
    branch = make_org(base, "Chi bộ thôn Một", Kind.BRANCH, code="DG1", sector="rural")
    return commune, base, branch


def evaluation_file(path, rows):
    members = [
        person(1, "DG1", D(10, 3, 2), **{"Ngày chính thức": D(9, 3, 2)}),
        person(2, "DG1", D(6, 3, 2), **{"Ngày chính thức": D(5, 3, 2)}),
        person(3, "DG1", D(8, 3, 2), **{"Ngày chính thức": D(7, 3, 2)}),
    ]
    return workbook(
        path, {"Đảng viên": (MEMBER_HEADERS, members), "Kết quả đánh giá": (HEADERS, rows)}
    )


ROWS = [
    [YEAR, ident(1), None, "HTXSNV", 92.5, "12-QĐ/ĐU"],
    [YEAR, ident(2), None, "Hoàn thành tốt nhiệm vụ", 85, "12-QĐ/ĐU"],
    [YEAR, ident(3), None, "HTNV", None, "12-QĐ/ĐU"],
    [YEAR, None, "DG1", "HTTNV", None, "12-QĐ/ĐU"],
    [YEAR, None, "DGCS", "HTXSNV", None, "30-QĐ/ĐU"],
]


def test_past_results_are_decided_rows_the_reports_count(grassroots, tmp_path):
    commune, base, branch = grassroots
    run = run_import(evaluation_file(tmp_path / "dg.xlsx", ROWS), org=commune)
    assert run.status == RunStatus.DONE, run.problems

    cycle = EvaluationCycle.objects.get(year=YEAR)
    assert (cycle.organization, cycle.status, cycle.uses_points) == (
        commune,
        CycleStatus.CLOSED,
        True,
    )
    best = MemberEvaluation.objects.get(member__citizen_id=ident(1))
    assert (best.step, best.rating, best.self_total, best.grassroots, best.organization) == (
        EvaluationStep.DECIDED,
        "excellent",
        Decimal("92.5"),
        base,
        branch,
    )
    assert OrganizationEvaluation.objects.get(organization=base).deciding_organization == commune
    assert EvaluationRecord.objects.filter(action=Action.DECIDED).count() == 5

    # Evaluation shares of that year, as the report states them at the year's end.
    report = build_report("evaluations", Scope(commune, dt.date(YEAR, 12, 31), dt.date(YEAR, 1, 1)))
    section = report.section("evaluations")
    assert section.value("evaluations.members.total") == 3
    assert section.value("evaluations.members.excellent") == 1
    assert section.value("evaluations.members.good") == 1
    assert section.value("evaluations.members.completed") == 1
    assert section.value("evaluations.branches.good") == 1
    assert section.value("evaluations.grassroots.excellent") == 1
    # A report dated inside the year does not see levels decided at its end.
    early = build_report("evaluations", Scope(commune, dt.date(YEAR, 6, 30), dt.date(YEAR, 1, 1)))
    assert early.section("evaluations").value("evaluations.members.total") == 0

    counts = write_subtree(tmp_path / "out.xlsx", commune)
    assert counts["Kết quả đánh giá"] == 5
    again = run_import(tmp_path / "out.xlsx", org=commune)
    assert again.status == RunStatus.DONE, again.problems
    assert MemberEvaluation.objects.count() == 3
    assert OrganizationEvaluation.objects.count() == 2
    assert EvaluationCycle.objects.count() == 1


def test_a_different_level_for_a_recorded_year_is_refused(grassroots, tmp_path):
    commune = grassroots[0]
    assert run_import(evaluation_file(tmp_path / "a.xlsx", ROWS), org=commune).status == "done"
    changed = [list(r) for r in ROWS]
    changed[0][3] = "HTNV"
    run = run_import(evaluation_file(tmp_path / "b.xlsx", changed), org=commune)
    assert run.status == RunStatus.INVALID
    errors = [(p["row"], p["column"]) for p in run.problems if p["severity"] == "error"]
    assert errors == [(2, "Kết quả đánh giá: Mức xếp loại")]
    assert MemberEvaluation.objects.get(member__citizen_id=ident(1)).rating == "excellent"
