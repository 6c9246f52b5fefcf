"""The member list's spreadsheet columns."""

from __future__ import annotations

from django.utils.text import capfirst

from dangvu.core.exports import Column

from .models import Member


def _label(name: str) -> str:
    return capfirst(str(Member._meta.get_field(name).verbose_name))


def _text(name: str, get, width: int = 14) -> Column:
    return Column(_label(name), get, width=width)


def _day(name: str) -> Column:
    return Column(_label(name), lambda m: getattr(m, name), kind="date", width=12)


def _choice(name: str, width: int = 14) -> Column:
    """A choice field's label, looked up in a table made once per export: Django's
    get_FOO_display() re-translates and hashes on every cell (half the time of a 100,000-row
    export)."""
    labels = {value: str(label) for value, label in Member._meta.get_field(name).flatchoices}
    return Column(
        _label(name), lambda m: labels.get(getattr(m, name), getattr(m, name)), width=width
    )


def member_columns() -> list[Column]:
    return [
        _text("full_name", lambda m: m.full_name, 28),
        _day("birth_date"),
        _choice("gender", 8),
        _text("ethnicity", lambda m: m.ethnicity, 10),
        _choice("religion", 12),
        _text("organization", lambda m: m.organization.name, 30),
        _choice("status"),
        _day("status_since"),
        _day("admitted_on"),
        _day("recognized_on"),
        _text("card_number", lambda m: m.card_number, 13),
        _text("citizen_id", lambda m: m.citizen_id),
        _text("phone", lambda m: m.phone, 13),
        _text("hometown", lambda m: m.hometown),
        _text("residence", lambda m: m.residence),
        _text("general_education", lambda m: m.general_education),
        _choice("professional_level"),
        _choice("theory_level"),
        _choice("occupation"),
        _text("workplace", lambda m: m.workplace),
    ]
