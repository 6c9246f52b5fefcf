"""Form 2-BTCTW (2A), the members newly admitted in the period (R15.5): those the period
brought onto the roll by admission or re-admission (form 1's B1, the members app's list behind
it), by the same breakdowns as form 3, and the grassroots organizations at the period's end."""

from __future__ import annotations

from django.db.models import Q

from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization

from .breakdown import Line, ages, conditions, education, occupation, professional, rows_for, titles
from .conf import value as setting
from .layout import NO_DATA, FormTable, Row, compare_columns, compared
from .periods import Period
from .records import (
    admitted,
    age_aggregates,
    balance,
    counts,
    field_default,
    mean_age_from,
    model,
    scope_for,
)

MEMBER = "members.Member"


def lines(on) -> list[Line]:
    return [
        Line("total", "I", "Tổng số đảng viên mới kết nạp", Q(), 0, True),
        Line("women", "-", "Trong đó: nữ", Q(gender=setting("female"))),
        Line(
            "minority",
            "-",
            "Người dân tộc thiểu số",
            ~Q(ethnicity=field_default(MEMBER, "ethnicity")),
        ),
        Line("youth", "-", "Đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh", None),
        Line("owner", "-", "Chủ doanh nghiệp tư nhân", None),
        Line("family_planning", "-", "Quần chúng vi phạm chính sách kế hoạch hóa gia đình", None),
        Line("foreign_spouse", "-", "Có vợ, chồng là người nước ngoài", None),
        Line("analysis", "II", "Phân tích", None, 0, True, heading=True),
        *occupation(retired_rows=False),
        *ages("2", on),
        *education("3"),
        *professional("4"),
        *titles("5"),
    ]


def grassroots(scope, kind: str) -> tuple[int, int]:
    """Grassroots organizations of `kind` in the unit at the cut-off date, and how many of them
    admitted members in the period (an admission placed in their subtree). The branches that
    admitted are read once per scope; the match walks organizations' paths, not members."""
    steps = Organization.steplen
    admitted_in = scope.remember("forms.admitted_paths", lambda: _admitted_prefixes(scope, steps))
    paths = list(
        Organization.objects.filter(pk__in=scope.org_ids(kinds=(kind,))).values_list(
            "path", flat=True
        )
    )
    return len(paths), sum(1 for path in paths if path in admitted_in)


def _admitted_prefixes(scope, steps: int) -> set[str]:
    """Every ancestor path (and own path) of the organizations where the period's admissions
    opened a placement."""
    Placement = model("members.Placement")
    paths = (
        Placement.objects.filter(
            member_id__in=admitted(scope).values("pk"),
            valid_from__gte=scope.start,
            valid_from__lte=scope.on,
        )
        .values_list("organization__path", flat=True)
        .distinct()
    )
    return {path[:n] for path in paths for n in range(steps, len(path) + 1, steps)}


def build(organization, period: Period) -> FormTable:
    last_period = period.last_year()
    this_scope, last_scope = scope_for(organization, period), scope_for(organization, last_period)
    this_lines, last_lines = lines(period.on), lines(last_period.on)
    this_rows, last_rows = admitted(this_scope), admitted(last_scope)
    this = counts(this_rows, conditions(this_lines), **age_aggregates(period.on))
    last = counts(last_rows, conditions(last_lines), **age_aggregates(last_period.on))
    rows = rows_for(this_lines, this, last)
    readmitted = [balance(s).value("balance.readmitted") for s in (this_scope, last_scope)]
    at = next(i for i, r in enumerate(rows) if r.key == "foreign_spouse") + 1
    rows.insert(at, Row("-", "Kết nạp lại", compared(*readmitted), 1, key="readmitted"))
    age_at = next(i for i, r in enumerate(rows) if r.key == "age_over") + 1
    rows.insert(
        age_at,
        Row(
            "-",
            "Tuổi bình quân",
            compared(mean_age_from(this, period.on), mean_age_from(last, last_period.on)),
            1,
            key="age_mean",
        ),
    )
    rows.append(Row("III", "Tổ chức cơ sở đảng đến cuối kỳ", [None] * 3, 0, True, key="orgs"))
    for key, number, label, kind in (
        ("base_committee", "1", "Đảng bộ cơ sở", Kind.BASE_COMMITTEE),
        ("base_branch", "2", "Chi bộ cơ sở", Kind.BASE_BRANCH),
    ):
        this_n, this_took = grassroots(this_scope, kind)
        last_n, last_took = grassroots(last_scope, kind)
        rows += [
            Row(number, label, compared(this_n, last_n), 1, True, key=key),
            Row(
                "-",
                "Trong đó: có kết nạp đảng viên trong kỳ",
                compared(this_took, last_took),
                2,
                key=f"{key}_admitted",
            ),
            # Whether candidates remain is the admissions workflow's, not kept by period.
            Row("-", "Không còn quần chúng", [NO_DATA] * 3, 2, key=f"{key}_no_candidates"),
        ]
    return FormTable(
        key="form-2",
        code="2-BTCTW",
        title="THỐNG KÊ ĐẢNG VIÊN MỚI KẾT NẠP",
        organization=organization,
        period=period,
        columns=compare_columns(),
        rows=rows,
        notes=[
            "Đảng viên mới kết nạp: vào danh sách đảng viên của đơn vị trong kỳ do kết nạp "
            "hoặc kết nạp lại (bằng số dòng B.1 của Biểu 1-BTCTW); tuổi tính đến cuối kỳ.",
            f"Ô ghi “{setting('no_data')}”: hồ sơ chưa có trường thông tin này.",
        ],
    )
