"""Lifecycle services (biến động đảng viên): each transition changes the member's state and
appends its MemberEvent in one transaction, with its decision and who recorded it.

Transfers are in `members.transfers`; admission, recognition and re-admission belong to the
admissions app. Every refusal is a ValidationError raised before anything is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.profiles import profile_on
from dangvu.core.services import check_version, require_manage
from dangvu.organizations.models import Organization

from . import rules
from .choices import (
    ACTIVE_STATUSES,
    DisciplineForm,
    EventKind,
    PlacementKind,
    ResidenceCategory,
    Status,
    StrikeOffGround,
)
from .models import (
    Discipline,
    Member,
    MemberEvent,
    Placement,
    ResidenceComment,
    ResidenceContact,
)
from .services import _require_branch, record_event

DECISION_FIELDS = ("decision_number", "decision_date", "decision_body")


def lock_member(user, member: Member, expected_version: int | None = None) -> Member:
    """Re-read the member under a row lock, check the user manages their branch and that
    nobody saved the record since the form was opened."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member.pk)
    require_manage(user, member.organization)
    check_version(member, expected_version)
    return member


def last_event_date(member: Member) -> dt.date | None:
    return MemberEvent.objects.filter(member=member).aggregate(last=Max("occurred_on"))["last"]


def check_date(member: Member, on: dt.date | None, field: str = "occurred_on") -> dt.date:
    """A transition's date: given, not in the future, not before the admission nor before the
    member's last recorded change (history stays in order)."""
    if on is None:
        raise ValidationError({field: _("Enter the date.")}, code="required")
    if on > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")}, code="future")
    if on < member.admitted_on:
        raise ValidationError(
            {field: _("The date is before the member's admission.")}, code="date_order"
        )
    last = last_event_date(member)
    if last is not None and on < last:
        raise ValidationError(
            {
                field: _("The date is before the member's last recorded change (%(date)s).")
                % {"date": rules.short_date(last)}
            },
            code="date_order",
        )
    return on


def check_decision(decision: dict[str, Any], required: bool) -> None:
    """A decision's number, date and issuing body (required for removals), not in the future."""
    errors: dict[str, list] = {}
    if required:
        for name in DECISION_FIELDS:
            if not decision.get(name):
                errors.setdefault(name, []).append(_("This decision needs this field."))
    signed = decision.get("decision_date")
    if signed and signed > timezone.localdate():
        errors.setdefault("decision_date", []).append(_("The date is in the future."))
    if errors:
        raise ValidationError(errors, code="decision")


def require_active(member: Member) -> None:
    if member.status not in ACTIVE_STATUSES:
        raise ValidationError(
            _("This member is no longer on the roll (%(status)s).")
            % {"status": member.get_status_display()},
            code="not_active",
        )


def close_placements(member: Member, on: dt.date, field: str = "occurred_on") -> None:
    """End the member's open placements (official and temporary) on `on`."""
    open_placements = Placement.objects.filter(member=member, valid_to__isnull=True)
    started = open_placements.aggregate(last=Max("valid_from"))["last"]
    if started is not None and on <= started:
        raise ValidationError(
            {
                field: _("The date must be after the start of the member's placement (%(date)s).")
                % {"date": rules.short_date(started)}
            },
            code="date_order",
        )
    open_placements.update(valid_to=on, updated_at=timezone.now())


def update_member_state(member: Member, **fields: Any) -> None:
    """Denormalized state on Member, in the same transaction as the event (principle 2)."""
    Member.objects.filter(pk=member.pk).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    for name, value in fields.items():
        setattr(member, name, value)


def _decision(data: dict[str, Any]) -> dict[str, Any]:
    """The event's decision fields from the service's keyword arguments."""
    return {
        "decision_number": data.get("decision_number") or "",
        "decision_date": data.get("decision_date") or None,
        "decision_body": data.get("decision_body") or "",
    }


# --- working away, exemption ---------------------------------------------------------------


