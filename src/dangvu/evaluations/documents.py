"""The decisions' lists as party documents (R4.7; the core document engine, PDF and DOCX):
"DANH SÁCH XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025" for a grassroots organization, the
branches it decided, or the grassroots organizations a direct-level committee decided.

The document's fixed wording is Vietnamese by form, like core/pdf.py's frame."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.utils import timezone

from dangvu.core.documents import (
    PartyDocument,
    committee_name,
    document_docx,
    document_pdf,
    frame_for,
    table,
)
from dangvu.core.templatetags.vn import vn_number, vn_percent
from dangvu.organizations.choices import DIRECT_KINDS, Kind
from dangvu.organizations.models import Organization

from . import queries
from .choices import RATING_SHORT, Rating
from .queries import BRANCHES, EXCLUDED, GRASSROOTS, MEMBERS

MAX_ROWS = 3000  # WeasyPrint needs ~1 s per 300 rows: longer lists go to Excel
TITLES = {
    MEMBERS: "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM {year}",
    BRANCHES: "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG CHI BỘ TRỰC THUỘC NĂM {year}",
    GRASSROOTS: "DANH SÁCH XẾP LOẠI CHẤT LƯỢNG TỔ CHỨC CƠ SỞ ĐẢNG NĂM {year}",
}
LEVEL_NAMES = {
    "excellent": "Hoàn thành xuất sắc nhiệm vụ",
    "good": "Hoàn thành tốt nhiệm vụ",
    "completed": "Hoàn thành nhiệm vụ",
    "not_completed": "Không hoàn thành nhiệm vụ",
}


def pdf_levels(organization: Organization) -> list[str]:
    """The lists an organization decides (R4.7): a grassroots committee its members and
    branches, a chi bộ its members, a direct-level or the provincial committee its grassroots
    organizations."""
    kind = organization.kind
    if kind == Kind.BASE_COMMITTEE:
        return [MEMBERS, BRANCHES]
    if kind in DIRECT_KINDS or kind == Kind.PROVINCE_COMMITTEE:
        return [GRASSROOTS]
    return [MEMBERS]


def build_document(
    organization: Organization,
    year: int,
    level: str,
    rows: list,
    counts: dict[str, int],
    points: bool,
) -> PartyDocument:
    """The list in the engine's frame (issuer lines, signer of the day, recipients): the
    summary by level, then every row, members grouped under their branch."""
    decided = [r for r in rows if r.decided_at and r.deciding_organization_id == organization.pk]
    numbers = Counter(r.decision_number for r in decided if r.decision_number)
    day = timezone.localdate()
    if decided:
        day = max(timezone.localtime(r.decided_at).date() for r in decided)
    subtitle = organization.name
    if numbers:
        number = numbers.most_common(1)[0][0]
        subtitle = (
            f"(Kèm theo Quyết định số {number} ngày {day:%d/%m/%Y} "
            f"của {committee_name(organization)})"
        )
    members = level == MEMBERS
    shares = queries.shares(counts)
    summary = [
        [f"{LEVEL_NAMES[r]} ({RATING_SHORT[r]})", vn_number(counts[r]), _share(shares[r])]
        for r in Rating.values
    ]
    summary.append(
        ["Tổng số được xếp loại", vn_number(counts["total"]), "100%" if counts["total"] else ""]
    )
    if members:
        excluded = counts[EXCLUDED]
        summary.append(
            ["Không xếp loại (miễn công tác, đình chỉ sinh hoạt)", vn_number(excluded), ""]
        )
    headers = ["STT", *(["Họ và tên", "Năm sinh"] if members else ["Tổ chức đảng"])]
    headers += [*(["Điểm tự đánh giá"] if points else []), "Xếp loại", "Ghi chú"]
    body: list[list[str]] = []
    branch = None
    for n, row in enumerate(rows, 1):
        if members and row.organization_id != branch:
            branch = row.organization_id
            body.append(["", row.organization.name, *[""] * (len(headers) - 2)])
        line = [str(n)]
        if members:
            birth = row.member.birth_date
            line += [row.member.full_name, str(birth.year) if birth else ""]
        else:
            line.append(row.organization.name)
        if points:
            line.append("" if row.self_total is None else vn_decimal(row.self_total))
        line += [
            RATING_SHORT.get(row.rating, ""),
            "Đảng viên dự bị" if getattr(row, "probationary", False) else "",
        ]
        body.append(line)
    document = frame_for(
        organization,
        "DS",
        day,
        summary=subtitle,
        title=TITLES[level].format(year=year),
        recipients=["Cấp ủy cấp trên (để báo cáo),"],
        blocks=[table(["Xếp loại", "Số lượng", "Tỷ lệ"], summary), table(headers, body)],
    )
    document.number = ""  # a list attached to a decision carries the decision's number
    document.separator = False
    return document


def _share(value: float | None) -> str:
    return "" if value is None else vn_percent(value)


def vn_decimal(value) -> str:
    return f"{float(value):.1f}".replace(".", ",")


def render(
    organization: Organization,
    year: int,
    level: str,
    rows: QuerySet,
    counts: dict[str, int],
    points: bool,
    *,
    docx: bool = False,
) -> bytes:
    document = build_document(organization, year, level, list(rows), counts, points)
    return document_docx(document) if docx else document_pdf(document)
