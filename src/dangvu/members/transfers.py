"""Transfer services (chuyển sinh hoạt đảng, rules.md §9): issue, confirm, cancel, return.

The sending side issues the introduction letter (scope: the member's branch); the receiving
side confirms the arrival (scope: the receiving organization) and the member's placement moves
then, dated the arrival. Leaving for an organization outside the system is recorded at issue;
an arrival from outside creates (or brings back) the member, already confirmed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.profiles import profile_on
from dangvu.core.services import require_manage
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization

from . import rules
from .choices import (
    EventKind,
    PlacementKind,
    Status,
    TransferKind,
    TransferScope,
    TransferStatus,
)
from .lifecycle import (
    check_date,
    close_placements,
    lock_member,
    require_active,
    update_member_state,
)
from .models import Member, Placement, Transfer
from .services import _require_branch, create_member, record_event


def _province_path(org: Organization) -> str:
    return org.path[: Organization.steplen]


def _check_destination(member: Member, kind: str, scope: str, to_organization, to_party) -> None:
    errors: dict[str, list] = {}
    if kind not in TransferKind.values:
        errors["kind"] = [_("Choose the kind of transfer.")]
    if scope not in TransferScope.values:
        errors["scope"] = [_("Choose where the member goes.")]
    if errors:
        raise ValidationError(errors, code="required")
    if (to_organization is None) == (not to_party):
        raise ValidationError(
            {
                "to_organization": _(
                    "Choose the receiving organization in the system, or name the party "
                    "organization outside it (one of the two)."
                )
            },
            code="destination",
        )
    if to_organization is None:
        if scope == TransferScope.WITHIN_PROVINCE:
            raise ValidationError(
                {"to_organization": _("A transfer within the province goes to an organization.")},
                code="scope",
            )
        return
    if to_organization.pk == member.organization_id:
        raise ValidationError(
            {"to_organization": _("The member is already in this branch.")}, code="same_branch"
        )
    if not to_organization.is_active:
        raise ValidationError(
            {"to_organization": _("This organization has been dissolved.")}, code="dissolved"
        )
    if to_organization.kind == Kind.PARTY_GROUP:
        raise ValidationError(
            {"to_organization": _("Members are received by a branch or a committee.")},
            code="kind",
        )
    same_province = _province_path(to_organization) == _province_path(member.organization)
    if scope == TransferScope.ABROAD or (scope == TransferScope.OTHER_PROVINCE and same_province):
        raise ValidationError(
            {"scope": _("The receiving organization is in the province: choose 'within'.")},
            code="scope",
        )
    if scope == TransferScope.WITHIN_PROVINCE and not same_province:
        raise ValidationError(
            {"scope": _("The receiving organization is in another province.")}, code="scope"
        )


def _check_no_open_transfer(member: Member) -> None:
    """One transfer at a time: a second letter while one awaits arrival is refused, and an
    official transfer waits for the end of a temporary one."""
    transfers = Transfer.objects.filter(member=member)
    if transfers.awaiting_arrival().exists():
        raise ValidationError(
            _("A transfer of this member is already awaiting arrival."), code="open_transfer"
        )
    temporary = transfers.filter(kind=TransferKind.TEMPORARY, ended_on__isnull=True).exclude(
        status=TransferStatus.CANCELLED
    )
    if temporary.exists():
        raise ValidationError(
            _("The member is on a temporary transfer: record the return first."),
            code="open_transfer",
        )


@transaction.atomic
def issue_transfer(
    *,
    user,
    member: Member,
    kind: str,
    scope: str,
    letter_number: str,
    issued_on: dt.date,
    to_organization: Organization | None = None,
    to_party: str = "",
    issuing_body: str = "",
    until: dt.date | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Transfer:
    """The sending side's introduction letter (R9.1, R9.2). Refused for a member under
    discipline or with a case open (R6.5), with another transfer open, or to their own branch."""
    member = lock_member(user, member, expected_version)
    require_active(member)
    to_party = (to_party or "").strip()
    _check_destination(member, kind, scope, to_organization, to_party)
    if not (letter_number or "").strip():
        raise ValidationError(
            {"letter_number": _("Enter the introduction letter's number.")}, code="required"
        )
    check_date(member, issued_on, field="issued_on")
    if until is not None and until <= issued_on:
        raise ValidationError(
            {"until": _("The expected end must be after the issue date.")}, code="date_order"
        )
    rules.check_no_discipline_blocks_transfer(member, issued_on)
    _check_no_open_transfer(member)
    transfer = Transfer.objects.create(
        member=member,
        kind=kind,
        scope=scope,
        from_organization=member.organization,
        from_org_path=member.org_path,
        to_organization=to_organization,
        to_org_path=to_organization.path if to_organization else "",
        to_party=to_party,
        letter_number=letter_number.strip(),
        issued_on=issued_on,
        issuing_body=issuing_body,
        until=until if kind == TransferKind.TEMPORARY else None,
        note=note,
        issued_by=user if getattr(user, "pk", None) else None,
        rule_profile=profile_on(issued_on),
    )
    if to_organization is None:
        _leave_for_outside(user, member, transfer)
    return transfer


def _letter(transfer: Transfer) -> dict[str, Any]:
    return {
        "decision_number": transfer.letter_number,
        "decision_date": transfer.issued_on,
        "decision_body": transfer.issuing_body,
        "details": {"transfer": transfer.pk},
    }


def _leave_for_outside(user, member: Member, transfer: Transfer) -> None:
    """An official transfer out of the system is leaving the roll (status TRANSFERRED_OUT);
    a temporary one keeps the member in their home branch (R9.2)."""
    if transfer.kind == TransferKind.OFFICIAL:
        close_placements(member, transfer.issued_on, field="issued_on")
        update_member_state(member, status=Status.TRANSFERRED_OUT, status_since=transfer.issued_on)
        kind = EventKind.TRANSFERRED_OUT
    else:
        kind = EventKind.TEMPORARY_OUT
    record_event(
        user=user,
        member=member,
        kind=kind,
        occurred_on=transfer.issued_on,
        other_party=transfer.to_party,
        note=transfer.note,
        **_letter(transfer),
    )


def _receiving_branch(user, transfer: Transfer, branch: Organization | None) -> Organization:
    target = transfer.to_organization
    if branch is None:
        if not target.is_branch:
            raise ValidationError(
                {"branch": _("Choose the branch the member joins.")}, code="required"
            )
        branch = target
    if not branch.path.startswith(target.path):
        raise ValidationError(
            {"branch": _("The branch must belong to the receiving organization.")},
            code="branch",
        )
    require_manage(user, branch)
    try:
        _require_branch(branch)
    except ValidationError as error:
        raise ValidationError({"branch": error.message_dict["organization"]}) from error
    return branch


@transaction.atomic
def confirm_transfer(
    *, user, transfer: Transfer, received_on: dt.date, branch: Organization | None = None
) -> Transfer:
    """The receiving side confirms the arrival: the placement moves, dated the arrival.

    Official: the member's branch changes (placement closed and opened on `received_on`).
    Temporary: a temporary placement in the host branch; the home branch keeps the member.
    The time between the letter and the arrival is a gap in party age (R2.13, R9.3).
    """
    transfer = (
        # Lock only the transfer row: PostgreSQL refuses FOR UPDATE on the nullable side of the
        # outer joins that select_related adds.
        Transfer.objects.select_for_update(of=("self",))
        .select_related("to_organization", "from_organization")
        .get(pk=transfer.pk)
    )
    if transfer.to_organization is None:
        raise ValidationError(_("This transfer left the system."), code="external")
    require_manage(user, transfer.to_organization)
    if transfer.status != TransferStatus.ISSUED:
        raise ValidationError(
            _("This transfer is %(status)s.") % {"status": transfer.get_status_display()},
            code="not_open",
        )
    member = (
        Member.objects.select_for_update().select_related("organization").get(pk=transfer.member_id)
    )
    require_active(member)
    branch = _receiving_branch(user, transfer, branch)
    if received_on is None:
        raise ValidationError({"received_on": _("Enter the date.")}, code="required")
    if received_on < transfer.issued_on:
        raise ValidationError(
            {"received_on": _("The arrival is before the letter was issued.")},
            code="date_order",
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date is in the future.")}, code="future")
    letter = _letter(transfer)
    if transfer.kind == TransferKind.OFFICIAL:
        if branch.pk == member.organization_id:
            raise ValidationError(
                {"branch": _("The member is already in this branch.")}, code="same_branch"
            )
        current = Placement.objects.filter(
            member=member, kind=PlacementKind.OFFICIAL, valid_to__isnull=True
        )
        started = current.order_by("-valid_from").values_list("valid_from", flat=True).first()
        if started is not None and received_on <= started:
            raise ValidationError(
                {
                    "received_on": _(
                        "The arrival must be after the start of the member's placement (%(date)s)."
                    )
                    % {"date": rules.short_date(started)}
                },
                code="date_order",
            )
        current.update(valid_to=received_on, updated_at=timezone.now())
        Placement.objects.create(
            member=member,
            organization=branch,
            kind=PlacementKind.OFFICIAL,
            valid_from=received_on,
        )
        origin = member.organization
        record_event(
            user=user,
            member=member,
            kind=EventKind.TRANSFERRED_OUT,
            occurred_on=transfer.issued_on,
            organization=origin,
            other_organization=branch,
            **letter,
        )
        update_member_state(member, organization=branch, org_path=branch.path)
        record_event(
            user=user,
            member=member,
            kind=EventKind.TRANSFERRED_IN,
            occurred_on=received_on,
            organization=branch,
            other_organization=origin,
            **letter,
        )
    else:
        if branch.pk == member.organization_id:
            raise ValidationError(
                {"branch": _("A temporary transfer goes to another branch than the home one.")},
                code="same_branch",
            )
        Placement.objects.create(
            member=member,
            organization=branch,
            kind=PlacementKind.TEMPORARY,
            valid_from=received_on,
        )
        record_event(
            user=user,
            member=member,
            kind=EventKind.TEMPORARY_OUT,
            occurred_on=transfer.issued_on,
            other_organization=branch,
            **letter,
        )
        record_event(
            user=user,
            member=member,
            kind=EventKind.TEMPORARY_IN,
            occurred_on=received_on,
            organization=branch,
            other_organization=member.organization,
            **letter,
        )
    transfer.status = TransferStatus.CONFIRMED
    transfer.received_on = received_on
    transfer.received_in = branch
    transfer.confirmed_by = user if getattr(user, "pk", None) else None
    transfer.save()
    return transfer


def _manages_either_side(user, transfer: Transfer) -> None:
    sides = [o for o in (transfer.from_organization, transfer.to_organization) if o is not None]
    if not any(user.can_manage(o) for o in sides):
        require_manage(user, sides[0])


@transaction.atomic
def cancel_transfer(*, user, transfer: Transfer, on: dt.date, note: str = "") -> Transfer:
    """A letter withdrawn by the sender or returned by the receiver before the arrival."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    _manages_either_side(user, transfer)
    if transfer.status != TransferStatus.ISSUED or transfer.to_organization_id is None:
        raise ValidationError(_("Only a transfer awaiting arrival can be cancelled."), code="state")
    if on is None or on < transfer.issued_on or on > timezone.localdate():
        raise ValidationError(
            {"cancelled_on": _("The date must be between the issue and today.")},
            code="date_order",
        )
    transfer.status = TransferStatus.CANCELLED
    transfer.cancelled_on = on
    if note:
        transfer.note = f"{transfer.note}\n{note}".strip()
    transfer.save()
    return transfer