@transaction.atomic
def start_working_away(
    *, user, member: Member, on: dt.date, place: str = "", note: str = "", expected_version=None
) -> MemberEvent:
    """Đi làm ăn xa: the member works away from home from `on`."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    if member.away_since is not None:
        raise ValidationError(
            _("The member is already recorded as working away."), code="already_away"
        )
    check_date(member, on)
    update_member_state(member, away_since=on)
    return record_event(
        user=user,
        member=member,
        kind=EventKind.AWAY_STARTED,
        occurred_on=on,
        note=note,
        details={"place": place} if place else {},
    )


@transaction.atomic
def stop_working_away(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None
) -> MemberEvent:
    member = lock_member(user, member, expected_version)
    require_active(member)
    if member.away_since is None:
        raise ValidationError(_("The member is not recorded as working away."), code="not_away")
    check_date(member, on)
    if on < member.away_since:
        raise ValidationError(
            {"occurred_on": _("The date is before the member started working away.")},
            code="date_order",
        )
    update_member_state(member, away_since=None)
    return record_event(
        user=user, member=member, kind=EventKind.AWAY_ENDED, occurred_on=on, note=note
    )


@transaction.atomic
def exempt_from_party_work(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None, **decision
) -> MemberEvent:
    """Miễn công tác và sinh hoạt đảng (old age, illness), decided by the branch."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    if member.exempt_since is not None:
        raise ValidationError(_("The member is already exempted."), code="already_exempt")
    check_date(member, on)
    check_decision(decision, required=False)
    update_member_state(member, exempt_since=on)
    return record_event(
        user=user,
        member=member,
        kind=EventKind.EXEMPTED,
        occurred_on=on,
        note=note,
        **_decision(decision),
    )


@transaction.atomic
def end_exemption(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None
) -> MemberEvent:
    member = lock_member(user, member, expected_version)
    require_active(member)
    if member.exempt_since is None:
        raise ValidationError(_("The member is not exempted."), code="not_exempt")
    check_date(member, on)
    if on < member.exempt_since:
        raise ValidationError(
            {"occurred_on": _("The date is before the exemption started.")}, code="date_order"
        )
    update_member_state(member, exempt_since=None)
    return record_event(
        user=user, member=member, kind=EventKind.EXEMPTION_ENDED, occurred_on=on, note=note
    )


# --- leaving the roll ----------------------------------------------------------------------


def _leave_roll(
    user, member: Member, kind: str, status: str, on: dt.date, note: str, decision, details=None
) -> MemberEvent:
    """Close the member's placements, set the status and append the event."""
    close_placements(member, on)
    update_member_state(member, status=status, status_since=on, away_since=None)
    return record_event(
        user=user,
        member=member,
        kind=kind,
        occurred_on=on,
        note=note,
        # The first admission date, for the seniority of a later re-admission (R2.13).
        details={"admitted_on": member.admitted_on.isoformat(), **(details or {})},
        **_decision(decision),
    )


@transaction.atomic
def strike_off(
    *,
    user,
    member: Member,
    on: dt.date,
    ground: str,
    note: str = "",
    expected_version=None,
    **decision,
) -> MemberEvent:
    """R6.7 (QĐ 29 §8.1): xóa tên, proposed by the branch and decided by the competent
    committee on one of the listed grounds."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    if ground not in StrikeOffGround.values:
        raise ValidationError({"ground": _("Choose the ground of the removal.")}, code="ground")
    check_date(member, on)
    check_decision(decision, required=True)
    return _leave_roll(
        user,
        member,
        EventKind.STRUCK_OFF,
        Status.STRUCK_OFF,
        on,
        note,
        decision,
        {"ground": ground},
    )


@transaction.atomic
def allow_to_leave(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None, **decision
) -> MemberEvent:
    """R6.8 (HD 01 §11.2; Điều lệ Đ8.3): cho ra khỏi Đảng, only for a member with no
    violation: one under discipline or with a case open is disciplined first."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    check_date(member, on)
    check_decision(decision, required=True)
    blocking = rules.discipline_blocking_transfer(member, on)
    if blocking is not None:
        raise ValidationError(
            _(
                "A member with a discipline in force or a case under consideration cannot be "
                "allowed to leave; the case is settled first (R6.8)."
            ),
            code="violation",
        )
    return _leave_roll(user, member, EventKind.LEFT, Status.LEFT, on, note, decision)


