"""The values that §15 leaves open ([U] in rules-next.md), as settings: the project overrides
any of them with `DANGVU_STAT_FORMS = {...}` in its settings; nothing else is fixed in code.
Each key says which rule leaves it open."""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # R15.11 [U]: the reporting periods (code suffix -> first and last month of the year) that
    # HD 11's titles imply (H1, YEAR) and those R15.12 adds for the other reports.
    "periods": {"Q1": (1, 3), "H1": (1, 6), "9M": (1, 9), "": (1, 12)},
    # R15.3 [U]: column 4 when last year's figure is 0: "" (blank) as the guide's examples.
    "percent_when_zero": "",
    # R15.3: the text of a cell the registry has no record for (never printed as 0).
    "no_data": "chưa có dữ liệu",
    # R15.3 [S]: the board that signs the forms, under the committee's name (province and
    # district committees have an organization commission; a commune committee signs itself).
    "board_line": {"province_committee": "BAN TỔ CHỨC", "district_committee": "BAN TỔ CHỨC"},
    "maker_title": "NGƯỜI LẬP BIỂU",
    "maker_hint": "(Ký, ghi rõ họ và tên; số điện thoại di động và cố định liên hệ)",
    "signer_title": "TRƯỞNG BAN",
    "signer_hint": "(Ký, đóng dấu, ghi rõ họ và tên)",
    # R15.8 [U]: after 1/7/2025 there are no towns (thị trấn) and special zones appear.
    "form5_towns": False,
    # R15.8 [U]: Organization.sector -> the row of form 5 its grassroots organizations count in.
    "form5_sector_rows": {
        "rural": "xa",
        "urban": "phuong",
        "agency": "bodies",
        "public_service": "public",
        "school": "public",
        "health": "public",
        "state_enterprise": "state_enterprise",
        "private_enterprise": "private_enterprise",
        "military": "army",
        "police": "police",
        "other": "other",
    },
    # R15.5/R15.6: Member field values read by the breakdowns (the member file's codes). A form
    # row maps to the values it counts; a row with no values shows "chưa có dữ liệu" (the
    # member file does not tell, e.g. a civil servant's level). Rows marked "coarse" are
    # dangvu's own, printed in italics, holding what the file knows without the form's split.
    "female": "female",
    "occupation_rows": {
        "civil_servant_any": ["civil_servant"],
        "public_employee": ["public_employee", "teacher"],
        "enterprise_any": ["worker", "private_enterprise"],
        "farmer": ["farmer"],
        "armed_forces": ["armed_forces"],
        "student_any": ["student"],
        "other": ["other", "self_employed"],
        "retired": ["retired"],
    },
    "professional_rows": {
        "vocational_any": ["vocational"],
        "college": ["college"],
        "university": ["university"],
        "master": ["master"],
        "doctor": ["doctor"],
    },
    "theory_rows": {
        "primary": ["primary"],
        "intermediate": ["intermediate"],
        "advanced": ["advanced", "bachelor"],
    },
    # R4.2 / R15.9: the four levels as the forms print them (keys: the rating values).
    "rating_labels": {
        "excellent": "Hoàn thành xuất sắc nhiệm vụ",
        "good": "Hoàn thành tốt nhiệm vụ",
        "completed": "Hoàn thành nhiệm vụ",
        "not_completed": "Không hoàn thành nhiệm vụ",
    },
    # R7.1 (HD 01-HD/TW §18.1, QĐ 232 §28): the badge tiers, in years of party age, that
    # form 7 lists (the 45-year tier since QĐ 29 of 25/7/2016). The awards app (issue 17)
    # should own them as a dated profile value; the form reads them here until then.
    "badge_years": [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90],
    # R15.10: Transfer.kind values of the two kinds of transfer.
    "transfer_kinds": {"temporary": "temporary", "official": "official"},
    # R15.5/R15.6: general education ("lớp/hệ") grouped into the form's rows.
    "education_rows": {
        "primary": [f"{n}/12" for n in range(1, 6)] + [f"{n}/10" for n in range(1, 5)],
        "lower": [f"{n}/12" for n in range(6, 10)] + [f"{n}/10" for n in range(5, 8)],
        "upper": [f"{n}/12" for n in range(10, 13)] + [f"{n}/10" for n in range(8, 11)],
    },
}


def value(key: str) -> Any:
    overrides = getattr(settings, "DANGVU_STAT_FORMS", {}) or {}
    return overrides.get(key, DEFAULTS[key])
