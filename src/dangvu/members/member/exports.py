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


def member_columns() -> list[Column]:
    return [
        _text("full_name", lambda m: m.full_name, 28),
        _day("birth_date"),
        _text("gender", lambda m: m.get_gender_display(), 8),
        _text("ethnicity", lambda m: m.ethnicity, 10),
        _text("religion", lambda m: m.get_religion_display(), 12),
        _text("organization", lambda m: m.organization.name, 30),
        _text("status", lambda m: m.get_status_display()),
        _day("status_since"),
        _day("admitted_on"),
        _day("recognized_on"),
        _text("card_number", lambda m: m.card_number, 13),
        _text("citizen_id", lambda m: m.citizen_id),
        _text("phone", lambda m: m.phone, 13),
        _text("hometown", lambda m: m.hometown),
        _text("residence", lambda m: m.residence),
        _text("general_education", lambda m: m.general_education),
        _text("professional_level", lambda m: m.get_professional_level_display()),
        _text("theory_level", lambda m: m.get_theory_level_display()),
        _text("occupation", lambda m: m.get_occupation_display()),
        _text("workplace", lambda m: m.workplace),
    ]