@transaction.atomic
def record_death(
    *, user, member: Member, on: dt.date, note: str = "", expected_version=None
) -> MemberEvent:
    """Từ trần: the member's placements close on the date of death."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    check_date(member, on)
    return _leave_roll(user, member, EventKind.DECEASED, Status.DECEASED, on, note, {})


def _expel(user, member: Member, on: dt.date, discipline: Discipline) -> MemberEvent:
    """Khai trừ, run by an expulsion decision (never on its own)."""
    decision = {
        "decision_number": discipline.decision_number,
        "decision_date": discipline.signed_on,
        "decision_body": discipline.decision_body,
    }
    return _leave_roll(
        user,
        member,
        EventKind.EXPELLED,
        Status.EXPELLED,
        on,
        discipline.reason,
        decision,
        {"discipline": discipline.pk},
    )


@transaction.atomic
def restore(
    *,
    user,
    member: Member,
    on: dt.date,
    branch: Organization | None = None,
    note: str = "",
    expected_version=None,
    **decision,
) -> MemberEvent:
    """A member wrongly expelled and cleared: back on the roll with a continuous party age
    (R2.13); the expulsion is annulled. They return to their branch (or `branch` if it was
    dissolved meanwhile)."""
    member = lock_member(user, member, expected_version)
    if member.status != Status.EXPELLED:
        raise ValidationError(_("Only an expelled member can be restored."), code="not_expelled")
    check_date(member, on)
    check_decision(decision, required=True)
    branch = branch or member.organization
    require_manage(user, branch)
    _require_branch(branch)
    status = Status.OFFICIAL if member.recognized_on else Status.PROBATIONARY
    Discipline.objects.filter(
        member=member, form=DisciplineForm.EXPULSION, annulled_on__isnull=True
    ).update(annulled_on=on, updated_at=timezone.now())
    Placement.objects.create(
        member=member, organization=branch, kind=PlacementKind.OFFICIAL, valid_from=on
    )
    update_member_state(
        member,
        status=status,
        status_since=on,
        organization=branch,
        org_path=branch.path,
    )
    return record_event(
        user=user,
        member=member,
        kind=EventKind.RESTORED,
        occurred_on=on,
        note=note,
        **_decision(decision),
    )


# --- discipline ----------------------------------------------------------------------------


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
    discipline.rule_profile = profile_on(signed_on)
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
        _expel(user, member, signed_on, discipline)
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
    if not discipline.is_open:
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
    if discipline.signed_on is None:
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
    if not discipline.is_open:
        raise ValidationError(_("This case is already settled."), code="settled")
    if on > timezone.localdate() or (discipline.opened_on and on < discipline.opened_on):
        raise ValidationError({"closed_on": _("Check the date.")}, code="date_order")
    discipline.closed_on = on
    discipline.save(update_fields=["closed_on", "updated_at"])
    return discipline


# --- residence contact (QĐ 213) ------------------------------------------------------------


@transaction.atomic
def add_residence_contact(
    *,
    user,
    member: Member,
    residence_organization: Organization,
    valid_from: dt.date,
    category: str = ResidenceCategory.NONE,
    letter_number: str = "",
    letter_date: dt.date | None = None,
    issuing_body: str = "",
    note: str = "",
) -> ResidenceContact:
    """R5.1–R5.5: the workplace side records the residence branch a working member keeps
    contact with (the previous contact, if any, ends that day)."""
    member = lock_member(user, member)
    require_active(member)
    errors: dict[str, list] = {}
    if category not in ResidenceCategory.values:
        errors["category"] = [_("Choose the category.")]
    if residence_organization is None:
        errors["residence_organization"] = [_("Choose the residence branch.")]
    elif not residence_organization.is_active:
        errors["residence_organization"] = [_("This organization has been dissolved.")]
    elif residence_organization.pk == member.organization_id:
        errors["residence_organization"] = [
            _("The residence branch is another branch than the member's own.")
        ]
    if valid_from is None:
        errors["valid_from"] = [_("Enter the date.")]
    elif valid_from > timezone.localdate():
        errors["valid_from"] = [_("The date is in the future.")]
    if letter_date and valid_from and letter_date > valid_from:
        errors["letter_date"] = [_("The letter is dated after the contact starts.")]
    if errors:
        raise ValidationError(errors, code="invalid")
    current = ResidenceContact.objects.filter(member=member, valid_to__isnull=True)
    if current.filter(valid_from__gte=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("The member's current contact starts on or after this date.")},
            code="date_order",
        )
    current.update(valid_to=valid_from, updated_at=timezone.now())
    return ResidenceContact.objects.create(
        member=member,
        residence_organization=residence_organization,
        residence_org_path=residence_organization.path,
        letter_number=letter_number,
        letter_date=letter_date,
        issuing_body=issuing_body,
        category=category,
        valid_from=valid_from,
        note=note,
    )


def _manages_contact(user, contact: ResidenceContact) -> None:
    """Either side of a residence contact may record on it (workplace or residence)."""
    if not user.can_manage(contact.member.organization):
        require_manage(user, contact.residence_organization)


@transaction.atomic
def end_residence_contact(*, user, contact: ResidenceContact, on: dt.date) -> ResidenceContact:
    contact = (
        ResidenceContact.objects.select_for_update()
        .select_related("member__organization", "residence_organization")
        .get(pk=contact.pk)
    )
    _manages_contact(user, contact)
    if contact.valid_to is not None:
        raise ValidationError(_("This contact has already ended."), code="ended")
    if on is None or on <= contact.valid_from or on > timezone.localdate():
        raise ValidationError(
            {"valid_to": _("The end must be after the start and not in the future.")},
            code="date_order",
        )
    contact.valid_to = on
    contact.save(update_fields=["valid_to", "updated_at"])
    return contact


@transaction.atomic
def assign_residence_branch(
    *, user, contact: ResidenceContact, branch: Organization
) -> ResidenceContact:
    """The receiving commune committee hands the member to a branch of its own (QĐ 213 Đ4)."""
    contact = (
        ResidenceContact.objects.select_for_update()
        .select_related("residence_organization")
        .get(pk=contact.pk)
    )
    require_manage(user, contact.residence_organization)
    require_manage(user, branch)
    if not branch.path.startswith(contact.residence_organization.path) or not branch.is_branch:
        raise ValidationError(
            {"branch": _("Choose a branch of the receiving organization.")}, code="branch"
        )
    _require_branch(branch)
    contact.residence_organization = branch
    contact.residence_org_path = branch.path
    contact.save(update_fields=["residence_organization", "residence_org_path", "updated_at"])
    return contact


@transaction.atomic
def add_residence_comment(
    *,
    user,
    contact: ResidenceContact,
    year: int,
    content: str,
    received_on: dt.date,
    signed_by: str = "",
) -> ResidenceComment:
    """R5.4 (QĐ 213 Đ3.4): the residence branch's yearly comment on the working member."""
    contact = ResidenceContact.objects.select_related(
        "member__organization", "residence_organization"
    ).get(pk=contact.pk)
    _manages_contact(user, contact)
    errors: dict[str, list] = {}
    today = timezone.localdate()
    if not year or year < contact.valid_from.year or year > today.year:
        errors["year"] = [_("The year must fall within the contact, up to this year.")]
    if not (content or "").strip():
        errors["content"] = [_("Write the comment.")]
    if received_on is None:
        errors["received_on"] = [_("Enter the date.")]
    elif received_on > today:
        errors["received_on"] = [_("The date is in the future.")]
    elif year and received_on.year < year:
        errors["received_on"] = [_("A comment on a year is received during or after it.")]
    if not errors and ResidenceComment.objects.filter(contact=contact, year=year).exists():
        errors["year"] = [_("The comment for this year is already recorded.")]
    if errors:
        raise ValidationError(errors, code="invalid")
    return ResidenceComment.objects.create(
        contact=contact,
        year=year,
        content=content.strip(),
        signed_by=signed_by,
        received_on=received_on,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
