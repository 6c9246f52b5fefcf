"""Discipline rules (rules.md §6): forms, expiry, the ban after a removal from post and what a
discipline blocks. Every number comes from the dated rule profile; each function cites its rule.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.core.calendar import add_months
from dangvu.organizations.models import CommitteeSeat, active_on_q

from ..choices import PROBATIONARY_DISCIPLINE_FORMS, DisciplineForm, Status, StrikeOffGround
from ..discipline.models import Discipline
from ..member.models import Member
from ..placement.models import MemberPost
from .profile import short_date, value, values_in_force


def holds_post(member: Member, on: dt.date) -> bool:
    """A committee seat or a concurrent post held on `on` (what a removal from post needs)."""
    return (
        CommitteeSeat.objects.filter(active_on_q(on), member=member).exists()
        or MemberPost.objects.filter(active_on_q(on), member=member).exists()
    )


def check_discipline_form(member: Member, form: str, on: dt.date, post: str = "") -> None:
    """R6.1 (QĐ 69-QĐ/TW Đ7; Điều lệ Đ35.2): a probationary member may only be reprimanded or
    warned; removal from post (cách chức) needs a post to remove the member from."""
    if member.status == Status.PROBATIONARY and form not in PROBATIONARY_DISCIPLINE_FORMS:
        raise ValidationError(
            {"form": _("A probationary member can only be reprimanded or warned (R6.1).")},
            code="probationary_form",
        )
    if form == DisciplineForm.DISMISSAL and not post.strip() and not holds_post(member, on):
        raise ValidationError(
            {
                "post": _(
                    "Removal from post applies only to a member who holds a post: name the post "
                    "(R6.1)."
                )
            },
            code="no_post",
        )


def discipline_expires_on(
    form: str, announced_on: dt.date, months: int | None = None
) -> dt.date | None:
    """R6.2 (QĐ 69-QĐ/TW Đ2.5): a discipline ceases to have effect 12 months after it is
    announced (R6.10: announcement, not signature); an expulsion never expires. `months`:
    the profile's value when the caller already read it (else the announcement date's)."""
    if form == DisciplineForm.EXPULSION:
        return None
    if months is None:
        months = value("discipline.expiry_months", announced_on)
    return add_months(announced_on, months)


def dismissal_ban_until(member: Member, on: dt.date) -> dt.date | None:
    """R6.4 (Điều lệ Đ40.3; QĐ 30 Đ40): for 12 months from a removal-from-post decision the
    member may not be elected to a committee nor appointed to an equal or higher post.
    Returns the end of the ban in force on `on`, or None."""
    months = value("discipline.dismissal_ban_months", on)
    signed = (
        Discipline.objects.filter(
            member=member,
            form=DisciplineForm.DISMISSAL,
            signed_on__lte=on,
            signed_on__gt=add_months(on, -months),
            annulled_on__isnull=True,
        )
        .order_by("-signed_on")
        .values_list("signed_on", flat=True)
        .first()
    )
    return add_months(signed, months) if signed else None


def strike_off_ground_choices(values: dict | None = None) -> list[tuple[str, str]]:
    """R6.7 QĐ 29 §8.1: the grounds for striking off, worded with the profile's numbers
    (months of unpaid fees in a year, months without progress, consecutive years); `values`
    defaults to the profile in force today."""
    values = values if values is not None else values_in_force()
    worded = {
        StrikeOffGround.ABANDONED: _(
            "Abandoned party activity, or did not pay fees for %(months)s months in a year, "
            "without good reason"
        )
        % {"months": values["removal.unpaid_fee_months"]},
        StrikeOffGround.DECLINED: _(
            "Declining will, no progress %(months)s months after the branch's education"
        )
        % {"months": values["removal.no_progress_months"]},
        StrikeOffGround.STANDARDS: _("Violated member standards %(years)s years in a row")
        % {"years": values["removal.standards_violation_years"]},
    }
    return [(value, worded.get(value, label)) for value, label in StrikeOffGround.choices]


def check_may_stand_for_committee(member: Member, on: dt.date) -> None:
    """R6.4: refuse a nomination for committee election (or an equal/higher post) during the
    ban that follows a removal from post; reprimand and warning do not bar election."""
    until = dismissal_ban_until(member, on)
    if until is not None:
        raise ValidationError(
            _(
                "The member was removed from a post and may not be elected or appointed before "
                "%(date)s (R6.4)."
            )
            % {"date": short_date(until)},
            code="dismissal_ban",
        )


def discipline_blocking_transfer(member: Member, on: dt.date) -> Discipline | None:
    """R6.5 (QĐ 69-QĐ/TW Đ2.13): while a discipline case is under consideration or a
    discipline is in force, the member may not be transferred (nor appointed or awarded)."""
    disciplines = Discipline.objects.filter(member=member)
    return (
        disciplines.open_cases().order_by("-id").first()
        or disciplines.in_force(on).order_by("-signed_on").first()
    )


def check_no_discipline_blocks_transfer(member: Member, on: dt.date) -> None:
    """R6.5 as a refusal with its reason."""
    blocking = discipline_blocking_transfer(member, on)
    if blocking is None:
        return
    if blocking.is_open:
        message = _("A discipline case about this member is under consideration (R6.5).")
    elif blocking.expires_on is None:
        message = _("The member is under a discipline that does not expire (R6.5).")
    else:
        message = _(
            "The member is under a discipline (%(form)s) in force until %(date)s: no transfer "
            "before then (R6.5)."
        ) % {"form": blocking.get_form_display(), "date": short_date(blocking.expires_on)}
    raise ValidationError(message, code="discipline_in_force")


def check_may_leave(member: Member, on: dt.date) -> None:
    """R6.8 (HD 01 §11.2; Điều lệ Đ8.3): only a member with no violation may be allowed to
    leave: one under discipline or with a case open is disciplined first."""
    if discipline_blocking_transfer(member, on) is not None:
        raise ValidationError(
            _(
                "A member with a discipline in force or a case under consideration cannot be "
                "allowed to leave; the case is settled first (R6.8)."
            ),
            code="violation",
        )
