"""Form 4 (2B/3B-BTCTW), members by ethnic group and by religion (R15.7): TT | name | members
at the end of the period: total, of which women, share (%) | newly admitted in the period:
total, of which women, share (%). Section I lists ethnic groups, section II religions; only
rows with members appear; a share is over the form's total and printed only when the row is
non-zero. Two GROUP BY queries per list (the roll at the end, the admitted)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from .conf import value as setting
from .layout import Column, FormTable, Row
from .periods import Period
from .records import admitted, field_choices, field_default, roll_at_end, scope_for

MEMBER = "members.Member"


def _share(n: int, total: int) -> float | None:
    return round(n * 100 / total, 2) if n and total else None


def _grouped(queryset: QuerySet, field: str) -> dict[str, tuple[int, int]]:
    female = Q(gender=setting("female"))
    rows = queryset.values(field).annotate(n=Count("id"), women=Count("id", filter=female))
    return {row[field]: (row["n"], row["women"]) for row in rows.order_by()}


def build(organization, period: Period) -> FormTable:
    scope = scope_for(organization, period)
    roll, new = roll_at_end(scope), admitted(scope)
    totals = [roll.count(), new.count()]
    rows: list[Row] = []
    none_religion = field_default(MEMBER, "religion")
    # The form is a Vietnamese paper whatever the reader's language: the choices' labels
    # (religions are English msgids) are read in Vietnamese.
    with translation.override("vi"):
        ethnic = [(v, str(label)) for v, label in field_choices(MEMBER, "ethnicity")]
        faiths = [
            (v, str(label)) for v, label in field_choices(MEMBER, "religion") if v != none_religion
        ]
    sections = (("I", "Dân tộc", "ethnicity", ethnic), ("II", "Tôn giáo", "religion", faiths))
    for number, title, field, choices in sections:
        stock, flow = _grouped(roll, field), _grouped(new, field)
        if field == "religion":
            stock.pop(none_religion, None)
            flow.pop(none_religion, None)
        labels = dict(choices)
        # The national list's order (Kinh first; religions as the field lists them), then any
        # value the list does not know.
        order = [v for v, _label in choices] + sorted((set(stock) | set(flow)) - set(labels))
        section_total = [sum(n for n, _w in stock.values()), sum(n for n, _w in flow.values())]
        section_women = [sum(w for _n, w in stock.values()), sum(w for _n, w in flow.values())]
        rows.append(
            Row(
                number,
                title,
                [
                    section_total[0],
                    section_women[0],
                    _share(section_total[0], totals[0]),
                    section_total[1],
                    section_women[1],
                    _share(section_total[1], totals[1]),
                ],
                0,
                True,
                key=field,
            )
        )
        i = 0
        for value in order:
            n, w = stock.get(value, (0, 0))
            fn, fw = flow.get(value, (0, 0))
            if not n and not fn:
                continue
            i += 1
            rows.append(
                Row(
                    str(i),
                    labels.get(value, value),
                    [n, w, _share(n, totals[0]), fn, fw, _share(fn, totals[1])],
                    1,
                    key=f"{field}:{value}",
                )
            )
    group_stock = f"Đảng viên đến ngày {period.on:%d/%m/%Y}"
    group_new = "Đảng viên mới kết nạp trong kỳ"
    return FormTable(
        key="form-4",
        code="4-BTCTW",
        title="ĐẢNG VIÊN CHIA THEO DÂN TỘC VÀ TÔN GIÁO",
        organization=organization,
        period=period,
        label_header="Tên dân tộc, tôn giáo",
        columns=[
            Column("Tổng số", group_stock, 11, number="2"),
            Column("Trong đó: nữ", group_stock, 11, number="3"),
            Column("Tỷ lệ (%)", group_stock, 11, kind="percent", number="4"),
            Column("Tổng số", group_new, 11, number="5"),
            Column("Trong đó: nữ", group_new, 11, number="6"),
            Column("Tỷ lệ (%)", group_new, 11, kind="percent", number="7"),
        ],
        rows=rows,
        notes=[
            f"Tổng số đảng viên: {totals[0]}; đảng viên mới kết nạp trong kỳ: {totals[1]}. "
            "Tỷ lệ tính trên tổng số của biểu; chỉ ghi các dân tộc, tôn giáo có đảng viên.",
            "Số hiệu biểu (2B/3B hay 4-BTCTW) chưa thống nhất giữa các nguồn (R15.2).",
        ],
    )
