"""Reading one cell: dates in the forms people type, identity numbers with their leading zeros,
choices by their Vietnamese or English label, and text that must not be a formula.

Each parser returns the value or raises `CellError` (a translated message); warnings (the value
was read but something deserves a look) are returned through `Cell.warnings`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from dangvu.core.text import find_invisible, fold, invisible_message
from dangvu.members.validators import validate_card_number, validate_citizen_id


class CellError(Exception):
    """A cell that cannot be read; the message is shown to the user with its row and column."""


class Warned:
    """A value read with a remark for the user (e.g. leading zeros restored)."""

    __slots__ = ("value", "warning")

    def __init__(self, value: Any, warning: str) -> None:
        self.value = value
        self.warning = warning


_DMY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$")
_YMD = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{3,5}(?:\.0+)?$")
# A year alone ("1965") or a month and a year ("3/1965", "03-1965", "1965-03"): what old
# records often hold, but every date the registry keeps is a full day (DateField).
_YEAR = re.compile(r"^(?:năm\s*)?((?:19|20)\d\d)(?:\.0+)?$", re.IGNORECASE)
_MONTH_YEAR = re.compile(
    r"^(?:tháng\s*)?(\d{1,2})\s*[/\-.]\s*((?:19|20)\d\d)$|^((?:19|20)\d\d)\s*[/\-.]\s*(\d{1,2})$",
    re.IGNORECASE,
)
_YEARS = (1900, 2099)
# Excel serials of 1/1/1900 .. 31/12/2099: anything else is not a date someone typed.
_SERIAL_RANGE = (1, 73415)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _serial_to_date(serial: float) -> dt.date:
    if not _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
        raise CellError(_("This number is not a date."))
    value = from_excel(serial)
    return value.date() if isinstance(value, dt.datetime) else value


def parse_date(raw: Any) -> dt.date:
    """16/6/2022, 16-6-2022, 16.6.2022, 2022-06-16, an Excel serial (44728) or a date cell."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool):
        raise CellError(_("This is not a date."))
    if isinstance(raw, (int, float, Decimal)):
        if float(raw).is_integer() and _YEARS[0] <= raw <= _YEARS[1]:
            # A number cell holding a year (as serials these are days of 1905: nobody's date).
            raise CellError(_year_only(str(int(raw))))
        return _serial_to_date(float(raw))
    return _parse_date_text(str(raw).strip())


def _year_only(text: str) -> str:
    return _("«%(value)s» has only a year; write the full day/month/year (dd/mm/yyyy).") % {
        "value": text
    }


def _month_year(text: str) -> str:
    return _(
        "«%(value)s» has only a month and a year; write the full day/month/year (dd/mm/yyyy)."
    ) % {"value": text}


@functools.lru_cache(maxsize=65536)
def _parse_date_text(text: str) -> dt.date:
    try:
        if match := _DMY.match(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _YMD.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError as error:
        raise CellError(_("This date does not exist.")) from error
    if _YEAR.match(text):
        raise CellError(_year_only(text))
    if match := _MONTH_YEAR.match(text):
        month = int(match.group(1) or match.group(4))
        if 1 <= month <= 12:
            raise CellError(_month_year(text))
    if _SERIAL.match(text):
        return _serial_to_date(float(text))
    raise CellError(_("Write the date as day/month/year, e.g. 16/6/2022."))


def _digits_of(raw: Any) -> tuple[str, bool]:
    """The digits of an identity number and whether the cell was a number (zeros lost)."""
    if isinstance(raw, bool):
        raise CellError(_("Only digits are allowed."))
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, float) and not raw.is_integer():
            raise CellError(_("Only digits are allowed."))
        return str(int(raw)), True
    text = re.sub(r"[\s.\-]", "", str(raw)).lstrip("'")
    if not text.isdigit() or not text.isascii():
        raise CellError(_("Only digits are allowed."))
    return text, False


