"""Re-admission of a former member (R2.12 QĐ 232-QĐ/TW §3.5)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from dangvu.admissions.choices import LeavingReason
from dangvu.core.calendar import add_months
from dangvu.members.choices import Status

from .base import Values, _d, invalid

# Statuses of a former member who may apply again (R2.12); others are not "out of the party".
OUT_OF_PARTY = (Status.STRUCK_OFF, Status.LEFT, Status.EXPELLED)


def check_readmission_eligible(
    member,
    reason: str,
    values: Values,
    *,
    already: bool,
    conviction_expunged_on: dt.date | None = None,
) -> None:
    """R2.12 QĐ 232-QĐ/TW §3.5: re-admission only of a former member, only once, never after the
    excluded ways of leaving; at least 36 months after leaving (60 after an expunged
    conviction)."""
    if member.status not in OUT_OF_PARTY:
        raise invalid(
            "readmission_of",
            _("%(name)s is not a former member.") % {"name": member},
            "not_former_member",
        )
    if already:
        raise invalid(
            "readmission_of",
            _("%(name)s has already been re-admitted once; a second re-admission is not allowed.")
            % {"name": member},
            "readmitted_before",
        )
    if not reason:
        raise invalid(
            "leaving_reason", _("Say how the former member left the party."), "leaving_reason"
        )
    if reason in values["readmission.refused_reasons"]:
        raise invalid(
            "leaving_reason",
            _("A member who left the party this way cannot be re-admitted."),
            "readmission_refused",
        )
    check_conviction_expunged(reason, conviction_expunged_on, values)


def check_conviction_expunged(
    reason: str, conviction_expunged_on: dt.date | None, values: Values
) -> None:
    """R2.12 QĐ 232-QĐ/TW §3.5: a former member convicted of a less serious crime waits
    `readmission.after_conviction_months` after the conviction is expunged: without the date
    of expungement the earliest date cannot be known, so the file cannot go on."""
    if reason == LeavingReason.LESS_SERIOUS_CRIME and conviction_expunged_on is None:
        raise invalid(
            "conviction_expunged_on",
            _(
                "Enter the date the conviction was expunged: a former member convicted of a "
                "less serious crime can be re-admitted %(months)s months after it at the "
                "earliest."
            )
            % {"months": values["readmission.after_conviction_months"]},
            "conviction_expunged_required",
        )


def readmission_earliest(
    left_on: dt.date,
    values: Values,
    conviction_expunged_on: dt.date | None = None,
    reason: str = "",
) -> dt.date:
    check_conviction_expunged(reason, conviction_expunged_on, values)
    earliest = add_months(left_on, values["readmission.min_months"])
    if conviction_expunged_on is not None:
        earliest = max(
            earliest,
            add_months(conviction_expunged_on, values["readmission.after_conviction_months"]),
        )
    return earliest


def check_readmission_date(
    left_on: dt.date,
    on: dt.date,
    values: Values,
    conviction_expunged_on: dt.date | None = None,
    field: str = "signed_on",
    reason: str = "",
) -> None:
    earliest = readmission_earliest(left_on, values, conviction_expunged_on, reason)
    if on < earliest:
        raise invalid(
            field,
            _(
                "A former member can be re-admitted from %(date)s at the earliest "
                "(%(months)s months after leaving the party, %(conviction_months)s after an "
                "expunged conviction)."
            )
            % {
                "date": _d(earliest),
                "months": values["readmission.min_months"],
                "conviction_months": values["readmission.after_conviction_months"],
            },
            "readmission_too_early",
        )
