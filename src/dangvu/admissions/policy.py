"""The admission rules of rules.md §2, one function each, numbers from the dated rule profile.

Every function takes `values` (the profile's numbers, `core.profiles.values_on(date)[1]`) and
either returns a date/number or raises a field-keyed ValidationError with a clear message.
Services call them before writing anything; tests are named after the rule ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dangvu.admissions.choices import LeavingReason
from dangvu.core.calendar import add_months, add_working_days, months_between
from dangvu.members.choices import Status
from dangvu.organizations.choices import DIRECT_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

Values = dict[str, Any]

# Statuses of a former member who may apply again (R2.12); others are not "out of the party".
OUT_OF_PARTY = (Status.STRUCK_OFF, Status.LEFT, Status.EXPELLED)


def _d(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _years(months: int) -> str:
    """Months as years for a message (720 → "60", 726 → "60,5")."""
    years = months / 12
    return str(int(years)) if years == int(years) else f"{years:.1f}".replace(".", ",")


def vote_share_text(values: Values) -> str:
    """R2.3 the share of official members that must vote in favour, as printed ("2/3")."""
    numerator, denominator = values["admission.vote_min_share"]
    return f"{numerator}/{denominator}"


def invalid(field: str, message: str, code: str) -> ValidationError:
    """A field-keyed error that keeps its code (tests and API clients read the code; the
    message is translated)."""
    return ValidationError({field: ValidationError(message, code=code)})


def collect(checks: Iterable[Callable[[], Any]]) -> None:
    """Run every check and raise all their errors at once (the form shows each on its field)."""
    errors: dict[str, list] = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for field, messages in error.update_error_dict({}).items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)


# R2.1 QĐ 294/232/24-QĐ/TW §3.1: "đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng)" when the branch
# considers the admission; older candidates need the committee directly under the Central
# Committee.
def check_age(
    birth_date: dt.date, on: dt.date, values: Values, *, over_age_approval: str = ""
) -> None:
    months = months_between(birth_date, on)
    if months < values["admission.min_age_months"]:
        raise invalid(
            "vote_on",
            _(
                "The candidate is too young: %(months)s months old on %(date)s, "
                "at least %(min)s months are required."
            )
            % {"months": months, "date": _d(on), "min": values["admission.min_age_months"]},
            "too_young",
        )
    if months > values["admission.max_age_months"] and not over_age_approval.strip():
        raise invalid(
            "over_age_approval",
            _(
                "The candidate is over %(years)s (%(months)s months old on %(date)s): "
                "admission needs the approval of the committee directly under the Central "
                "Committee."
            )
            % {
                "years": _years(values["admission.max_age_months"]),
                "months": months,
                "date": _d(on),
            },
            "too_old",
        )


_GRADE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


# R2.2 QĐ 294/232/24-QĐ/TW §3.1: lower-secondary graduation (THCS) or higher, except where the
# Secretariat's guidance allows less (mountain, island, ethnic-minority, hardship areas).
def check_education(general_education: str, values: Values, *, exception: str = "") -> None:
    if exception.strip():
        return
    match = _GRADE.match(general_education or "")
    if match is None:
        return  # free text (e.g. "đại học"): the committee reads it
    grade, system = int(match.group(1)), int(match.group(2))
    # The northern 10-year system finished lower secondary at grade 7, two years earlier.
    equivalent = grade + (12 - system) if system in (10, 12) else grade
    if equivalent < values["admission.min_general_education_grade"]:
        raise invalid(
            "general_education",
            _(
                "The candidate has not completed lower-secondary education (%(level)s); "
                "record the exception that applies, if any."
            )
            % {"level": general_education},
            "education",
        )


# R2.3 Điều lệ Đ4.3: the branch forwards the case when at least 2/3 of its official members
# vote in favour (probationary members do not vote).
def votes_needed(official_count: int, values: Values) -> int:
    numerator, denominator = values["admission.vote_min_share"]
    return -(-official_count * numerator // denominator)  # ceiling without floats


def check_vote(yes_votes: int, official_count: int, values: Values, field: str = "vote_yes"):
    if yes_votes > official_count:
        raise invalid(
            field,
            _(
                "There are more votes in favour (%(yes)s) than official members in the "
                "branch (%(count)s)."
            )
            % {"yes": yes_votes, "count": official_count},
            "too_many_votes",
        )
    needed = votes_needed(official_count, values)
    if official_count == 0 or yes_votes < needed:
        raise invalid(
            field,
            _(
                "%(yes)s votes in favour is less than %(share)s of the branch's "
                "%(count)s official members: at least %(needed)s are needed."
            )
            % {
                "yes": yes_votes,
                "share": vote_share_text(values),
                "count": official_count,
                "needed": max(needed, 1),
            },
            "vote_below_two_thirds",
        )


# R2.4 QĐ 24-QĐ/TW §3.2.1: an introducer is an official member of the candidate's branch.
def check_introducer_member(member, branch: Organization) -> None:
    if member.organization_id != branch.pk:
        raise invalid(
            "introducers",
            _("%(name)s is not a member of the candidate's branch.") % {"name": member.full_name},
            "introducer_other_branch",
        )
    if member.status != Status.OFFICIAL:
        raise invalid(
            "introducers",
            _(
                "%(name)s is not an official member: a probationary member cannot "
                "introduce a candidate."
            )
            % {"name": member.full_name},
            "introducer_not_official",
        )


# R2.4 QĐ 24-QĐ/TW §3.2.1: each introducer has worked, studied or lived with the candidate for
# at least 12 months by the vote (a replacement for one who left is exempt, §3.2.2).
# [U] configurable: the introducer's own time as an official member (a unit guide's
# recommendation, "nên có trên 1 tuổi Đảng"; 0 switches it off).
def check_introducer_at_vote(introduction, on: dt.date, values: Values) -> None:
    member = introduction.member
    name = member.full_name
    if not introduction.replacement:
        required = values["admission.introducer_min_months"]
        if add_months(introduction.known_since, required) > on:
            raise invalid(
                "introducers",
                _(
                    "The introducer %(name)s has worked or lived with the candidate for "
                    "less than %(months)s months on %(date)s."
                )
                % {"name": name, "months": required, "date": _d(on)},
                "introducer_tenure",
            )
    seniority = values["admission.introducer_min_official_months"]
    if seniority and (
        member.recognized_on is None or add_months(member.recognized_on, seniority) > on
    ):
        raise invalid(
            "introducers",
            _(
                "The introducer %(name)s has been an official member for less than "
                "%(months)s months."
            )
            % {"name": name, "months": seniority},
            "introducer_seniority",
        )


# R2.5 Điều lệ Đ4; QĐ 24-QĐ/TW §3.1: two introducers, or one introducer and the resolution of
# the grassroots Youth Union or trade-union executive committee.
def check_introducer_count(count: int, has_union_resolution: bool) -> None:
    needed = 1 if has_union_resolution else 2
    if count != needed:
        raise invalid(
            "introducers",
            _(
                "Two introducers are needed, or one introducer with the resolution of the "
                "Youth Union or trade-union executive committee."
            ),
            "introducer_count",
        )


# R2.6 HD 01-HD/TW (secondary sources): the awareness-course certificate is valid 60 months.
def certificate_valid_until(issued_on: dt.date, values: Values) -> dt.date:
    return add_months(issued_on, values["admission.certificate_validity_months"])


def check_certificate(valid_until: dt.date | None, on: dt.date, field: str = "vote_on") -> None:
    if valid_until is None:
        raise invalid(
            field, _("The candidate has no awareness-course certificate."), "no_certificate"
        )
    if valid_until < on:
        raise invalid(
            field,
            _("The awareness-course certificate has expired (valid until %(date)s).")
            % {"date": _d(valid_until)},
            "certificate_expired",
        )


# R2.6 HD 01-HD/TW §3: the file's documents (application, introductions, union resolution)
# are valid 12 months; older ones must be redone before the branch votes.
def check_documents_age(documents: dict[str, dt.date | None], on: dt.date, values: Values):
    months = values["admission.documents_validity_months"]
    errors = {}
    for field, dated in documents.items():
        if dated is not None and add_months(dated, months) < on:
            errors[field] = ValidationError(
                _(
                    "This document dated %(date)s is more than %(months)s months old: redo it "
                    "before the branch votes."
                )
                % {"date": _d(dated), "months": months},
                code="documents_expired",
            )
    if errors:
        raise ValidationError(errors)


# R2.7 QĐ 232-QĐ/TW §4.3.1: the competent committee decides within 60 working days of the
# branch's resolution (later is allowed but must be explained: flagged).
def decision_deadline(resolution_on: dt.date, values: Values) -> dt.date:
    return add_working_days(resolution_on, values["admission.decision_deadline_working_days"])


# R2.7 QĐ 232-QĐ/TW §4.3.1: 30 working days to decide a recognition.
def recognition_decision_deadline(resolution_on: dt.date, values: Values) -> dt.date:
    return add_working_days(resolution_on, values["recognition.decision_deadline_working_days"])


# R2.8 QĐ 24/29-QĐ/TW §4.3.2: admission and recognition are decided by the grassroots
# committee authorized to admit, otherwise by the directly superior committee.
def authorized_organization(branch: Organization) -> Organization:
    step = Organization.steplen
    prefixes = [branch.path[:i] for i in range(step, len(branch.path) + 1, step)]
    chain = list(Organization.objects.filter(path__in=prefixes).order_by("-depth"))
    grassroots = next((o for o in chain if o.kind in GRASSROOTS_KINDS), None)
    if grassroots is not None:
        if grassroots.may_admit:
            return grassroots
        above = [o for o in chain if o.depth < grassroots.depth]
        if above:
            return above[0]
    direct = next((o for o in chain if o.kind in DIRECT_KINDS), None)
    return direct or chain[-1]


# R2.9 QĐ 232-QĐ/TW §4.1: the ceremony within 30 working days of receiving the decision; a
# later one needs the directly superior committee's consent.
def ceremony_deadline(received_on: dt.date, values: Values) -> dt.date:
    return add_working_days(received_on, values["admission.ceremony_deadline_working_days"])


def check_ceremony_date(ceremony_on: dt.date, received_on: dt.date, values: Values, consent: str):
    deadline = ceremony_deadline(received_on, values)
    if ceremony_on > deadline and not consent.strip():
        raise invalid(
            "ceremony_consent",
            _(
                "The ceremony is after the deadline of %(date)s (%(days)s working days from "
                "receiving the decision): record the superior committee's consent."
            )
            % {"date": _d(deadline), "days": values["admission.ceremony_deadline_working_days"]},
            "ceremony_late",
        )


# R2.10 Điều lệ Đ5.1: probation lasts 12 months from the admission ceremony.
def probation_end(ceremony_on: dt.date, values: Values) -> dt.date:
    return add_months(ceremony_on, values["probation.months"])


# R2.11a QĐ 24-QĐ/TW §4.2.1: the branch considers recognition within 30 working days after
# the probation ends.
def recognition_consider_deadline(end: dt.date, values: Values) -> dt.date:
    return add_working_days(end, values["recognition.consider_working_days"])


# R2.11b QĐ 24-QĐ/TW §4.2.1: a recognized member is official from the end of probation,
# whatever the date of the meeting or the decision.
def recognized_from(end: dt.date) -> dt.date:
    return end


# R2.11c QĐ 24-QĐ/TW §4.2.1: after 3 votes that fail to reach 2/3, the superior committee
# decides.
def recognition_escalates(failed_votes: int, values: Values) -> bool:
    return failed_votes >= values["recognition.max_failed_votes"]


# R2.12 QĐ 232-QĐ/TW §3.5: re-admission only of a former member, only once, never after the
# excluded ways of leaving; at least 36 months after leaving (60 after an expunged conviction).
def check_readmission_eligible(
    member,
    reason: str,
    values: Values,
    *,
    already: bool,
    conviction_expunged_on: dt.date | None = None,
) -> None:
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
