"""Reading a report's parameters (organization, year, as-of date) the same way for the pages,
the API and the command line, with clear messages for bad input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.filters import parse_year
from dangvu.organizations.models import Organization

from .queries.scope import Scope

MIN_YEAR = 1930  # the Party's founding year: nothing to report before it

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def parse_date(text: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def may_see_reports(user) -> bool:
    """Reports are committee work: staff and boards see their subtree's figures; a plain party
    member sees none (their own records are in their profile), nor does a user bound to no
    organization unless an administrator."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.sees_everything:
        return True
    return not user.is_plain_member and user.organization_id is not None


def default_organization(user) -> Organization | None:
    if user is None:  # the command line: the top of the tree
        return Organization.objects.order_by("depth", "path").first()
    if user.organization_id and not user.sees_everything:
        return user.organization
    return Organization.objects.visible_to(user).order_by("depth", "path").first()


def organization_for(value: str, user) -> Organization:
    """An organization by id or code, inside the user's scope (user None: no scope, CLI)."""
    queryset = Organization.objects.all() if user is None else Organization.objects.visible_to(user)
    value = value.strip()
    found = None
    if value.isascii() and value.isdigit() and len(value) < 10:
        found = queryset.filter(pk=int(value)).first()
    if found is None:
        found = queryset.filter(code=value).first()
    if found is None:
        raise ValidationError(
            {"org": _("There is no organization with this id or code in your scope.")}
        )
    return found


def scope_from(params: Mapping[str, str], user, today: dt.date | None = None) -> Scope:
    """`org` (id or code; default: the user's own), `year` (default: this year) and `on`
    (dd/mm/yyyy or yyyy-mm-dd; default: the year's end, or today for the current year).
    The period runs from 1 January of the date's year to the date."""
    if user is not None and not may_see_reports(user):
        raise PermissionDenied(_("Only party committees and their staff see reports."))
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    year = None
    raw_year = (params.get("year") or "").strip()
    if raw_year:
        if parse_year(raw_year, MIN_YEAR, today.year) is None:
            errors["year"] = _("Enter a year between %(first)s and %(last)s.") % {
                "first": MIN_YEAR,
                "last": today.year,
            }
        else:
            year = int(raw_year)
    on = None
    raw_on = (params.get("on") or "").strip()
    if raw_on:
        on = parse_date(raw_on)
        if on is None:
            errors["on"] = _("Enter the date as dd/mm/yyyy.")
        elif on > today:
            errors["on"] = _("The date is in the future.")
        elif on.year < MIN_YEAR:
            errors["on"] = _("Enter a date from %(first)s on.") % {"first": MIN_YEAR}
        elif year is not None and on.year != year:
            errors["on"] = _("The date is not in the chosen year.")
    organization = None
    raw_org = (params.get("org") or "").strip()
    try:
        organization = organization_for(raw_org, user) if raw_org else default_organization(user)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if organization is None and "org" not in errors:
        errors["org"] = _("There is no organization in your scope.")
    if errors:
        raise ValidationError(errors)
    if on is None:
        year = year or today.year
        on = min(dt.date(year, 12, 31), today)
    scope = Scope(organization=organization, on=on, start=dt.date(on.year, 1, 1))
    if not scope.existed:
        raise ValidationError(
            {"on": _("This organization did not exist on %(date)s.") % {"date": f"{on:%d/%m/%Y}"}}
        )
    return scope
