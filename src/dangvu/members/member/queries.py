"""Read paths for member lists and search (aggregation and filtering in SQL)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from dangvu.core.calendar import add_months
from dangvu.core.filters import parse_id
from dangvu.core.text import fold

from ..validators import normalize_digits
from .models import Member


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


def sort_columns(current: str, columns) -> dict[str, dict]:
    """The sortable column headers of a list: label, the next `?ordering=` and the icon."""
    headers = {}
    for key, label in columns:
        if current == key:
            headers[key] = {"label": label, "next": f"-{key}", "icon": "bi-sort-up"}
        elif current == f"-{key}":
            headers[key] = {"label": label, "next": key, "icon": "bi-sort-down"}
        else:
            headers[key] = {"label": label, "next": key, "icon": ""}
    return headers


def chosen_branch(branches: QuerySet, raw: str | None):
    """The branch `?organization=<id>` names among `branches`, or None."""
    pk = parse_id(raw)
    return branches.filter(pk=pk).first() if pk else None


def member_visible(user, member_id: int) -> bool:
    """Whether the user sees the member's profile (a record's page links to it then)."""
    return Member.objects.visible_to(user).filter(pk=member_id).exists()
