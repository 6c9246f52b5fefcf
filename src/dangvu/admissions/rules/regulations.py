"""The admission rules of rules.md §2 up to the ceremony (R2.1–R2.9), one function each,
numbers from the dated rule profile.

Every function takes `values` (the profile's numbers, `rules.in_force(date)[1]`) and either
returns a date/number or raises a field-keyed ValidationError with a clear message. Services
call them before writing anything; tests are named after the rule ids.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.core.calendar import add_months, add_working_days, months_between
from dangvu.members.choices import Status
from dangvu.organizations.choices import DIRECT_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

from .base import AddDays, Values, _d, _years, invalid


def vote_share_text(values: Values) -> str:
    """R2.3 the share of official members that must vote in favour, as printed ("2/3")."""
    numerator, denominator = values["admission.vote_min_share"]
    return f"{numerator}/{denominator}"


def check_age(
    birth_date: dt.date, on: dt.date, values: Values, *, over_age_approval: str = ""
) -> None:
    """R2.1 QĐ 294/232/24-QĐ/TW §3.1: "đủ 18 tuổi đến đủ 60 tuổi (tính theo tháng)" when the
    branch considers the admission; older candidates need the committee directly under the
    Central Committee."""
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


def admission_age_problem(birth: dt.date, admitted: dt.date, history) -> str | None:
    """R2.1 [C] QĐ 294/232/24-QĐ/TW §3.1 for a member's record (an import): a member is
    admitted at 18 at the earliest (admission.min_age_months, from the profile in force on the
    admission date, `history` a `ProfileHistory`). An earlier admission date is a typing
    error: the message says so, None when the age is right."""
    minimum = history.value("admission.min_age_months", admitted)
    months = months_between(birth, admitted)
    if months < minimum:
        return _(
            "Admitted at %(months)s months of age: at least %(min)s months are required (R2.1)."
        ) % {"months": months, "min": minimum}
    return None


_GRADE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


def check_education(general_education: str, values: Values, *, exception: str = "") -> None:
    """R2.2 QĐ 294/232/24-QĐ/TW §3.1: lower-secondary graduation (THCS) or higher, except where
    the Secretariat's guidance allows less (mountain, island, ethnic-minority, hardship
    areas)."""
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


def votes_needed(official_count: int, values: Values) -> int:
    """R2.3 Điều lệ Đ4.3: the branch forwards the case when at least 2/3 of its official members
    vote in favour (probationary members do not vote)."""
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


def check_introducer_member(member, branch: Organization) -> None:
    """R2.4 QĐ 24-QĐ/TW §3.2.1: an introducer is an official member of the candidate's
    branch."""
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


def check_introducer_at_vote(introduction, on: dt.date, values: Values) -> None:
    """R2.4 QĐ 24-QĐ/TW §3.2.1: each introducer has worked, studied or lived with the candidate
    for at least 12 months by the vote (a replacement for one who left is exempt, §3.2.2). [U]
    configurable: the introducer's own time as an official member (a unit guide's
    recommendation, "nên có trên 1 tuổi Đảng"; 0 switches it off)."""
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


def check_introducer_count(count: int, has_union_resolution: bool) -> None:
    """R2.5 Điều lệ Đ4; QĐ 24-QĐ/TW §3.1: two introducers, or one introducer and the resolution
    of the grassroots Youth Union or trade-union executive committee."""
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


def certificate_valid_until(issued_on: dt.date, values: Values) -> dt.date:
    """R2.6 HD 01-HD/TW (secondary sources): the awareness-course certificate is valid 60
    months."""
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


def check_documents_age(documents: dict[str, dt.date | None], on: dt.date, values: Values):
    """R2.6 HD 01-HD/TW §3: the file's documents (application, introductions, union resolution)
    are valid 12 months; older ones must be redone before the branch votes."""
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


def decision_deadline(resolution_on: dt.date, values: Values, add: AddDays = add_working_days):
    """R2.7 QĐ 232-QĐ/TW §4.3.1: the competent committee decides within 60 working days of the
    branch's resolution (later is allowed but must be explained: flagged)."""
    return add(resolution_on, values["admission.decision_deadline_working_days"])


def recognition_decision_deadline(
    resolution_on: dt.date, values: Values, add: AddDays = add_working_days
) -> dt.date:
    """R2.7 QĐ 232-QĐ/TW §4.3.1: 30 working days to decide a recognition."""
    return add(resolution_on, values["recognition.decision_deadline_working_days"])


def authorized_organization(branch: Organization) -> Organization:
    """R2.8 QĐ 24/29-QĐ/TW §4.3.2: admission and recognition are decided by the grassroots
    committee authorized to admit, otherwise by the directly superior committee."""
    step = Organization.steplen
    prefixes = [branch.path[:i] for i in range(step, len(branch.path) + 1, step)]
    return authority_in(list(Organization.objects.filter(path__in=prefixes).order_by("-depth")))


def authority_in(chain: Sequence[Organization]) -> Organization:
    """R2.8 for a branch given its chain of organizations, the branch first and the root last
    (the demo walks its tree in memory; `authorized_organization` reads the chain)."""
    grassroots = next((o for o in chain if o.kind in GRASSROOTS_KINDS), None)
    if grassroots is not None:
        if grassroots.may_admit:
            return grassroots
        above = [o for o in chain if o.depth < grassroots.depth]
        if above:
            return above[0]
    direct = next((o for o in chain if o.kind in DIRECT_KINDS), None)
    return direct or chain[-1]


def ceremony_deadline(received_on: dt.date, values: Values, add: AddDays = add_working_days):
    """R2.9 QĐ 232-QĐ/TW §4.1: the ceremony within 30 working days of receiving the decision; a
    later one needs the directly superior committee's consent."""
    return add(received_on, values["admission.ceremony_deadline_working_days"])


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
