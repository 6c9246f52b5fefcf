"""The decisions' lists as party documents (R4.7, HD 36-HD/VPTW layout through core.pdf):
"DANH SÁCH XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025" for a grassroots organization, the
branches it decided, or the grassroots organizations a direct-level committee decided.

The document's fixed wording is Vietnamese by form, like core/pdf.py's frame."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet
from django.utils import timezone

from dangvu.core.pdf import PartyDocument, render_pdf
from dangvu.organizations.choices import BRANCH_KINDS, DIRECT_KINDS, Kind
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


def committee_name(organization: Organization) -> str:
    """The body that signs for an organization: "Đảng bộ xã X" → "Đảng ủy xã X"."""
    name = organization.name
    if organization.kind == Kind.PROVINCE_COMMITTEE and "tỉnh " in name:
        return "Tỉnh ủy " + name.split("tỉnh ", 1)[1]
    if name.startswith("Đảng bộ"):
        return "Đảng ủy" + name[len("Đảng bộ") :]
    return name


def signer_capacity(organization: Organization) -> str:
    if organization.kind in BRANCH_KINDS:
        return "T/M CHI BỘ"
    if organization.kind in (Kind.BASE_COMMITTEE, Kind.SUB_COMMITTEE):
        return "T/M ĐẢNG ỦY"
    return "T/M BAN THƯỜNG VỤ"


def build_document(organization: Organization, year: int, level: str, rows: list) -> PartyDocument:
    decided = [r for r in rows if r.decided_at and r.deciding_organization_id == organization.pk]
    numbers = Counter(r.decision_number for r in decided if r.decision_number)
    subtitle = organization.name
    day = timezone.localdate()
    if decided:
        day = max(timezone.localtime(r.decided_at).date() for r in decided)
    if numbers:
        number = numbers.most_common(1)[0][0]
        subtitle = (
            f"(Kèm theo Quyết định số {number} ngày {day.day}/{day.month}/{day.year} "
            f"của {committee_name(organization)})"
        )
    parent = queries.pages.parent_of(organization)
    return PartyDocument(
        title=TITLES[level].format(year=year),
        issuing_body=committee_name(organization),
        superior_body=committee_name(parent) if parent else "",
        number="",
        date=day,
        subtitle=subtitle,
        signer_capacity=signer_capacity(organization),
        signer_title="BÍ THƯ",
        signer_name=queries.pages.secretary_name(organization, day),
        recipients=("Cấp ủy cấp trên (để báo cáo),", "Lưu văn phòng."),
    )


def render(
    organization: Organization,
    year: int,
    level: str,
    rows: QuerySet,
    counts: dict[str, int],
    points: bool,
) -> bytes:
    rows = list(rows)
    for row in rows:
        row.level_short = RATING_SHORT.get(row.rating, "")
    shares = queries.shares(counts)
    summary = [(LEVEL_NAMES[r], RATING_SHORT[r], counts[r], shares[r]) for r in Rating.values]
    context = {
        "level": level,
        "members": level == MEMBERS,
        "points": points,
        "rows": rows,
        "summary": summary,
        "total": counts["total"],
        "excluded": counts[EXCLUDED] if level == MEMBERS else 0,
    }
    document = build_document(organization, year, level, rows)
    return render_pdf("evaluations/pdf_decisions.html", context, document=document)
