"""The figures section of a year-end report in sentences, the way party reports write them:
"Năm 2022, toàn tỉnh có 726 chi bộ trực thuộc đảng bộ cơ sở hoàn thành xuất sắc nhiệm vụ,
chiếm 14,92%; …". The sentence templates are English msgids translated into Vietnamese
(reports.json); numbers print as 1.561 and percentages as 14,92% / 74,4% (trailing zeros
dropped, as the documents do)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from dangvu.core.registry import registry
from dangvu.core.templatetags.vn import vn_number
from dangvu.organizations.choices import Kind

from .queries import Report


def percent(value: float | None) -> str:
    """14.9234 → "14,92%", 74.4 → "74,4%", 100.0 → "100%"."""
    if value is None:
        return "—"
    number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{number:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


def listing(parts: list[str]) -> str:
    """["a", "b", "c"] → "a, b and c" ("a, b và c"); empty parts are left out."""
    parts = [part for part in parts if part]
    if len(parts) <= 1:
        return "".join(parts)
    return _("%(items)s and %(last)s") % {"items": ", ".join(parts[:-1]), "last": parts[-1]}


def with_share(text: str, share: float | None) -> str:
    """ "3 women" + 50.0 → "3 women (50%)" ("3 đảng viên nữ (chiếm 50%)"); no share, no
    brackets: a report never prints "chiếm —"."""
    if share is None:
        return text
    return text + _(" (%(share)s)") % {"share": percent(share)}


def counted(value: int | None, msgid: str, share: float | None = None) -> str:
    """The clause `msgid` % {"n": value} (with its share), or "" when the count is zero: a
    Vietnamese report leaves out "0 đảng viên" rather than write it."""
    if not value:
        return ""
    return with_share(_(msgid) % {"n": vn_number(value)}, share)


def ratio(part: int, whole: int) -> str:
    """1561, 1565 → "1.561/1.565 (99,74%)"."""
    share = f" ({percent(part * 100 / whole)})" if whole else ""
    return f"{vn_number(part)}/{vn_number(whole)}{share}"


def scope_words(report: Report) -> str:
    kind = report.scope.organization.kind
    if kind == Kind.PROVINCE_COMMITTEE:
        return _("the whole province")
    if kind in (Kind.BRANCH, Kind.BASE_BRANCH):
        return _("the branch")
    return _("the whole party organization")


def narrative(report: Report) -> list[str]:
    """One paragraph per section of the report (empty ones left out)."""
    words = scope_words(report)
    parts = {s.key: s.narrative for s in registry().report_sections}
    paragraphs = []
    for section in report.sections:
        name = parts.get(section.key)
        text = import_string(name)(report, words) if name else ""
        if text:
            paragraphs.append(text[0].upper() + text[1:])
    return paragraphs