@transaction.atomic
def end_temporary_transfer(*, user, transfer: Transfer, on: dt.date) -> Transfer:
    """The member returns from a temporary transfer: the host placement closes on `on`."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    _manages_either_side(user, transfer)
    external = transfer.to_organization_id is None and transfer.status == TransferStatus.ISSUED
    if (
        transfer.kind != TransferKind.TEMPORARY
        or transfer.ended_on is not None
        or not (external or transfer.status == TransferStatus.CONFIRMED)
    ):
        raise ValidationError(_("This is not an ongoing temporary transfer."), code="state")
    member = (
        Member.objects.select_for_update().select_related("organization").get(pk=transfer.member_id)
    )
    check_date(member, on, field="ended_on")
    started = transfer.received_on or transfer.issued_on
    if on <= started:
        raise ValidationError(
            {"ended_on": _("The return must be after the arrival.")}, code="date_order"
        )
    if not external:
        Placement.objects.filter(
            member=member,
            organization=transfer.received_in_id,
            kind=PlacementKind.TEMPORARY,
            valid_to__isnull=True,
        ).update(valid_to=on, updated_at=timezone.now())
    transfer.ended_on = on
    transfer.save()
    record_event(
        user=user,
        member=member,
        kind=EventKind.TEMPORARY_ENDED,
        occurred_on=on,
        other_organization=transfer.received_in,
        other_party=transfer.to_party,
        **_letter(transfer),
    )
    return transfer


@transaction.atomic
def receive_from_outside(
    *,
    user,
    branch: Organization,
    from_party: str,
    letter_number: str,
    issued_on: dt.date,
    received_on: dt.date,
    scope: str = TransferScope.OTHER_PROVINCE,
    member_data: dict[str, Any] | None = None,
    member: Member | None = None,
    issuing_body: str = "",
    note: str = "",
) -> Transfer:
    """An official transfer from a party organization outside the system, recorded as the
    arrival: a new member (through `create_member`) or one who had left and comes back."""
    require_manage(user, branch)
    _require_branch(branch)
    errors: dict[str, list] = {}
    if not (from_party or "").strip():
        errors["from_party"] = [_("Name the sending party organization.")]
    if not (letter_number or "").strip():
        errors["letter_number"] = [_("Enter the introduction letter's number.")]
    if scope not in (TransferScope.OTHER_PROVINCE, TransferScope.ABROAD):
        errors["scope"] = [_("An arrival from outside comes from another province or abroad.")]
    if issued_on is None:
        errors["issued_on"] = [_("Enter the date.")]
    if received_on is None:
        errors["received_on"] = [_("Enter the date.")]
    if errors:
        raise ValidationError(errors, code="required")
    if received_on < issued_on:
        raise ValidationError(
            {"received_on": _("The arrival is before the letter was issued.")}, code="date_order"
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date is in the future.")}, code="future")
    if member is None:
        data = dict(member_data or {}, organization=branch)
        if data.get("admitted_on") and issued_on < data["admitted_on"]:
            raise ValidationError(
                {"issued_on": _("The letter is before the member's admission.")},
                code="date_order",
            )
        member = create_member(user=user, data=data, placed_on=received_on)
    else:
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.status != Status.TRANSFERRED_OUT:
            raise ValidationError(
                _("Only a member who transferred out can come back this way."), code="state"
            )
        if not Member.objects.visible_to(user).filter(pk=member.pk).exists():
            require_manage(user, member.organization)
        check_date(member, received_on, field="received_on")
        status = Status.OFFICIAL if member.recognized_on else Status.PROBATIONARY
        Placement.objects.create(
            member=member,
            organization=branch,
            kind=PlacementKind.OFFICIAL,
            valid_from=received_on,
        )
        update_member_state(
            member,
            status=status,
            status_since=received_on,
            organization=branch,
            org_path=branch.path,
        )
    transfer = Transfer.objects.create(
        member=member,
        kind=TransferKind.OFFICIAL,
        scope=scope,
        status=TransferStatus.CONFIRMED,
        from_party=from_party.strip(),
        to_organization=branch,
        to_org_path=branch.path,
        received_in=branch,
        letter_number=letter_number.strip(),
        issued_on=issued_on,
        issuing_body=issuing_body,
        received_on=received_on,
        note=note,
        issued_by=None,
        confirmed_by=user if getattr(user, "pk", None) else None,
        rule_profile=profile_on(received_on),
    )
    record_event(
        user=user,
        member=member,
        kind=EventKind.TRANSFERRED_IN,
        occurred_on=received_on,
        organization=branch,
        other_party=transfer.from_party,
        decision_number=transfer.letter_number,
        decision_date=issued_on,
        decision_body=issuing_body,
        # The gap between leaving the other organization and arriving here (R2.13).
        details={"transfer": transfer.pk, "left_on": issued_on.isoformat()},
    )
    return transfer
