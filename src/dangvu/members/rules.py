"""Member lifecycle rules (rules.md §5, §6, §9) and the work-list checks they feed.

Every number comes from the dated rule profile (core.profiles); each function cites its rule.
The work-list checks at the bottom are registered with core.worklist when the app is ready;
each is one or two SQL queries limited to the user's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.core.calendar import add_months
from dangvu.core.profiles import rule_value, values_on
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .choices import (
    PROBATIONARY_DISCIPLINE_FORMS,
    DisciplineForm,
    ResidenceCategory,
    Status,
    StrikeOffGround,
)
from .models import (
    Discipline,
    Member,
    MemberPost,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)


def short_date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


# --- §6 discipline -------------------------------------------------------------------------


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


def discipline_expires_on(form: str, announced_on: dt.date) -> dt.date | None:
    """R6.2 (QĐ 69-QĐ/TW Đ2.5): a discipline ceases to have effect 12 months after it is
    announced (R6.10: announcement, not signature); an expulsion never expires."""
    if form == DisciplineForm.EXPULSION:
        return None
    return add_months(announced_on, rule_value("discipline.expiry_months", announced_on))


def dismissal_ban_until(member: Member, on: dt.date) -> dt.date | None:
    """R6.4 (Điều lệ Đ40.3; QĐ 30 Đ40): for 12 months from a removal-from-post decision the
    member may not be elected to a committee nor appointed to an equal or higher post.
    Returns the end of the ban in force on `on`, or None."""
    months = rule_value("discipline.dismissal_ban_months", on)
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


def strike_off_ground_choices(values: dict) -> list[tuple[str, str]]:
    """R6.7 QĐ 29 §8.1: the grounds for striking off, worded with the profile's numbers
    (months of unpaid fees in a year, months without progress, consecutive years)."""
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


# --- §9 transfers --------------------------------------------------------------------------


def transfer_report_deadline(issued_on: dt.date) -> dt.date:
    """R9.3 (QĐ 24-QĐ/TW §6.3, secondary): the member presents the letter to the receiving
    organization within 30 days of its issue (calendar days: [U], configurable)."""
    return issued_on + dt.timedelta(days=rule_value("transfer.report_days", issued_on))


# --- §5 residence contact ------------------------------------------------------------------


def residence_comment_required(category: str) -> bool:
    """R5.4/R5.5 (QĐ 213 Đ3.4; HD 33-HD/BTCTW §1): the residence branch comments yearly on a
    working member, except category 1.1 (exempt from residence activity) and 1.2 (exempt
    from introduction), whose comments are asked for only when needed. §12 case 27."""
    return category == ResidenceCategory.NONE


def residence_comment_window(
    on: dt.date, values: dict | None = None
) -> tuple[int, dt.date, dt.date]:
    """R5.4: the year whose comments are being collected on `on`, their due date (the first day
    of the evaluation season's month, configurable) and the day they start being asked for.
    Before this year's window opens, last year's missing comments are the ones still due."""
    values = values if values is not None else values_on(on)[1]
    month = values["residence.comments_due_month"]
    warn = dt.timedelta(days=values["residence.comments_warn_days"])
    due = dt.date(on.year, month, 1)
    if on >= due - warn:
        return on.year, due, due - warn
    previous = dt.date(on.year - 1, month, 1)
    return on.year - 1, previous, previous - warn


# --- work-list checks ----------------------------------------------------------------------


def _narrowest_path(ctx: worklist.Context) -> str | None:
    """The subtree a work list covers: the chosen organization, else the user's own (None for
    a user who sees everything)."""
    if ctx.organization is not None:
        return ctx.organization.path
    if ctx.user.sees_everything or not ctx.user.organization_id:
        return None
    return ctx.user.organization.path


def profile_values(ctx: worklist.Context) -> dict:
    """The rule profile in force on the work list's date, read once per work list."""
    if "profile_values" not in ctx.cache:
        ctx.cache["profile_values"] = values_on(ctx.on)[1]
    return ctx.cache["profile_values"]


@worklist.register(
    "members.transfer_not_confirmed",
    gettext_lazy("Transfers not confirmed in time"),
    rule="R9.3",
)
def transfers_not_confirmed(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R9.3: a transfer issued to an organization in the system and not confirmed within the
    reporting window; both the sending and the receiving side see it (two-sided scope)."""
    days = profile_values(ctx)["transfer.report_days"]
    issued_before = ctx.on - dt.timedelta(days=days)
    rows = (
        ctx.visible(Transfer)
        .awaiting_arrival()
        .filter(issued_on__lt=issued_before)
        .order_by("issued_on", "id")
        .values_list("pk", "issued_on", "member__full_name", "to_organization__name")
    )
    base = reverse("members:transfer_detail", args=[0])[: -len("0/")]
    title = _("Transfer to %(org)s not confirmed")
    for pk, issued_on, name, destination in rows:
        yield worklist.WorkItem(
            check="members.transfer_not_confirmed",
            title=title % {"org": destination},
            url=f"{base}{pk}/",
            organization=destination,
            subject=name,
            due_on=issued_on + dt.timedelta(days=days),
            rule="R9.3",
        )


@worklist.register(
    "members.residence_comment_missing",
    gettext_lazy("Residence comments missing"),
    rule="R5.4",
)
def residence_comments_missing(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R5.4/R5.5: before the evaluation season, every working member in contact with a
    residence branch (category "none") needs that branch's comment for the year."""
    year, due, opens = residence_comment_window(ctx.on, profile_values(ctx))
    if ctx.on < opens:
        return
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    due_contacts = (
        ctx.visible(ResidenceContact)
        .filter(
            category=ResidenceCategory.NONE,
            member__status__in=(Status.OFFICIAL, Status.PROBATIONARY),
            valid_from__lte=year_end,
        )
        .exclude(valid_to__lte=year_start)
        .filter(~Exists(ResidenceComment.objects.filter(contact=OuterRef("pk"), year=year)))
    )
    fields = ("pk", "member__sort_key", "member__full_name", "residence_organization__name")
    path = _narrowest_path(ctx)
    if path is None or len(path) <= Organization.steplen:
        # A whole province: one query (both sides cover everything anyway).
        rows = list(due_contacts.values_list(*fields))
    else:
        # Both sides see a contact; one query per side, each on its own indexed path (the
        # narrower range first, see members.filters), instead of one OR no index can serve.
        found = {}
        for field in ResidenceContact.objects.none().scope_path_fields:
            side = ResidenceContact.objects.filter(subtree_q(field, path)) & due_contacts
            found.update((row[0], row) for row in side.values_list(*fields))
        rows = list(found.values())
    rows.sort(key=lambda row: (row[1], row[0]))
    base = reverse("members:residence_detail", args=[0])[: -len("0/")]
    title = _("No %(year)s comment from the residence branch %(org)s")
    for pk, _sort, name, residence in rows:
        yield worklist.WorkItem(
            check="members.residence_comment_missing",
            title=title % {"year": year, "org": residence},
            url=f"{base}{pk}/",
            organization=residence,
            subject=name,
            due_on=due,
            rule="R5.4",
        )
