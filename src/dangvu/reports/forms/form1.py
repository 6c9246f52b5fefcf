"""Form 1-BTCTW, increase and decrease of party members (R15.4), from the members app's
balance (members/reporting/balance.py, found through the registry): nothing is recounted here.
D = A + ΣB − ΣC holds by construction; a form whose terms do not reconcile is refused (§18.13)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..queries.base import Section
from .layout import NO_DATA, FormTable, Row, compare_columns, compared
from .periods import Period
from .records import balance, scope_for

INCREASES = ("admitted", "arrived", "restored")
DECREASES = ("deceased", "expelled", "struck_off", "not_recognized", "left", "departed")


def terms(section: Section) -> dict[str, int]:
    """The terms of the form from the balance section's figures."""
    v = {key.removeprefix("balance."): f.value for f in section.figures for key in [f.key]}
    return {
        "A": v["start"],
        "B": sum(v[k] for k in INCREASES),
        "B1": v["admitted"],
        "B1r": v["readmitted"],
        "B2": v["arrived"],
        "B3": v["restored"],
        "C": sum(v[k] for k in DECREASES),
        "C1": v["deceased"],
        "C2": v["expelled"],
        # Xóa tên: struck off, and probationary members not recognized (R2.11, xóa tên).
        "C3": v["struck_off"] + v["not_recognized"],
        "C3p": v["probationary_struck_off"] + v["probationary_not_recognized"],
        "C4": v["left"],
        "C5": v["departed"],
        "D": v["end"],
    }


def reconciles(t: dict[str, int]) -> bool:
    return t["D"] == t["A"] + t["B"] - t["C"]


def build(organization, period: Period) -> FormTable:
    this = terms(balance(scope_for(organization, period)))
    last = terms(balance(scope_for(organization, period.last_year())))
    for t in (this, last):
        if not reconciles(t):
            raise ValidationError(
                {
                    "period": _(
                        "The figures do not reconcile: at the end %(end)s, but the start plus "
                        "increases minus decreases gives %(computed)s. Check the membership "
                        "records (dangvu check_balance) before reporting."
                    )
                    % {"end": t["D"], "computed": t["A"] + t["B"] - t["C"]}
                }
            )

    def row(number, label, key, level=0, bold=False):
        values = compared(this[key], last[key]) if key in this else [NO_DATA] * 3
        return Row(number, label, values, level, bold, key=key)

    rows = [
        row("A", "Đảng viên có trong danh sách đến cuối kỳ báo cáo trước", "A", bold=True),
        row("B", "Đảng viên tăng trong kỳ", "B", bold=True),
        row("1", "Kết nạp", "B1", 1),
        row("", "Trong đó: kết nạp lại", "B1r", 2),
        row("2", "Chuyển đến", "B2", 1),
        # The balance counts arrivals as one term; where they came from is not kept with it.
        row("a", "Từ tỉnh, thành phố khác", "B2a", 2),
        row("b", "Từ đảng bộ cấp xã khác trong tỉnh", "B2b", 2),
        row("3", "Phục hồi đảng tịch", "B3", 1),
        row("C", "Đảng viên giảm trong kỳ", "C", bold=True),
        row("1", "Từ trần", "C1", 1),
        row("2", "Khai trừ", "C2", 1),
        row("3", "Xóa tên", "C3", 1),
        row("", "Trong đó: đảng viên dự bị", "C3p", 2),
        row("4", "Xin ra khỏi Đảng", "C4", 1),
        row("5", "Chuyển đi", "C5", 1),
        row("a", "Đến tỉnh, thành phố khác", "C5a", 2),
        row("b", "Đến đảng bộ cấp xã khác trong tỉnh", "C5b", 2),
        row(
            "D", "Đảng viên có trong danh sách đến cuối kỳ báo cáo (D = A + B − C)", "D", bold=True
        ),
    ]
    return FormTable(
        key="form-1",
        code="1-BTCTW",
        title="THỐNG KÊ TĂNG, GIẢM ĐẢNG VIÊN",
        organization=organization,
        period=period,
        columns=compare_columns(),
        rows=rows,
        notes=[
            "Kiểm tra: D = A + B − C: "
            f"{this['A']} + {this['B']} − {this['C']} = {this['D']} (khớp).",
            "Chuyển đến, chuyển đi trong nội bộ đơn vị báo cáo không tính (R15.4).",
        ],
    )
