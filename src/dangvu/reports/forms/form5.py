"""Form 5-BTCTW, party organizations and members by type of grassroots unit (R15.8).

A grassroots organization (đảng bộ cơ sở, chi bộ cơ sở) counts in the row of its sector
(`form5_sector_rows`, a setting: the sector list is dangvu's, coarser than the form's); its
sub-committees, its branches and the members placed anywhere in its subtree count with it.
Read in three queries (the organizations of the unit on the cut-off date, the members on the
roll then per organization); the grouping walks organizations, never members."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization

from .conf import value as setting
from .layout import NO_DATA, Column, FormTable, Row
from .periods import Period
from .records import field_default, model, roll_at_end, scope_for

STEP = Organization.steplen

# (key, STT, label, level, bold); a key no sector maps to shows "chưa có dữ liệu".
ROWS = [
    ("xa", "1", "Xã", 0, False),
    ("phuong", "2", "Phường", 0, False),
    ("thi_tran", "3", "Thị trấn", 0, False),
    ("dac_khu", "3", "Đặc khu", 0, False),
    ("bodies_party", "4", "Cơ quan Đảng, Mặt trận Tổ quốc, đoàn thể", 0, False),
    ("bodies_state", "5", "Cơ quan nhà nước", 0, False),
    ("bodies", "", "(Cơ quan Đảng, nhà nước, đoàn thể chưa phân loại)", 1, False),
    ("public_service", "6", "Đơn vị sự nghiệp", 0, True),
    ("public", "a", "Công lập", 1, False),
    ("nonpublic", "b", "Ngoài công lập", 1, False),
    ("army", "7", "Quân đội", 0, False),
    ("police", "8", "Công an", 0, False),
    ("enterprises", "9", "Doanh nghiệp, hợp tác xã", 0, True),
    ("state_capital", "a", "Doanh nghiệp có vốn nhà nước", 1, True),
    ("state_100", "-", "100% vốn nhà nước", 2, False),
    ("state_50", "-", "Trên 50% vốn nhà nước", 2, False),
    ("state_lt50", "-", "Dưới 50% vốn nhà nước", 2, False),
    ("state_enterprise", "", "(Doanh nghiệp nhà nước chưa phân loại theo vốn)", 2, False),
    ("non_state", "b", "Doanh nghiệp ngoài nhà nước", 1, True),
    ("joint_stock", "-", "Công ty cổ phần", 2, False),
    ("private", "-", "Doanh nghiệp tư nhân", 2, False),
    ("llc", "-", "Công ty trách nhiệm hữu hạn", 2, False),
    ("partnership", "-", "Công ty hợp danh", 2, False),
    ("fdi", "-", "Doanh nghiệp có vốn đầu tư nước ngoài", 2, False),
    ("private_enterprise", "", "(Doanh nghiệp ngoài nhà nước chưa phân loại)", 2, False),
    ("cooperatives", "c", "Hợp tác xã", 1, False),
    ("abroad", "10", "Tổ chức cơ sở đảng ở ngoài nước", 0, False),
    ("other", "11", "Loại hình khác", 0, False),
]
# Rows that sum their children (on the form, a bold group line).
SUMS = {
    "public_service": ("public", "nonpublic"),
    "state_capital": ("state_100", "state_50", "state_lt50", "state_enterprise"),
    "non_state": ("joint_stock", "private", "llc", "partnership", "fdi", "private_enterprise"),
    "enterprises": ("state_capital", "non_state", "cooperatives"),
}
FIELDS = ("base_committee", "base_branch", "sub_committee", "branch", "members")


def _walk(organization, period: Period) -> tuple[dict[str, dict[str, int]], int]:
    """Per row key, the counts of FIELDS; and the members outside any grassroots organization."""
    scope = scope_for(organization, period)
    orgs = list(
        Organization.objects.filter(pk__in=scope.org_ids())
        .order_by("path")
        .values_list("pk", "path", "kind", "sector")
    )
    Placement = model("members.Placement")
    on = scope.on
    placed = dict(
        Placement.objects.filter(
            Q(member_id__in=roll_at_end(scope).values("pk"))
            & Q(kind=field_default("members.Placement", "kind"))
            & Q(valid_from__lte=on)
            & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))
            & Q(organization_id__in=scope.org_ids())
        )
        .values("organization_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("organization_id", "n")
    )
    sector_rows = setting("form5_sector_rows")
    grassroots = {path: sector for _pk, path, kind, sector in orgs if kind in GRASSROOTS}
    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIELDS, 0))
    outside = 0
    for pk, path, kind, _sector in orgs:
        root = next(
            (path[:n] for n in range(STEP, len(path) + 1, STEP) if path[:n] in grassroots),
            None,
        )
        if root is None:
            outside += placed.get(pk, 0)
            continue
        row = table[sector_rows.get(grassroots[root], "other")]
        if kind in (Kind.BASE_COMMITTEE, Kind.BASE_BRANCH):
            row[str(kind)] += 1
        elif kind == Kind.SUB_COMMITTEE:
            row["sub_committee"] += 1
        elif kind == Kind.BRANCH:
            row["branch"] += 1
        row["members"] += placed.get(pk, 0)
    return table, outside


GRASSROOTS = (Kind.BASE_COMMITTEE, Kind.BASE_BRANCH)


def build(organization, period: Period) -> FormTable:
    table, outside = _walk(organization, period)
    mapped = set(setting("form5_sector_rows").values())
    values: dict[str, list] = {}
    for key, *_rest in ROWS:
        if key in SUMS:
            continue
        if key in mapped or key in table:
            c = table.get(key, dict.fromkeys(FIELDS, 0))
            values[key] = [
                c["base_committee"] + c["base_branch"],
                c["base_committee"],
                c["base_branch"],
                c["sub_committee"],
                c["branch"],
                c["members"],
            ]
        else:
            values[key] = [NO_DATA] * 6
    for key in ("public_service", "state_capital", "non_state", "enterprises"):
        parts = [values[k] for k in SUMS[key]]
        values[key] = [sum(p[i] for p in parts if p[i] is not NO_DATA) for i in range(6)]
    rows = []
    for key, number, label, level, bold in ROWS:
        if key == "thi_tran" and not setting("form5_towns"):
            continue
        if key == "dac_khu" and setting("form5_towns"):
            continue
        rows.append(Row(number, label, values[key], level, bold, key=key))
    totals = [
        sum(
            values[key][i] for key, *_r in ROWS if key not in SUMS and values[key][i] is not NO_DATA
        )
        for i in range(6)
    ]
    rows.append(Row("", "Tổng số (1 + 2 + … + 11)", totals, 0, True, key="total"))
    notes = [
        f"Số liệu đến ngày {period.on:%d/%m/%Y}. Loại hình của tổ chức cơ sở đảng lấy theo "
        "lĩnh vực ghi trong hồ sơ tổ chức; dòng trong ngoặc đơn là số liệu chưa tách theo mẫu.",
    ]
    if outside:
        notes.append(
            f"Ngoài ra có {outside} đảng viên sinh hoạt trực tiếp ở cấp trên cơ sở, "
            "không thuộc tổ chức cơ sở đảng nào."
        )
    return FormTable(
        key="form-5",
        code="5-BTCTW",
        title="TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN TRONG CÁC LOẠI HÌNH CƠ SỞ",
        organization=organization,
        period=period,
        label_header="Loại hình",
        columns=[
            Column("Tổng số tổ chức cơ sở đảng (= 3 + 4)", "", 12, number="2"),
            Column("Đảng bộ cơ sở", "Chia ra", 11, number="3"),
            Column("Chi bộ cơ sở", "Chia ra", 11, number="4"),
            Column("Đảng bộ bộ phận", "", 11, number="5"),
            Column("Chi bộ trực thuộc đảng ủy cơ sở", "", 12, number="6"),
            Column("Tổng số đảng viên", "", 12, number="7"),
        ],
        rows=rows,
        notes=notes,
    )
