"""Shared write helpers: optimistic versions and scope checks for services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Holiday, HolidayYear


class StaleVersion(ValidationError):
    """Someone else saved the record after it was read."""


def check_version(instance, expected_version: int | None) -> None:
    if expected_version is not None and instance.version != expected_version:
        raise StaleVersion(
            _(
                "This record was changed by someone else after you opened it. "
                "Reload the page and make your change again."
            ),
            code="stale",
        )


def require_manage(user, organization) -> None:
    """Nobody writes outside their subtree (NetBox's re-check after a write)."""
    if not user.can_manage(organization):
        raise PermissionDenied(_("You cannot change records of this organization."))


def require_rule_admin(user) -> None:
    """Rule profiles and the holiday calendar are national settings: administrators only."""
    if not getattr(user, "is_rule_admin", False):
        raise PermissionDenied(_("Only administrators can change the rule settings."))


@transaction.atomic
def add_holiday(*, user, date: dt.date, name: str, working: bool = False) -> Holiday:
    """Add an extra day off (or, with `working`, a make-up working day) to the working-day
    calendar (core.calendar)."""
    require_rule_admin(user)
    holiday = Holiday(date=date, name=name, working=working)
    holiday.full_clean()
    holiday.save()
    return holiday


@transaction.atomic
def confirm_holiday_year(*, user, year: int) -> HolidayYear:
    """Record that the year's list (computed holidays plus the table) was checked against the
    Government's announcement: deadlines in that year are no longer flagged."""
    require_rule_admin(user)
    if not 2000 <= year <= 2100:
        raise ValidationError(_("Choose a year between 2000 and 2100."), code="year")
    confirmed, _created = HolidayYear.objects.get_or_create(
        year=year, defaults={"confirmed_by": user}
    )
    return confirmed


@transaction.atomic
def delete_holiday(*, user, holiday: Holiday) -> None:
    require_rule_admin(user)
    holiday.delete()
