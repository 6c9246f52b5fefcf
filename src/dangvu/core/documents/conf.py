"""The format values that §14 leaves open ([U] in rules-next.md), as settings: the project
overrides any of them with `DANGVU_DOCUMENTS = {...}` in its settings; nothing else is fixed
in code. Each key says which rule leaves it open."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # R14.16 [U]: margins in mm; the Bình Thuận party handbook's values (sources disagree).
    "margins_mm": {"top": 25, "bottom": 25, "left": 35, "right": 15},
    # R14.15: Times New Roman; Liberation Serif has its metrics and covers Vietnamese.
    "font_family": ["Times New Roman", "Liberation Serif", "DejaVu Serif"],
    # R14.17 [U]: body 13–14 pt, first-line indent about 1–1.27 cm.
    "body_pt": 14,
    "indent_cm": 1.0,
    "heading_pt": 15,  # R14.4 [U]: "ĐẢNG CỘNG SẢN VIỆT NAM" 15–16 pt
    "issuer_pt": 14,  # R14.4 [U]: issuing body 13–14 pt
    "recipients_pt": 11,  # R14.14 [U]
    # R14.7: originals print "Số" without a colon; an office may prefer "Số:".
    "number_prefix": "Số",
    # R14.6: numbers run per kind within one committee term; "year" numbers per calendar year
    # (the state's rule, NĐ 30) for a body without a recorded term.
    "numbering_period": "term",
    # R14.9 [C/S/U]: the issuer's symbol by organization kind (Organization.kind values); an
    # issuer profile (core.DocumentIssuer) overrides it per organization.
    "symbols": {
        "province_committee": "TU",
        "district_committee": "HU",
        "sector_committee": "ĐUK",
        "commune_committee": "ĐU",
        "agency_committee": "ĐU",
        "base_committee": "ĐU",
        "base_branch": "CB",
        "sub_committee": "ĐUBP",
        "branch": "CB",
        "party_group": "TĐ",
    },
    # R14.12/R14.13: the collective an organization's documents are signed for ("T/M …").
    "authorities": {
        "province_committee": "T/M BAN THƯỜNG VỤ",
        "district_committee": "T/M BAN THƯỜNG VỤ",
        "sector_committee": "T/M BAN THƯỜNG VỤ",
        "commune_committee": "T/M BAN THƯỜNG VỤ",
        "agency_committee": "T/M BAN THƯỜNG VỤ",
        "base_committee": "T/M ĐẢNG ỦY",
        "sub_committee": "T/M ĐẢNG ỦY",
        "base_branch": "T/M CHI BỘ",
        "branch": "T/M CHI BỘ",
        "party_group": "T/M TỔ ĐẢNG",
    },
    # Kinds whose documents a cell signs: R14.13 "T/M CHI BỘ", never "T/M CHI ỦY".
    "branch_kinds": ["base_branch", "branch"],
    # R14.13 [U]: when the deputy signs a collective document: "T/M" (default) or "K/T".
    "deputy_authority": "T/M",
    # R14.5 [U]: the superior line of a cell reads the superior's committee ("ĐẢNG ỦY XÃ Y");
    # of a committee, the superior party body ("ĐẢNG BỘ TỈNH X"). "committee" or "body".
    "superior_form": {"branch": "committee", "committee": "body"},
    # R14.10 [U]: the place of the date line: the issuer's profile, else its name's locality.
    # R14.14: the last recipient line.
    "archive_line": "Lưu VT",
    # R14.2 [S/U]: kinds a cell does not issue (QĐ 66 Đ9 k4c).
    "not_issued_by": {"base_branch": ["QC", "TB", "KL"], "branch": ["QC", "TB", "KL"]},
}


def value(key: str) -> Any:
    overrides = getattr(settings, "DANGVU_DOCUMENTS", {}) or {}
    return overrides.get(key, DEFAULTS[key])
