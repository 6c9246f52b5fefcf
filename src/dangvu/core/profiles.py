"""Reading the rule profile in force on a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from dangvu.core.models import RuleProfile
from dangvu.core.rule_defaults import by_key, default_values


def profile_on(on: dt.date | None = None) -> RuleProfile | None:
    on = on or timezone.localdate()
    return RuleProfile.objects.filter(valid_from__lte=on).order_by("-valid_from", "-id").first()


def rule_value(key: str, on: dt.date | None = None) -> Any:
    """The value of `key` in the profile in force on `on`, else the rules.md default."""
    defaults = by_key()
    if key not in defaults:
        raise KeyError(key)
    profile = profile_on(on)
    if profile is not None and key in profile.values:
        return profile.values[key]
    return defaults[key].value


def values_on(on: dt.date | None = None) -> tuple[RuleProfile | None, dict[str, Any]]:
    profile = profile_on(on)
    values = default_values()
    known = values.keys()
    if profile is not None:
        values.update({k: v for k, v in profile.values.items() if k in known})
    return profile, values


@transaction.atomic
def publish_profile(*, values: dict[str, Any], valid_from: dt.date, note: str, user) -> RuleProfile:
    """Create a new profile version; earlier versions stay for the decisions that used them."""
    unknown = set(values) - set(by_key())
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    return RuleProfile.objects.create(
        values=values, valid_from=valid_from, note=note, created_by=user
    )
