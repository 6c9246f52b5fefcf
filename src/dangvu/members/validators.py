"""Validation of identity numbers."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangvu.core.text import normalize_digits  # noqa: F401 (moved to core.text; kept importable)

# Province codes of the 12-digit citizen ID (Thông tư 07/2016/TT-BCA, kept after the 2025
# mergers for numbers already issued).
CCCD_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 "
    "035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 "
    "070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
_DIGITS12 = re.compile(r"^\d{12}$")
_CARD = re.compile(r"^\d{6,12}$")


def validate_citizen_id(value: str) -> None:
    """A 12-digit CCCD whose first three digits are a province code."""
    if not _DIGITS12.match(value or ""):
        raise ValidationError(_("The citizen ID must have exactly 12 digits."), code="cccd_format")
    if value[:3] not in CCCD_PROVINCE_CODES:
        raise ValidationError(
            _("The citizen ID starts with %(code)s, which is not a province code."),
            code="cccd_province",
            params={"code": value[:3]},
        )


def citizen_id_matches(value: str, birth_date: dt.date | None, female: bool | None) -> bool:
    """Digit 4 encodes century and gender (0/1: 1900s male/female, 2/3: 2000s, ...),
    digits 5–6 the birth year's last two digits."""
    if not _DIGITS12.match(value or "") or birth_date is None or female is None:
        return True
    century_digit = int(value[3])
    century = 1900 + (century_digit // 2) * 100
    if century_digit // 2 > 4:
        return False
    expected_female = century_digit % 2 == 1
    year = century + int(value[4:6])
    return expected_female == female and year == birth_date.year


def validate_card_number(value: str) -> None:
    if not _CARD.match(value or ""):
        raise ValidationError(
            _("The party card number must have 6 to 12 digits."), code="card_format"
        )
