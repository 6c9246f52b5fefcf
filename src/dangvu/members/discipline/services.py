"""Discipline services (rules.md §6): a decision, a case under consideration, its decision,
announcement or closing. A decision appends its MemberEvent; an expulsion also expels."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage

from .. import rules
from ..choices import DisciplineForm, EventKind
from ..events.records import record_event
from ..events.services import check_date, expel, require_active
from ..member.models import Member
from ..member.services import lock_member
from ..rules.transitions import DISCIPLINE, applies
from .models import Discipline


def _check_discipline_dates(signed_on, announced_on) -> None:
    today = timezone.localdate()
    errors: dict[str, list] = {}
    if signed_on is None:
        errors.setdefault("signed_on", []).append(_("Enter the date."))
    elif signed_on > today:
        errors.setdefault("signed_on", []).append(_("The date is in the future."))
    if announced_on is not None:
        if announced_on > today:
            errors.setdefault("announced_on", []).append(_("The date is in the future."))
        if signed_on and announced_on < signed_on:
            errors.setdefault("announced_on", []).append(
                _("The announcement is before the signature.")
            )
    if errors:
        raise ValidationError(errors, code="date_order")


def _decide(
    user,
    member: Member,
    discipline: Discipline,
    *,
    decision_number: str,
    decision_body: str,
    signed_on: dt.date,
    announced_on: dt.date | None,
    self_remedied: bool = False,
) -> Discipline:
    errors: dict[str, list] = {}
    if not decision_number:
        errors["decision_number"] = [_("This decision needs this field.")]
    if not decision_body:
        errors["decision_body"] = [_("This decision needs this field.")]
    if errors:
        raise ValidationError(errors, code="decision")
    _check_discipline_dates(signed_on, announced_on)
    require_active(member)
    check_date(member, signed_on, field="signed_on")
    rules.check_discipline_form(member, discipline.form, signed_on, discipline.post)
    discipline.decision_number = decision_number
    discipline.decision_body = decision_body
    discipline.signed_on = signed_on
    discipline.announced_on = announced_on
    discipline.self_remedied = bool(self_remedied)
    # R6.2/R6.10: from the announcement; until it is recorded, from the signature.
    discipline.expires_on = rules.discipline_expires_on(discipline.form, announced_on or signed_on)
    discipline.rule_profile = rules.profile_in_force(signed_on)
    discipline.recorded_by = user if getattr(user, "pk", None) else None
    discipline.save()
    record_event(
        user=user,
        member=member,
        kind=EventKind.DISCIPLINED,
        occurred_on=signed_on,
        note=discipline.reason,
        decision_number=decision_number,
        decision_date=signed_on,
        decision_body=decision_body,
        rule_profile=discipline.rule_profile,
        details={"discipline": discipline.pk, "form": discipline.form},
    )
    if discipline.form == DisciplineForm.EXPULSION:
        expel(user, member, signed_on, discipline)
    return discipline


def _new_discipline(member: Member, form: str, reason: str, post: str) -> Discipline:
    errors: dict[str, list] = {}
    if form not in DisciplineForm.values:
        errors["form"] = [_("Choose the form of discipline.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Describe the violation.")]
    if errors:
        raise ValidationError(errors, code="required")
    return Discipline(
        member=member,
        organization=member.organization,
        org_path=member.org_path,
        form=form,
        reason=reason.strip(),
        post=(post or "").strip(),
    )


@transaction.atomic
def record_discipline(
    *,
    user,
    member: Member,
    form: str,
    reason: str,
    decision_number: str,
    decision_body: str,
    signed_on: dt.date,
    announced_on: dt.date | None = None,
    post: str = "",
    self_remedied: bool = False,
    expected_version=None,
) -> Discipline:
    """A discipline decision (R6.1, R6.2, R6.10); an expulsion also expels the member."""
    member = lock_member(user, member, expected_version)
    discipline = _new_discipline(member, form, reason, post)
    return _decide(
        user,
        member,
        discipline,
        decision_number=decision_number,
        decision_body=decision_body,
        signed_on=signed_on,
        announced_on=announced_on,
        self_remedied=self_remedied,
    )


@transaction.atomic
def open_discipline_case(
    *, user, member: Member, form: str, reason: str, opened_on: dt.date, post: str = ""
) -> Discipline:
    """A case under consideration (R6.5: it blocks transfers until decided or dropped)."""
    member = lock_member(user, member)
    require_active(member)
    check_date(member, opened_on, field="opened_on")
    discipline = _new_discipline(member, form, reason, post)
    rules.check_discipline_form(member, form, opened_on, discipline.post)
    discipline.opened_on = opened_on
    discipline.recorded_by = user if getattr(user, "pk", None) else None
    discipline.save()
    return discipline


@transaction.atomic
def decide_discipline(
    *,
    user,
    discipline: Discipline,
    decision_number: str,
    decision_body: str,
    signed_on: dt.date,
    announced_on: dt.date | None = None,
    self_remedied: bool = False,
) -> Discipline:
    discipline = Discipline.objects.select_for_update().get(pk=discipline.pk)
    member = lock_member(user, discipline.member)
    if not applies(DISCIPLINE, "decide", discipline):
        raise ValidationError(_("This case is already settled."), code="settled")
    if discipline.opened_on and signed_on and signed_on < discipline.opened_on:
        raise ValidationError(
            {"signed_on": _("The decision is before the case was opened.")}, code="date_order"
        )
    return _decide(
        user,
        member,
        discipline,
        decision_number=decision_number,
        decision_body=decision_body,
        signed_on=signed_on,
        announced_on=announced_on,
        self_remedied=self_remedied,
    )


@transaction.atomic
def record_announcement(*, user, discipline: Discipline, announced_on: dt.date) -> Discipline:
    """R6.10: the announcement date, when it comes after the decision was recorded; the
    expiry (R6.2) is recomputed from it."""
    discipline = Discipline.objects.select_for_update().get(pk=discipline.pk)
    require_manage(user, discipline.organization)
    if not applies(DISCIPLINE, "announce", discipline):
        raise ValidationError(_("The case has no decision yet."), code="open")
    _check_discipline_dates(discipline.signed_on, announced_on)
    discipline.announced_on = announced_on
    discipline.expires_on = rules.discipline_expires_on(discipline.form, announced_on)
    discipline.save(update_fields=["announced_on", "expires_on", "updated_at"])
    return discipline


@transaction.atomic
def drop_discipline_case(*, user, discipline: Discipline, on: dt.date) -> Discipline:
    """A case closed without discipline: it no longer blocks anything."""
    discipline = Discipline.objects.select_for_update().get(pk=discipline.pk)
    require_manage(user, discipline.organization)
    if not applies(DISCIPLINE, "drop", discipline):
        raise ValidationError(_("This case is already settled."), code="settled")
    if on > timezone.localdate() or (discipline.opened_on and on < discipline.opened_on):
        raise ValidationError({"closed_on": _("Check the date.")}, code="date_order")
    discipline.closed_on = on
    discipline.save(update_fields=["closed_on", "updated_at"])
    return discipline
