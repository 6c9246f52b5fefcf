"""The disciplines and attendance-summary sheets of a history workbook, and the reports'
attendance rate reading roll calls and summaries (roll calls win in a month with both)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from dangvu.imports.exports import write_subtree
from dangvu.imports.models import RunStatus
from dangvu.meetings.choices import MeetingKind, MeetingStatus
from dangvu.meetings.models import AttendanceSummary, Meeting
from dangvu.members.choices import DisciplineForm, EventKind, Status
from dangvu.members.discipline.models import Discipline
from dangvu.members.models import Member, MemberEvent
from dangvu.reports.queries import build_report
from dangvu.reports.queries.scope import Scope

from .helpers import run_import
from .test_history_import import MEMBER_HEADERS, D, ident, person, tree, workbook  # noqa: F401
from .test_history_round_trip import cells

pytestmark = pytest.mark.django_db

DISCIPLINE_HEADERS = [
    "Số CCCD",
    "Hình thức kỷ luật",
    "Nội dung vi phạm",
    "Số quyết định",
    "Cơ quan quyết định",
    "Ngày quyết định",
    "Ngày công bố",
]
ATTENDANCE_HEADERS = [
    "Mã chi bộ",
    "Năm",
    "Tháng",
    "Số buổi sinh hoạt",
    "Có mặt",
    "Vắng có lý do",
    "Vắng không lý do",
]


def records_file(path):
    members = [
        person(1, "LS1", D(10, 3, 2), **{"Ngày chính thức": D(9, 3, 2)}),
        person(
            2,
            "LS2",
            D(8, 5, 1),
            **{
                "Ngày chính thức": D(7, 5, 1),
                "Hình thức ra khỏi Đảng": "Khai trừ",
                "Ngày ra khỏi Đảng": D(3, 4, 1),
                "Số quyết định ra khỏi Đảng": "9-QĐ/UBKT",
                "Ngày quyết định ra khỏi Đảng": D(3, 4, 1),
            },
        ),
    ]
    disciplines = [
        [
            ident(1),
            "Khiển trách",
            "Vắng sinh hoạt",
            "5-QĐ/CB",
            "Chi bộ thôn Một",
            D(4, 6, 1),
            D(4, 6, 5),
        ],
        [
            ident(2),
            "Khai trừ",
            "Vi phạm nghiêm trọng",
            "9-QĐ/UBKT",
            "UBKT Đảng ủy",
            D(3, 4, 1),
            None,
        ],
    ]
    attendance = [
        ["LS1", Y2, 3, 1, 18, 1, 1],  # 18 of 20
        ["LS2", Y2, 3, 1, 9, 1, 0],  # 9 of 10
        ["LS1", Y2, 4, 1, 10, 0, 10],  # a month that also has a roll call: ignored
    ]
    return workbook(
        path,
        {
            "Đảng viên": (MEMBER_HEADERS, members),
            "Kỷ luật": (DISCIPLINE_HEADERS, disciplines),
            "Sinh hoạt chi bộ": (ATTENDANCE_HEADERS, attendance),
        },
    )


Y2 = D(2, 1, 1).year


def test_disciplines_and_attendance_are_written_and_counted(tree, tmp_path):  # noqa: F811
    commune, b1, b2, _one, _two = tree
    run = run_import(records_file(tmp_path / "ky-luat.xlsx"), org=commune)
    assert run.status == RunStatus.DONE, run.problems

    first = Member.objects.get(citizen_id=ident(1))
    reprimand = Discipline.objects.get(member=first)
    assert (reprimand.form, reprimand.organization, reprimand.org_path) == (
        DisciplineForm.REPRIMAND,
        b1,
        b1.path,
    )
    assert reprimand.expires_on == D(3, 6, 5)  # 12 months from the announcement (R6.2)
    event = MemberEvent.objects.get(member=first, kind=EventKind.DISCIPLINED)
    assert (event.occurred_on, event.decision_number, event.details["discipline"]) == (
        D(4, 6, 1),
        "5-QĐ/CB",
        reprimand.pk,
    )
    expelled = Member.objects.get(citizen_id=ident(2))
    assert (expelled.status, expelled.status_since) == (Status.EXPELLED, D(3, 4, 1))
    expulsion = Discipline.objects.get(member=expelled)
    assert (expulsion.organization, expulsion.expires_on) == (b2, None)
    assert list(
        MemberEvent.objects.filter(member=expelled, occurred_on=D(3, 4, 1))
        .order_by("id")
        .values_list("kind", flat=True)
    ) == [EventKind.EXPELLED, EventKind.DISCIPLINED]

    # A roll call in April of that year in LS1: 5 present of 8 listed.
    Meeting.objects.create(
        organization=b1,
        kind=MeetingKind.REGULAR,
        scheduled_at=dt.datetime(Y2, 4, 10, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        status=MeetingStatus.HELD,
        present_count=5,
        excused_count=1,
        absent_count=2,
        eligible_count=8,
    )
    march = build_report("meetings", Scope(commune, dt.date(Y2, 3, 31), dt.date(Y2, 3, 1)))
    rate = march.section("meetings").figure("meetings.attendance")
    assert (rate.value, rate.base) == (27, 30)
    assert march.section("meetings").value("meetings.held") == 2
    spring = build_report("meetings", Scope(commune, dt.date(Y2, 4, 30), dt.date(Y2, 3, 1)))
    rate = spring.section("meetings").figure("meetings.attendance")
    assert (rate.value, rate.base) == (27 + 5, 30 + 8)  # April: the roll call, not the summary
    assert spring.section("meetings").value("meetings.branches") == 2

    # The export writes both sheets back; importing it again changes nothing.
    out = tmp_path / "out.xlsx"
    counts = write_subtree(out, commune)
    assert (counts["Kỷ luật"], counts["Sinh hoạt chi bộ"]) == (2, 3)
    before = (
        Discipline.objects.count(),
        AttendanceSummary.objects.count(),
        MemberEvent.objects.count(),
    )
    again = run_import(out, org=commune)
    assert again.status == RunStatus.DONE, again.problems
    after = (
        Discipline.objects.count(),
        AttendanceSummary.objects.count(),
        MemberEvent.objects.count(),
    )
    assert after == before
    assert cells(out)["Kỷ luật"][1][4] == "Vắng sinh hoạt"


def test_a_wrong_discipline_or_month_is_refused_with_row_and_column(tree, tmp_path):  # noqa: F811
    commune = tree[0]
    members = [person(1, "LS1", D(3, 3, 2))]  # probationary
    path = workbook(
        tmp_path / "sai.xlsx",
        {
            "Đảng viên": (MEMBER_HEADERS, members),
            "Kỷ luật": (
                DISCIPLINE_HEADERS,
                [[ident(1), "Cách chức", "Vi phạm", "1", "Chi bộ", D(2, 1, 1), None]],
            ),
            "Sinh hoạt chi bộ": (ATTENDANCE_HEADERS, [["LS1", Y2, 13, 1, 5, 0, 0]]),
        },
    )
    run = run_import(path, org=commune)
    assert run.status == RunStatus.INVALID
    errors = [(p["row"], p["column"]) for p in run.problems if p["severity"] == "error"]
    assert (2, "Kỷ luật: Hình thức kỷ luật") in errors
    assert (2, "Sinh hoạt chi bộ: Tháng") in errors
    assert (
        Member.objects.count()
        == Discipline.objects.count()
        == AttendanceSummary.objects.count()
        == 0
    )