def parse_citizen_id(raw: Any) -> Any:
    """A 12-digit CCCD kept as text. A number cell has lost its leading zeros: they are put
    back up to 12 digits (CCCD numbers always have 12), and the user is told."""
    digits, was_number = _digits_of(raw)
    warning = ""
    if was_number and len(digits) < 12:
        digits = digits.zfill(12)
        warning = _(
            "The cell was a number, so its leading zeros were lost; they were restored to "
            "12 digits (%(value)s). Format the column as text to avoid this."
        ) % {"value": digits}
    _run_validator(validate_citizen_id, digits)
    return Warned(digits, warning) if warning else digits


def parse_card_number(raw: Any) -> Any:
    """A party card number (6–12 digits). A number cell may have lost leading zeros; they
    cannot be guessed, so the value is kept as read and the user is warned."""
    digits, was_number = _digits_of(raw)
    _run_validator(validate_card_number, digits)
    if was_number:
        return Warned(
            digits,
            _(
                "The cell was a number: if the card number began with 0, those zeros were "
                "lost. Format the column as text and check %(value)s."
            )
            % {"value": digits},
        )
    return digits


def _run_validator(validator: Callable[[str], None], value: str) -> None:
    try:
        validator(value)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error


# Text a spreadsheet would run: "=HYPERLINK(...)", "@SUM(...)", "+cmd|..." (OWASP CSV
# injection). Such a cell is refused, not silently altered: it is certainly not a name.
_NEUTRALIZED = tuple("=+-@")
_FORMULA_LIKE = re.compile(r"^\s*(?:[=@]|[+\-].*[(|!=])", re.DOTALL)


def parse_text(raw: Any, max_length: int = 255) -> str:
    if isinstance(raw, dt.datetime):
        text = raw.strftime("%d/%m/%Y")
    elif isinstance(raw, float) and raw.is_integer():
        text = str(int(raw))
    else:
        text = str(raw)
    text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", text).strip())
    if (invisible := find_invisible(text)) is not None:
        raise CellError(invisible_message(invisible))
    if text[:1] == "'" and text[1:2] in _NEUTRALIZED:
        text = text[1:]  # our own exports' neutralization of "+84…" or "-…" (core.exports)
    if _FORMULA_LIKE.match(text):
        raise CellError(
            _("This cell holds a formula or starts like one (%(start)s…); type the value itself.")
            % {"start": text[:12]}
        )
    if len(text) > max_length:
        raise CellError(
            _("Too long: at most %(max)s characters.") % {"max": max_length},
        )
    return text


def parse_phone(raw: Any) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        # A number cell lost the leading 0 of a Vietnamese mobile number (0912 345 678).
        text = str(int(raw))
        return "0" + text if len(text) == 9 else text
    return parse_text(raw, 20)


_YES = {"co", "x", "yes", "true", "1", "dung"}
_NO = {"khong", "no", "false", "0", "sai"}


def parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    key = fold(str(raw))
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(_("Write Có or Không."))


def parse_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise CellError(_("Write a whole number."))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    text = re.sub(r"[\s.]", "", str(raw))
    if not (text.isascii() and text.isdigit()):
        raise CellError(_("Write a whole number."))
    return int(text)


def choice_lookup(choices: type[TextChoices] | Iterable[tuple[str, Any]], **extra: str):
    """A parser for a choice field: accepts the stored value, the Vietnamese and English
    labels and the given aliases, all compared after fold()."""
    pairs = list(choices.choices if hasattr(choices, "choices") else choices)
    table: dict[str, str] = {}
    for value, label in pairs:
        table[fold(str(value)).replace("_", " ")] = value
        for language in ("en", "vi"):
            with translation.override(language):
                table[fold(str(label))] = value
    for alias, value in extra.items():
        table[fold(alias.replace("_", " "))] = value

    seen: dict[str, str] = {}  # the same few values repeat on every row: fold them once

    def parse(raw: Any) -> str:
        text = str(raw)
        if text in seen:
            return seen[text]
        key = fold(text).replace("_", " ")
        if key in table:
            if len(seen) < 10000:
                seen[text] = table[key]
            return table[key]
        labels = []
        for _value, label in pairs:
            labels.append(str(label))
        raise CellError(
            _("Unknown value %(value)s; expected one of: %(choices)s.")
            % {"value": str(raw)[:40], "choices": ", ".join(labels)}
        )

    return parse
