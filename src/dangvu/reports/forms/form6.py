"""Form 6-BTCTW, the results of the year's evaluation and rating (R15.9): the 6A/6B equivalents
with the four levels of R4.2, for grassroots organizations, branches under them and members.
HD 11's own layout of 6A–6E was not seen [U]: this is the 2012-era layout (7A/7B-TCTW) with
today's levels. The levels are the evaluations app's own figures (its "evaluations" report
section, found through the registry: decided rows of the year known by the cut-off date);
members not rated are read from its records by model label. The review form 6F (kiểm điểm)
has no records in dangvu: its rows read "chưa có dữ liệu"."""

from __future__ import annotations

from dangvu.core.scope import subtree_q

from ..queries import sections
from .conf import value as setting
from .layout import NO_DATA, Column, FormTable, Row
from .periods import Period
from .records import field_choices, model, scope_for

GROUPS = ("grassroots", "branches", "members")


def _share(n, total):
    return round(n * 100 / total, 2) if isinstance(n, int) and n and total else None


def build(organization, period: Period) -> FormTable:
    scope = scope_for(organization, period)
    section = sections()["evaluations"](scope)
    ratings = [value for value, _label in field_choices("evaluations.MemberEvaluation", "rating")]
    labels = setting("rating_labels")
    totals = {g: section.value(f"evaluations.{g}.total") for g in GROUPS}
    not_rated = (
        model("evaluations.MemberEvaluation")
        .objects.filter(subtree_q("org_path", organization.path), year=scope.year, excluded=True)
        .count()
    )

    def pair(group: str, n):
        return [n, _share(n, totals[group])]

    def row(key, number, label, per_group, level=1, bold=False):
        values = []
        for group in GROUPS:
            values += pair(group, per_group(group))
        return Row(number, label, values, level, bold, key=key)

    rows = [
        row("rated", "1", "Số đã được đánh giá, xếp loại", lambda g: totals[g], 0, True),
    ]
    for i, value in enumerate(ratings, start=1):
        rows.append(
            row(
                value,
                f"1.{i}",
                labels.get(value, value),
                lambda g, v=value: section.value(f"evaluations.{g}.{v}"),
            )
        )
    rows += [
        # Organizations not rated are not kept apart from those still in progress.
        Row(
            "2",
            "Chưa đánh giá, không xếp loại",
            [NO_DATA, NO_DATA, NO_DATA, NO_DATA, not_rated, None],
            0,
            True,
            key="not_rated",
        ),
        Row(
            "-",
            "Trong đó: mới thành lập; đảng viên mới kết nạp dưới 6 tháng, được miễn công tác "
            "và sinh hoạt đảng, đình chỉ sinh hoạt",
            [NO_DATA] * 6,
            1,
            key="not_rated_why",
        ),
        Row("3", "Kiểm điểm tự phê bình và phê bình (6F)", [None] * 6, 0, True, key="review"),
        Row("3.1", "Số phải kiểm điểm", [NO_DATA] * 6, 1, key="review_due"),
        Row("3.2", "Số đã kiểm điểm", [NO_DATA] * 6, 1, key="review_done"),
        Row("3.3", "Số được gợi ý kiểm điểm", [NO_DATA] * 6, 1, key="review_hints"),
    ]
    return FormTable(
        key="form-6",
        code="6-BTCTW",
        title="KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN",
        organization=organization,
        period=period,
        label_header="Nội dung",
        columns=[
            Column("Số lượng", "Tổ chức cơ sở đảng", 10, number="2"),
            Column("Tỷ lệ (%)", "Tổ chức cơ sở đảng", 9, kind="percent", number="3"),
            Column("Số lượng", "Chi bộ trực thuộc", 10, number="4"),
            Column("Tỷ lệ (%)", "Chi bộ trực thuộc", 9, kind="percent", number="5"),
            Column("Số lượng", "Đảng viên", 10, number="6"),
            Column("Tỷ lệ (%)", "Đảng viên", 9, kind="percent", number="7"),
        ],
        rows=rows,
        notes=[
            f"Xếp loại năm {scope.year}, các mức đã có quyết định đến ngày {period.on:%d/%m/%Y}; "
            "tỷ lệ tính trên số đã được xếp loại.",
            "Bố cục biểu 6A–6E của HD 11 chưa được đối chiếu (R15.9).",
        ],
    )
