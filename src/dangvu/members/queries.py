"""Read paths for member lists and search (aggregation and filtering in SQL)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from dangvu.core.calendar import add_months
from dangvu.core.text import fold

from .validators import normalize_digits


def search_members(queryset: QuerySet, text: str | None) -> QuerySet:
    """Name (diacritics and đ/d ignored, words in any order), card number or citizen ID."""
    if not text or not text.strip():
        return queryset
    digits = normalize_digits(text)
    if digits.isdigit():
        return queryset.filter(Q(card_number__startswith=digits) | Q(citizen_id__startswith=digits))
    for token in fold(text).split(" "):
        queryset = queryset.filter(name_key__contains=token)
    return queryset


def birth_range_for_age(low: int, high: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """Birth dates of people aged low..high (inclusive, completed years) on `on`."""
    latest = add_months(on, -12 * low)
    earliest = add_months(on, -12 * (high + 1)) + dt.timedelta(days=1)
    return earliest, latest
