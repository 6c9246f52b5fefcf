"""A whole history brought in through the members import: the members sheet with admission,
recognition and exit decisions, the placement history, posts (village heads) and committee
seats; checked by the records written and by the reports' figures, counted by hand."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import Workbook

from dangvu.imports.models import RunStatus
from dangvu.members.choices import EventKind, PlacementKind, PostKind, Status
from dangvu.members.models import Member, MemberEvent, MemberPost, Placement
from dangvu.organizations.choices import Kind, LocalityKind
from dangvu.organizations.models import CommitteeSeat, Locality
from dangvu.reports.queries import build_report
from dangvu.reports.queries.scope import Scope
from tests.factories import make_org

from .helpers import cccd, run_import

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
Y = TODAY.year


def D(years_ago: int, month: int, day: int) -> dt.date:
    return dt.date(Y - years_ago, month, day)


MEMBER_HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Ngày vào Đảng",
    "Số quyết định kết nạp",
    "Cơ quan quyết định kết nạp",
    "Ngày lễ kết nạp",
    "Ngày chính thức",
    "Số quyết định công nhận chính thức",
    "Số CCCD",
    "Chi bộ",
    "Ngày vào chi bộ",
    "Hình thức ra khỏi Đảng",
    "Ngày ra khỏi Đảng",
    "Số quyết định ra khỏi Đảng",
    "Ngày quyết định ra khỏi Đảng",
    "Cơ quan quyết định ra khỏi Đảng",
]


def ident(n: int) -> str:
    return cccd(dt.date(1980, 1, 1), False, 700000 + n)


def person(n: int, branch: str, admitted: dt.date, **extra) -> list:
    row = {
        "Họ và tên": f"Đảng Viên Lịch Sử {n}",
        "Ngày sinh": dt.date(1980, 1, 1),
        "Giới tính": "Nam",
        "Ngày vào Đảng": admitted,
        "Số CCCD": ident(n),
        "Chi bộ": branch,
        **extra,
    }
    return [row.get(h) for h in MEMBER_HEADERS]


def workbook(path: Path, sheets: dict[str, tuple[list, list[list]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, (headers, rows) in sheets.items():
        sheet = book.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def tree(db):
    commune = make_org(None, "Đảng bộ xã Lịch Sử", Kind.COMMUNE_COMMITTEE, code="LS")
    commune.founded_on = D(30, 1, 1)
    commune.save()
    b1 = make_org(commune, "Chi bộ thôn Một", Kind.BRANCH, code="LS1", sector="rural")
    b2 = make_org(commune, "Chi bộ thôn Hai", Kind.BRANCH, code="LS2", sector="rural")
    one = Locality.objects.create(
        name="Thôn Một", kind=LocalityKind.VILLAGE, commune=commune, branch=b1
    )
    two = Locality.objects.create(
        name="Thôn Hai", kind=LocalityKind.VILLAGE, commune=commune, branch=b2
    )
    return commune, b1, b2, one, two


def history_file(path: Path) -> Path:
    members = [
        # 1: admitted in LS2 (decision, then the ceremony), recognized, moved to LS1.
        person(
            1,
            "LS1",
            D(10, 3, 2),
            **{
                "Số quyết định kết nạp": "15-QĐ/ĐU",
                "Cơ quan quyết định kết nạp": "Đảng ủy xã Lịch Sử",
                "Ngày lễ kết nạp": D(10, 3, 15),
                "Ngày chính thức": D(9, 3, 15),
                "Số quyết định công nhận chính thức": "40-QĐ/ĐU",
            },
        ),
        # 2: struck off two years ago.
        person(
            2,
            "LS1",
            D(8, 5, 1),
            **{
                "Ngày chính thức": D(7, 5, 1),
                "Hình thức ra khỏi Đảng": "Xóa tên",
                "Ngày ra khỏi Đảng": D(2, 5, 10),
                "Số quyết định ra khỏi Đảng": "88-QĐ/ĐU",
                "Ngày quyết định ra khỏi Đảng": D(2, 5, 10),
                "Cơ quan quyết định ra khỏi Đảng": "Đảng ủy xã Lịch Sử",
            },
        ),
        # 3: deceased last year.
        person(
            3,
            "LS2",
            D(20, 1, 5),
            **{
                "Ngày chính thức": D(19, 1, 5),
                "Hình thức ra khỏi Đảng": "Từ trần",
                "Ngày ra khỏi Đảng": D(1, 1, 20),
            },
        ),
        # 4: admitted elsewhere, joined LS2 three years ago.
        person(
            4,
            "LS2",
            D(12, 6, 1),
            **{"Ngày chính thức": D(11, 6, 1), "Ngày vào chi bộ": D(3, 1, 1)},
        ),
        # 5: a probationary member admitted with the decision date only.
        person(5, "LS1", TODAY - dt.timedelta(days=60)),
    ]
    placements = [
        [ident(1), "LS2", D(10, 3, 15), D(5, 6, 1), "Kết nạp"],
        [ident(1), "LS1", D(5, 6, 1), None, "Chuyển sinh hoạt"],
    ]
    posts = [
        [ident(1), "Trưởng thôn", "Thôn Một", D(4, 1, 1), None],
        [ident(4), "Bí thư chi đoàn", None, D(2, 1, 1), D(1, 1, 1)],
    ]
    seats = [[ident(1), "LS1", "Bí thư", D(4, 1, 1), None]]
    return workbook(
        path,
        {
            "Đảng viên": (MEMBER_HEADERS, members),
            "Quá trình sinh hoạt": (
                ["Số CCCD", "Mã chi bộ", "Từ ngày", "Đến ngày", "Lý do đến"],
                placements,
            ),
            "Chức danh kiêm nhiệm": (
                ["Số CCCD", "Chức danh", "Thôn, tổ dân phố", "Từ ngày", "Đến ngày"],
                posts,
            ),
            "Cấp ủy": (["Số CCCD", "Mã tổ chức", "Chức vụ cấp ủy", "Từ ngày", "Đến ngày"], seats),
        },
    )


def events_of(n: int) -> list[tuple]:
    member = Member.objects.get(citizen_id=ident(n))
    return list(
        MemberEvent.objects.filter(member=member)
        .order_by("occurred_on", "id")
        .values_list("kind", "occurred_on", "organization__code", "other_organization__code")
    )


def placements_of(n: int) -> list[tuple]:
    member = Member.objects.get(citizen_id=ident(n))
    return list(
        Placement.objects.filter(member=member, kind=PlacementKind.OFFICIAL)
        .order_by("valid_from")
        .values_list("organization__code", "valid_from", "valid_to")
    )


def snapshot() -> dict[str, int]:
    return {
        "members": Member.objects.count(),
        "placements": Placement.objects.count(),
        "events": MemberEvent.objects.count(),
        "posts": MemberPost.objects.count(),
        "seats": CommitteeSeat.objects.count(),
    }


def test_history_workbook_writes_the_facts_the_services_write(tree, tmp_path):
    commune, b1, b2, one, two = tree
    run = run_import(history_file(tmp_path / "lich-su.xlsx"), org=commune)
    assert run.status == RunStatus.DONE, run.problems
    assert run.created == 5

    # 1: ADMITTED on the ceremony with the decision, RECOGNIZED, then one MOVED.
    assert placements_of(1) == [("LS2", D(10, 3, 15), D(5, 6, 1)), ("LS1", D(5, 6, 1), None)]
    assert events_of(1) == [
        (EventKind.ADMITTED, D(10, 3, 15), "LS2", None),
        (EventKind.RECOGNIZED, D(9, 3, 15), "LS2", None),
        (EventKind.MOVED, D(5, 6, 1), "LS2", "LS1"),
    ]
    admitted = MemberEvent.objects.get(member__citizen_id=ident(1), kind=EventKind.ADMITTED)
    assert (admitted.decision_number, admitted.decision_date, admitted.decision_body) == (
        "15-QĐ/ĐU",
        D(10, 3, 2),
        "Đảng ủy xã Lịch Sử",
    )
    recognized = MemberEvent.objects.get(member__citizen_id=ident(1), kind=EventKind.RECOGNIZED)
    assert recognized.decision_number == "40-QĐ/ĐU"
    first = Member.objects.get(citizen_id=ident(1))
    assert (first.admitted_on, first.recognized_on, first.status) == (
        D(10, 3, 2),
        D(9, 3, 15),
        Status.OFFICIAL,
    )
    assert (first.organization, first.org_path) == (b1, b1.path)

    # 2: struck off: status, placement closed and the event with its decision, that day.
    struck = Member.objects.get(citizen_id=ident(2))
    assert (struck.status, struck.status_since) == (Status.STRUCK_OFF, D(2, 5, 10))
    assert placements_of(2) == [("LS1", D(8, 5, 1), D(2, 5, 10))]
    assert [e[:2] for e in events_of(2)] == [
        (EventKind.ADMITTED, D(8, 5, 1)),
        (EventKind.RECOGNIZED, D(7, 5, 1)),
        (EventKind.STRUCK_OFF, D(2, 5, 10)),
    ]
    exit_event = MemberEvent.objects.get(member=struck, kind=EventKind.STRUCK_OFF)
    assert exit_event.decision_number == "88-QĐ/ĐU"
    assert exit_event.details["admitted_on"] == D(8, 5, 1).isoformat()

    # 3: deceased; 4: arrived from outside (no admission here); 5: probationary.
    assert Member.objects.get(citizen_id=ident(3)).status == Status.DECEASED
    assert placements_of(3) == [("LS2", D(20, 1, 5), D(1, 1, 20))]
    assert events_of(4) == [(EventKind.TRANSFERRED_IN, D(3, 1, 1), "LS2", None)]
    assert placements_of(4) == [("LS2", D(3, 1, 1), None)]
    fifth = Member.objects.get(citizen_id=ident(5))
    assert (fifth.status, fifth.status_since) == (Status.PROBATIONARY, fifth.admitted_on)
    assert events_of(5) == [(EventKind.ADMITTED, fifth.admitted_on, "LS1", None)]

    # Posts, the village head and the secretary's seat.
    post = MemberPost.objects.get(kind=PostKind.VILLAGE_HEAD)
    assert (post.member, post.locality, post.valid_from) == (first, one, D(4, 1, 1))
    one.refresh_from_db()
    assert one.head_member == first
    seat = CommitteeSeat.objects.get()
    assert (seat.member, seat.organization, seat.role) == (first, b1, "secretary")

    # The reports, on hand-counted values.
    removals = build_report("removals", Scope(commune, D(2, 12, 31), D(2, 1, 1)))
    assert removals.section("removals").value("removals.struck_off") == 1
    deaths = build_report("removals", Scope(commune, D(1, 12, 31), D(1, 1, 1)))
    assert deaths.section("removals").value("removals.deceased") == 1
    heads = build_report("localities", Scope(commune, TODAY, dt.date(Y, 1, 1)))
    section = heads.section("localities")
    assert (section.value("localities.head_member"), section.value("localities.total")) == (1, 2)
    assert section.value("localities.secretary_head") == 1


def test_importing_the_same_history_again_changes_nothing(tree, tmp_path):
    commune = tree[0]
    path = history_file(tmp_path / "lich-su.xlsx")
    assert run_import(path, org=commune).status == RunStatus.DONE
    before = snapshot()
    again = run_import(path, org=commune)
    assert again.status == RunStatus.DONE, again.problems
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert snapshot() == before


def _problems(run) -> list[tuple[int, str, str]]:
    return [(p["row"], p["column"], p["message"]) for p in run.problems if p["severity"] == "error"]


def test_refusals_name_row_and_column_and_write_nothing(tree, tmp_path):
    commune = tree[0]
    members = [
        person(1, "LS1", D(10, 3, 2), **{"Ngày chính thức": D(9, 3, 2)}),
        # exit before the admission
        person(
            2,
            "LS1",
            D(8, 5, 1),
            **{"Hình thức ra khỏi Đảng": "Khai trừ", "Ngày ra khỏi Đảng": D(9, 5, 1)},
        ),
    ]
    path = workbook(
        tmp_path / "sai.xlsx",
        {
            "Đảng viên": (MEMBER_HEADERS, members),
            "Quá trình sinh hoạt": (
                ["Số CCCD", "Mã chi bộ", "Từ ngày", "Đến ngày"],
                [
                    [ident(1), "LS2", D(10, 3, 2), D(6, 1, 1)],
                    [ident(1), "LS1", D(7, 1, 1), None],  # overlaps the row above
                ],
            ),
            "Cấp ủy": (
                ["Số CCCD", "Mã tổ chức", "Chức vụ cấp ủy", "Từ ngày"],
                [[ident(99), "LS1", "Bí thư", D(4, 1, 1)]],  # nobody has this CCCD
            ),
        },
    )
    run = run_import(path, org=commune)
    assert run.status == RunStatus.INVALID
    problems = _problems(run)
    assert (3, "Ngày ra khỏi Đảng") in [p[:2] for p in problems]
    assert (3, "Quá trình sinh hoạt: Từ ngày") in [p[:2] for p in problems]
    assert (2, "Cấp ủy: Số CCCD") in [p[:2] for p in problems], problems
    assert snapshot() == {"members": 0, "placements": 0, "events": 0, "posts": 0, "seats": 0}


def test_the_cli_imports_the_whole_history_in_one_run(tree, tmp_path):
    import io

    from django.core.management import call_command

    commune = tree[0]
    out = io.StringIO()
    path = history_file(tmp_path / "lich-su.xlsx")
    call_command("import", "members", str(path), "--org", commune.code, stdout=out)
    lines = out.getvalue().splitlines()
    # placement histories, posts, village heads, seats, disciplines, attendance, levels, known
    numbers = [int(n) for n in re.findall(r"\d+", lines[-1])]
    assert numbers == [1, 2, 1, 1, 0, 0, 0, 0], lines
    assert snapshot() == {"members": 5, "placements": 6, "events": 11, "posts": 2, "seats": 1}


def test_members_imported_before_the_events_get_them_on_the_next_import(tree, tmp_path):
    """The "kết nạp được 0 đảng viên" bug: members an older import wrote with a placement and
    no event get their ADMITTED and RECOGNIZED events when the file is imported again."""
    from dangvu.members.services import prepare_member

    commune, b1 = tree[0], tree[1]
    old = prepare_member(
        {
            "full_name": "Đảng Viên Lịch Sử 1",
            "birth_date": dt.date(1980, 1, 1),
            "gender": "male",
            "admitted_on": D(10, 3, 2),
            "recognized_on": D(9, 3, 2),
            "status": Status.OFFICIAL,
            "citizen_id": ident(1),
            "organization": b1,
        }
    )
    old.save()
    Placement.objects.create(member=old, organization=b1, valid_from=D(10, 3, 2))
    rows = [person(1, "LS1", D(10, 3, 2), **{"Ngày chính thức": D(9, 3, 2)})]
    path = workbook(tmp_path / "cu.xlsx", {"Đảng viên": (MEMBER_HEADERS, rows)})
    run = run_import(path, org=commune)
    assert (run.status, run.unchanged) == (RunStatus.DONE, 1), run.problems
    assert events_of(1) == [
        (EventKind.ADMITTED, D(10, 3, 2), "LS1", None),
        (EventKind.RECOGNIZED, D(9, 3, 2), "LS1", None),
    ]
    again = run_import(path, org=commune)
    assert again.status == RunStatus.DONE
    assert MemberEvent.objects.count() == 2


def test_the_imported_history_balances_year_by_year(tree, tmp_path):
    """start + admitted + arrived + restored − exits = end, every boundary explained by its
    event (members.reporting.balance), over each year of the imported history."""
    from dangvu.members.reporting import balance

    commune = tree[0]
    assert run_import(history_file(tmp_path / "lich-su.xlsx"), org=commune).status == "done"
    flows = {}
    for years_ago in range(11, -1, -1):
        start, end = dt.date(Y - years_ago, 1, 1), min(dt.date(Y - years_ago, 12, 31), TODAY)
        result = balance.balance(Scope(commune, end, start))
        assert result.unexplained == 0, years_ago
        ins = sum(result.flows[k] for k in balance.INCREASES)
        outs = sum(result.flows[k] for k in balance.DECREASES)
        assert result.start + ins - outs == result.end, years_ago
        flows[years_ago] = {k: n for k, n in result.flows.items() if n}
    # member 5 was admitted 60 days ago: this year, or last year early in January
    fifth = Y - (TODAY - dt.timedelta(days=60)).year
    assert flows[10] == {"admitted": 1}
    assert flows[8] == {"admitted": 1}
    assert flows[3] == {"arrived": 1}
    assert flows[2] == {"struck_off": 1}
    assert flows[1] == ({"deceased": 1, "admitted": 1} if fifth == 1 else {"deceased": 1})
    assert flows[0] == ({"admitted": 1} if fifth == 0 else {})
    assert flows[5] == {}  # a move between two branches of the commune is not counted
    assert result.end == 3


def test_a_former_member_is_matched_again_but_not_moved(tree, tmp_path):
    commune = tree[0]
    assert run_import(history_file(tmp_path / "a.xlsx"), org=commune).status == "done"
    exit_columns = {
        "Hình thức ra khỏi Đảng": "Xóa tên",
        "Ngày ra khỏi Đảng": D(2, 5, 10),
        "Ngày chính thức": D(7, 5, 1),
    }
    moved = [person(2, "LS2", D(8, 5, 1), **exit_columns)]
    path = workbook(tmp_path / "b.xlsx", {"Đảng viên": (MEMBER_HEADERS, moved)})
    before = snapshot()
    run = run_import(path, org=commune)
    assert run.status == RunStatus.INVALID
    assert [(p["row"], p["column"]) for p in run.problems if p["severity"] == "error"] == [
        (2, "Chi bộ")
    ]
    assert snapshot() == before
    same = [person(2, "LS1", D(8, 5, 1), **exit_columns)]
    path = workbook(tmp_path / "c.xlsx", {"Đảng viên": (MEMBER_HEADERS, same)})
    again = run_import(path, org=commune)
    assert (again.status, again.unchanged) == (RunStatus.DONE, 1), again.problems
    assert snapshot() == before


def test_the_dashboards_of_past_years_count_the_imported_history(tree, tmp_path):
    """Issue 12's first defect ("kết nạp được 0 đảng viên … công nhận 0"): the dashboards of the
    history's years, counted by hand from history_file()."""
    commune = tree[0]
    run = run_import(history_file(tmp_path / "lich-su.xlsx"), org=commune)
    assert run.status == RunStatus.DONE, run.problems

    def dashboard(years_ago: int):
        year = Y - years_ago
        on = min(dt.date(year, 12, 31), TODAY)
        report = build_report("dashboard", Scope(commune, on, dt.date(year, 1, 1)))
        return {
            key: report.section(key.split(".")[0]).value(key)
            for key in (
                "development.admitted",
                "development.recognized",
                "removals.struck_off",
                "removals.deceased",
                "balance.start",
                "balance.arrived",
                "balance.end",
                "members.total",
            )
        }

    # Ten years ago member 1 was admitted (ceremony 15/3), nine years ago recognized.
    assert dashboard(10)["development.admitted"] == 1
    assert dashboard(9)["development.recognized"] == 1
    # Three years ago member 4 arrived in LS2; two years ago member 2 was struck off.
    three = dashboard(3)
    assert three["balance.arrived"] == 1 and three["balance.end"] == three["balance.start"] + 1
    two = dashboard(2)
    assert (two["removals.struck_off"], two["balance.start"], two["balance.end"]) == (1, 4, 3)
    # Last year member 3 died: 1 and 4 remain (member 5 was admitted 60 days ago).
    fifth_year = (TODAY - dt.timedelta(days=60)).year
    last = dashboard(1)
    assert last["removals.deceased"] == 1
    assert last["balance.end"] == last["members.total"] == 2 + (fifth_year == Y - 1)
    assert last["development.admitted"] == (fifth_year == Y - 1)
    this = dashboard(0)
    assert this["development.admitted"] == (fifth_year == Y)
    assert this["members.total"] == this["balance.end"] == 3
