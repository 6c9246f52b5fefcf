"""The breakdowns forms 2-BTCTW and 3-BTCTW share (R15.5, R15.6): occupation, age bands,
admission era, general education, professional level, academic title, political theory. Each
row is a condition on Member, or None when the member file does not hold the field (the row
then shows "chưa có dữ liệu"); all conditions of a form are counted in one query."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from .conf import value as setting
from .layout import NO_DATA, Row, compared
from .records import age_q


@dataclass(frozen=True)
class Line:
    key: str
    number: str
    label: str
    q: Q | None  # None: no record holds it
    level: int = 1
    bold: bool = False
    heading: bool = False  # a group title: no figure of its own


def _values(table: str, key: str, field: str) -> Q | None:
    values = setting(table).get(key)
    return Q(**{f"{field}__in": values}) if values else None


def occupation_q(key: str) -> Q | None:
    return _values("occupation_rows", key, "occupation")


def occupation(retired_rows: bool) -> list[Line]:
    occ = occupation_q

    retired = occ("retired") or Q(pk__in=[])
    lines = [
        Line("occ", "1", "Nghề nghiệp", None, 0, True, heading=True),
    ]
    if retired_rows:
        lines.append(Line("occ_working", "a", "Đang công tác, làm việc", ~retired, 1, True))
    lines += [
        Line("occ_state", "-", "Cán bộ, công chức nhà nước từ cấp huyện trở lên", None, 2),
        Line("occ_party", "-", "Cán bộ Đảng, Mặt trận, đoàn thể từ cấp huyện trở lên", None, 2),
        Line(
            "occ_commune",
            "-",
            "Cán bộ, công chức cấp xã và người hoạt động không chuyên trách cấp xã",
            None,
            2,
        ),
        Line(
            "occ_village",
            "-",
            "Người hoạt động không chuyên trách ở thôn, tổ dân phố",
            None,
            2,
        ),
        Line(
            "occ_civil_any",
            "",
            "(Cán bộ, công chức chưa phân theo cấp)",
            occ("civil_servant_any"),
            3,
        ),
        Line("occ_public", "-", "Viên chức", occ("public_employee"), 2),
        Line(
            "occ_nonpublic",
            "-",
            "Người lao động trong đơn vị sự nghiệp ngoài công lập",
            None,
            2,
        ),
        Line("occ_ent_manager", "-", "Doanh nghiệp: cán bộ quản lý", None, 2),
        Line("occ_ent_indirect", "-", "Doanh nghiệp: lao động gián tiếp", None, 2),
        Line("occ_ent_direct", "-", "Doanh nghiệp: lao động trực tiếp", None, 2),
        Line(
            "occ_ent_any",
            "",
            "(Làm việc trong doanh nghiệp, chưa phân loại)",
            occ("enterprise_any"),
            3,
        ),
        Line("occ_farmer", "-", "Nông dân, lâm nghiệp, ngư nghiệp", occ("farmer"), 2),
        Line("occ_armed", "-", "Lực lượng vũ trang", occ("armed_forces"), 2),
        Line("occ_university", "-", "Sinh viên", None, 2),
        Line("occ_pupil", "-", "Học sinh", None, 2),
        Line("occ_student_any", "", "(Sinh viên, học sinh chưa phân loại)", occ("student_any"), 3),
        Line("occ_other", "-", "Khác", occ("other"), 2),
    ]
    if retired_rows:
        lines += [
            Line("occ_retired", "b", "Nghỉ hưu, nghỉ công tác", retired, 1, True),
        ]
    return lines


AGE_BANDS = [
    ("age_30", "Từ 18 đến 30 tuổi", None, 30),
    ("age_35", "Từ 31 đến 35 tuổi", 31, 35),
    ("age_40", "Từ 36 đến 40 tuổi", 36, 40),
    ("age_45", "Từ 41 đến 45 tuổi", 41, 45),
    ("age_50", "Từ 46 đến 50 tuổi", 46, 50),
    ("age_55", "Từ 51 đến 55 tuổi", 51, 55),
    ("age_60", "Từ 56 đến 60 tuổi", 56, 60),
    ("age_over", "Trên 60 tuổi", 61, None),
]


def ages(number: str, on: dt.date) -> list[Line]:
    """R15.5 age bands, the age in whole years on the cut-off date (R15.6)."""
    lines = [Line("age", number, "Tuổi đời", None, 0, True, heading=True)]
    for key, label, low, high in AGE_BANDS:
        lines.append(Line(key, "-", label, age_q(low, high, on)))
    return lines


ERAS = [
    ("era_1945", "Trước ngày 19/8/1945", None, dt.date(1945, 8, 19)),
    ("era_1954", "Từ 19/8/1945 đến 20/7/1954", dt.date(1945, 8, 19), dt.date(1954, 7, 21)),
    ("era_1975", "Từ 21/7/1954 đến 30/4/1975", dt.date(1954, 7, 21), dt.date(1975, 5, 1)),
    ("era_after", "Từ 01/5/1975 đến nay", dt.date(1975, 5, 1), None),
]


def eras(number: str) -> list[Line]:
    """R15.6: by the date of the admission decision (R2.13)."""
    lines = [Line("era", number, "Thời kỳ kết nạp vào Đảng", None, 0, True, heading=True)]
    for key, label, first, before in ERAS:
        q = Q()
        if first:
            q &= Q(admitted_on__gte=first)
        if before:
            q &= Q(admitted_on__lt=before)
        lines.append(Line(key, "-", label, q))
    return lines


def education(number: str) -> list[Line]:
    rows = setting("education_rows")
    known = [v for values in rows.values() for v in values]
    return [
        Line("edu", number, "Trình độ giáo dục phổ thông", None, 0, True, heading=True),
        Line("edu_literate", "-", "Biết đọc, biết viết", None),
        Line("edu_primary", "-", "Tiểu học", Q(general_education__in=rows["primary"])),
        Line("edu_lower", "-", "Trung học cơ sở", Q(general_education__in=rows["lower"])),
        Line("edu_upper", "-", "Trung học phổ thông", Q(general_education__in=rows["upper"])),
        Line("edu_unknown", "", "(Chưa ghi hoặc ghi không rõ)", ~Q(general_education__in=known), 3),
    ]


def professional(number: str) -> list[Line]:
    def pro(key: str) -> Q | None:
        return _values("professional_rows", key, "professional_level")

    return [
        Line("pro", number, "Trình độ chuyên môn, nghiệp vụ", None, 0, True, heading=True),
        Line("pro_elementary", "-", "Công nhân kỹ thuật, sơ cấp", None),
        Line("pro_intermediate", "-", "Trung cấp", None),
        Line(
            "pro_vocational_any",
            "",
            "(Sơ cấp, trung cấp, công nhân kỹ thuật chưa phân loại)",
            pro("vocational_any"),
            3,
        ),
        Line("pro_college", "-", "Cao đẳng", pro("college")),
        Line("pro_university", "-", "Đại học", pro("university")),
        Line("pro_master", "-", "Thạc sĩ", pro("master")),
        Line("pro_doctor", "-", "Tiến sĩ", pro("doctor")),
    ]


def titles(number: str) -> list[Line]:
    return [
        Line("title", number, "Học hàm", None, 0, True, heading=True),
        Line("title_pgs", "-", "Phó giáo sư", None),
        Line("title_gs", "-", "Giáo sư", None),
    ]


def theory(number: str) -> list[Line]:
    def th(key: str) -> Q | None:
        return _values("theory_rows", key, "theory_level")

    return [
        Line("theory", number, "Trình độ lý luận chính trị", None, 0, True, heading=True),
        Line("theory_primary", "-", "Sơ cấp", th("primary")),
        Line("theory_intermediate", "-", "Trung cấp", th("intermediate")),
        Line("theory_advanced", "-", "Cao cấp, cử nhân", th("advanced")),
    ]


def rows_for(lines: list[Line], this: dict, last: dict) -> list[Row]:
    """The form rows of `lines` from two `counts()` results (this period, last year)."""
    out = []
    for line in lines:
        if line.heading:
            values = [None, None, None]
        elif line.q is None:
            values = [NO_DATA] * 3
        else:
            values = compared(this[line.key], last[line.key])
        out.append(Row(line.number, line.label, values, line.level, line.bold, key=line.key))
    return out


def conditions(lines: list[Line]) -> dict[str, Q]:
    return {line.key: line.q for line in lines if line.q is not None}
