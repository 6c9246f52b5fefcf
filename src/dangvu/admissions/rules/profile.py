"""The rule profile as member development reads it: the one module of the app that asks
`core.profiles` (every other module calls `rules.in_force`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dangvu.core.models import RuleProfile
from dangvu.core.profiles import values_on
from dangvu.core.rule_defaults import by_key

from .base import Values


def in_force(on: dt.date | None = None) -> tuple[RuleProfile | None, Values]:
    """The rule profile in force on `on` (today when None) and its values, the defaults filling
    in what the profile does not set. Services record the profile on the step they write."""
    return values_on(on)


class ProfileHistory:
    """Every rule profile, loaded once, for checking many rows of different dates (an import of
    100,000 members): `value(key, on)` is the value the latest profile from before `on` that
    sets `key` gives, else the default."""

    def __init__(self) -> None:
        self.profiles = list(RuleProfile.objects.order_by("valid_from", "id"))

    def value(self, key: str, on: dt.date) -> Any:
        found = by_key()[key].value
        for profile in self.profiles:
            if profile.valid_from <= on and key in profile.values:
                found = profile.values[key]
        return found
