"""The periodic statistics forms of HD 11-HD/BTCTW (rules-next.md §15), for any organization and
reporting period: `build_form("form-1", organization, period)` gives a `FormTable`, written as
xlsx by `write_xlsx` and as PDF by `form_pdf` (layout.py). One module per form."""

from __future__ import annotations

from collections.abc import Callable

from . import form1, form2, form3, form4, form5, form6, form7
from .layout import NO_DATA, FormTable, form_pdf, write_xlsx
from .periods import Period, parse_period, period_choices

# key -> (title as the reports page lists it, builder)
FORMS: dict[str, tuple[str, Callable[..., FormTable]]] = {
    "form-1": ("Biểu 1-BTCTW: Thống kê tăng, giảm đảng viên", form1.build),
    "form-2": ("Biểu 2-BTCTW: Thống kê đảng viên mới kết nạp", form2.build),
    "form-3": ("Biểu 3-BTCTW: Thống kê đội ngũ đảng viên", form3.build),
    "form-4": ("Biểu 4-BTCTW: Đảng viên chia theo dân tộc và tôn giáo", form4.build),
    "form-5": ("Biểu 5-BTCTW: Tổ chức đảng và đảng viên trong các loại hình cơ sở", form5.build),
    "form-6": ("Biểu 6-BTCTW: Kết quả đánh giá, xếp loại chất lượng", form6.build),
    "form-7": ("Biểu 7-BTCTW: Thống kê về nghiệp vụ công tác đảng viên", form7.build),
}


def build_form(key: str, organization, period: Period) -> FormTable:
    return FORMS[key][1](organization, period)


__all__ = [
    "FORMS",
    "NO_DATA",
    "FormTable",
    "Period",
    "build_form",
    "form_pdf",
    "parse_period",
    "period_choices",
    "write_xlsx",
]
