"""The written form of a party document's parts (QĐ 399-QĐ/TW, HD 36-HD/VPTW; rules-next.md
§14): kinds and their abbreviations, the number and symbol, the place and date line, the
authority to sign. Pure functions: no database."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError

from .conf import value as setting

# R14.1/R14.8: kind code -> the kind line as printed. [C] observed codes, [S] secondary,
# [U] GGT/GM/GCN (no original seen). "QĐ" is both quyết định and quy định (R14.8).
KINDS: dict[str, str] = {
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "QĐi": "QUY ĐỊNH",
    "CT": "CHỈ THỊ",
    "KL": "KẾT LUẬN",
    "QC": "QUY CHẾ",
    "TT": "THÔNG TRI",
    "HD": "HƯỚNG DẪN",
    "TB": "THÔNG BÁO",
    "BC": "BÁO CÁO",
    "KH": "KẾ HOẠCH",
    "CTr": "CHƯƠNG TRÌNH",
    "ĐA": "ĐỀ ÁN",
    "PA": "PHƯƠNG ÁN",
    "TTr": "TỜ TRÌNH",
    "CV": "",  # a công văn has no kind line (R14.11)
    "BB": "BIÊN BẢN",
    "GGT": "GIẤY GIỚI THIỆU",
    "GM": "GIẤY MỜI",
    "GCN": "GIẤY CHỨNG NHẬN",
    "DS": "DANH SÁCH",
}

_KIND_ALT = "|".join(sorted((re.escape(k) for k in KINDS), key=len, reverse=True))
# R14.7: "Số 12-NQ/ĐU": two digits at least, a hyphen, the kind, a slash, the issuer; no
# spaces; a colon after "Số" is tolerated (secondary sites add one), state separators are not.
NUMBER_RE = re.compile(rf"^(?:Số:? )?(?P<n>\d{{2,}})-(?P<kind>{_KIND_ALT})/(?P<sym>[A-ZĐ0-9]+)$")
SYMBOL_RE = re.compile(r"^[A-ZĐ0-9]+$")


def kind_title(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError(
            "Loại văn bản “%(kind)s” không có trong danh mục văn bản của Đảng.",
            params={"kind": kind},
        )
    return KINDS[kind]


def number_part(number: int, kind: str, symbol: str) -> str:
    """ "12-NQ/ĐU" (numbers below 10 as 01–09, R14.7)."""
    return f"{number:02d}-{kind}/{symbol}"


def number_line(number: int | None, kind: str, symbol: str) -> str:
    """ "Số 12-NQ/ĐU"; an unnumbered draft keeps the blanks the office fills in by hand."""
    prefix = setting("number_prefix")
    if number is None:
        return f"{prefix}      -{kind}/{symbol}"
    return f"{prefix} {number_part(number, kind, symbol)}"


def validate_number(text: str) -> tuple[int, str, str]:
    """R14.7/R14.8: a number and symbol typed by hand → (number, kind, symbol), or a
    ValidationError in Vietnamese ("05/BB-CB" and "QyĐ" refused)."""
    text = (text or "").strip()
    if "QyĐ" in text:
        raise ValidationError(
            "“QyĐ” là ký hiệu quy định của văn bản nhà nước; văn bản của Đảng dùng “QĐ”."
        )
    match = NUMBER_RE.match(text)
    if not match:
        raise ValidationError(
            "Số và ký hiệu “%(text)s” không đúng thể thức: viết “Số 05-BB/CB” (số, gạch nối, "
            "tên loại, gạch chéo, ký hiệu cơ quan ban hành, không có dấu cách).",
            params={"text": text},
        )
    return int(match["n"]), match["kind"], match["sym"]


def normalize_number(text: str, kinds: tuple[str, ...] = ()) -> str:
    """A number typed on a form → its written form ("9-qđ/đu", "Số 9-QĐ/ĐU" → "09-QĐ/ĐU"),
    or a Vietnamese ValidationError (R14.7/R14.8: "05/BB-CB", "QyĐ" refused); `kinds`: the
    kinds the field expects (a decision is a QĐ)."""
    raw = " ".join((text or "").split())
    if raw[:2].lower() == "số":
        raw = raw[2:].lstrip(": ")
    head, _, tail = raw.partition("-")
    candidate = f"{head.zfill(2)}-{tail.upper().replace('QĐI', 'QĐi')}" if head.isdigit() else raw
    try:
        number, kind, symbol = validate_number(candidate if "QyĐ" not in raw else raw)
    except ValidationError:
        validate_number(raw)  # the message quotes what was typed
        raise
    if kinds and kind not in kinds:
        raise ValidationError(
            "Số “%(text)s” là %(kind)s; ở đây cần số của %(expected)s.",
            params={
                "text": text,
                "kind": (KINDS[kind] or kind).lower(),
                "expected": ", ".join((KINDS[k] or k).lower() for k in kinds),
            },
        )
    return number_part(number, kind, symbol)


def validate_symbol(symbol: str) -> str:
    if not SYMBOL_RE.match(symbol or ""):
        raise ValidationError(
            "Ký hiệu cơ quan ban hành “%(symbol)s” chỉ gồm chữ in hoa và chữ số (ví dụ ĐU, CB).",
            params={"symbol": symbol},
        )
    return symbol


def date_line(day: dt.date, place: str = "") -> str:
    """R14.10: "Thanh Phong, ngày 02 tháng 12 năm 2026": the day in 2 digits, months 1 and 2
    zero-padded, months 3–12 not."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def validate_authority(authority: str, organization_kind: str) -> str:
    """R14.12/R14.13: the marks are T/M, K/T, T/L with a slash (not the state's "TM."); a
    cell signs "T/M CHI BỘ", never "T/M CHI ỦY"."""
    authority = (authority or "").strip()
    if re.match(r"^(TM|KT|TL)[.\s]", authority):
        raise ValidationError(
            "Thẩm quyền ký của văn bản Đảng viết “T/M”, “K/T”, “T/L” (gạch chéo), "
            "không viết “TM.”, “KT.”, “TL.”."
        )
    if organization_kind in setting("branch_kinds") and "CHI ỦY" in authority.upper():
        raise ValidationError("Văn bản của chi bộ ký “T/M CHI BỘ”, không ký “T/M CHI ỦY”.")
    return authority
