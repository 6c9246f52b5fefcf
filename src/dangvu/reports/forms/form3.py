"""Form 3-BTCTW (3A), the membership at the end of the period (R15.6): the members on the
unit's roll at the cut-off date (the same list as form 1's D), by sex, ethnicity, religion,
occupation, age, admission era, education, professional level, academic title and political
theory, this period against the same date last year; one aggregate query per date."""

from __future__ import annotations

from django.db.models import Q

from .breakdown import (
    Line,
    ages,
    conditions,
    education,
    eras,
    occupation,
    occupation_q,
    professional,
    rows_for,
    theory,
    titles,
)
from .conf import value as setting
from .layout import FormTable, Row, compare_columns, compared
from .periods import Period
from .records import age_aggregates, counts, field_default, mean_age_from, roll_at_end, scope_for

MEMBER = "members.Member"


def lines(on) -> list[Line]:
    probationary = Q(recognized_on__isnull=True) | Q(recognized_on__gt=on)
    return [
        Line("total", "I", "Tổng số đảng viên có trong danh sách đến cuối kỳ", Q(), 0, True),
        Line("women", "-", "Trong đó: đảng viên nữ", Q(gender=setting("female"))),
        Line("probationary", "-", "Đảng viên dự bị", probationary),
        Line(
            "minority",
            "-",
            "Đảng viên là người dân tộc thiểu số",
            ~Q(ethnicity=field_default(MEMBER, "ethnicity")),
        ),
        Line(
            "religious",
            "-",
            "Đảng viên theo tôn giáo",
            ~Q(religion=field_default(MEMBER, "religion")),
        ),
        Line("youth", "-", "Đảng viên là đoàn viên thanh niên", None),
        Line("owner", "-", "Đảng viên là chủ doanh nghiệp tư nhân", None),
        Line("foreign_spouse", "-", "Đảng viên có vợ, chồng là người nước ngoài", None),
        Line("analysis", "II", "Phân tích", None, 0, True, heading=True),
        *occupation(retired_rows=True),
        Line(
            "occ_exempt",
            "",
            "Trong đó: được miễn công tác và sinh hoạt đảng",
            Q(exempt_since__isnull=False, exempt_since__lte=on)
            & (occupation_q("retired") or Q(pk__in=[])),
            2,
        ),
        *ages("2", on),
        *eras("3"),
        *education("4"),
        *professional("5"),
        *titles("6"),
        *theory("7"),
    ]


def build(organization, period: Period) -> FormTable:
    last_period = period.last_year()
    this_scope, last_scope = scope_for(organization, period), scope_for(organization, last_period)
    this_lines, last_lines = lines(period.on), lines(last_period.on)
    this_roll, last_roll = roll_at_end(this_scope), roll_at_end(last_scope)
    this = counts(this_roll, conditions(this_lines), **age_aggregates(period.on))
    last = counts(last_roll, conditions(last_lines), **age_aggregates(last_period.on))
    rows = rows_for(this_lines, this, last)
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
    return FormTable(
        key="form-3",
        code="3-BTCTW",
        title="THỐNG KÊ ĐỘI NGŨ ĐẢNG VIÊN",
        organization=organization,
        period=period,
        columns=compare_columns(),
        rows=rows,
        notes=[
            f"Đảng viên có trong danh sách đến ngày {period.on:%d/%m/%Y}; tuổi tính đến ngày này; "
            "thời kỳ kết nạp theo ngày quyết định kết nạp.",
            f"Ô ghi “{setting('no_data')}”: hồ sơ đảng viên chưa có trường thông tin này; "
            "dòng trong ngoặc đơn là số liệu hồ sơ có nhưng chưa tách theo mẫu.",
        ],
    )
