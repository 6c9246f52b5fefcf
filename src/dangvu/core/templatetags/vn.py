"""Vietnamese number formatting for templates: 99,74% and 1.561/1.565 (99,74%).

Plain numbers already print as 1.561 through localization (USE_THOUSAND_SEPARATOR); these
filters add what Django has no filter for.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_percent(value, decimals: int = 2) -> str:
    """A percentage number (0–100) as Vietnamese text: 99.744 → "99,74%"."""
    number = _decimal(value)
    if number is None:
        return ""
    # Round half up as offices do by hand (Python's default is banker's rounding).
    quantum = Decimal(1).scaleb(-int(decimals))
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    return number_format(number, int(decimals), use_l10n=True, force_grouping=True) + "%"


@register.filter
def vn_percent(value, decimals: int = 2) -> str:
    """{{ 99.744|vn_percent }} → "99,74%"; {{ x|vn_percent:1 }} → one decimal."""
    return format_percent(value, decimals)


@register.filter
def vn_number(value) -> str:
    """An integer with thousand dots even where localization is off: 1561 → "1.561"."""
    number = _decimal(value)
    if number is None:
        return ""
    return number_format(number, use_l10n=True, force_grouping=True)


def format_ratio(part, whole, decimals: int = 2) -> str:
    """1561, 1565 → "1.561/1.565 (99,74%)"; without a whole, just the part."""
    part_n, whole_n = _decimal(part), _decimal(whole)
    if part_n is None:
        return ""
    text = vn_number(part_n)
    if whole_n is None:
        return text
    text = f"{text}/{vn_number(whole_n)}"
    if whole_n:
        text += f" ({format_percent(part_n * 100 / whole_n, decimals)})"
    return text


@register.filter
def vn_ratio(part, whole) -> str:
    """{{ 1561|vn_ratio:1565 }} → "1.561/1.565 (99,74%)"."""
    return format_ratio(part, whole)
