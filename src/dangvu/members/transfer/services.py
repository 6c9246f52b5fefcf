"""Transfer services (chuyển sinh hoạt đảng, rules.md §9): issue, cancel, return.

The sending side issues the introduction letter (scope: the member's branch); the receiving
side confirms the arrival (`members.transfer.arrivals`). Leaving for an organization outside
the system is recorded at issue; an arrival from outside is recorded in `arrivals` too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import EventKind, PlacementKind, Status, TransferKind, TransferScope, TransferStatus
from ..events.records import record_event
from ..events.services import check_date, require_active
from ..member.models import Member
from ..member.services import lock_member, update_member_state
from ..placement.models import Placement
from ..placement.services import close_placements
from ..rules.transitions import TRANSFER, applies, may_act
from .models import Transfer


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
        rule_profile=rules.profile_in_force(issued_on),
    )
    if to_organization is None:
        _leave_for_outside(user, member, transfer)
    return transfer


def letter_fields(transfer: Transfer) -> dict[str, Any]:
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
        **letter_fields(transfer),
    )


def _manages_either_side(user, transfer: Transfer) -> None:
    if not may_act(TRANSFER, "cancel", user, transfer):
        sides = [o for o in (transfer.from_organization, transfer.to_organization) if o]
        require_manage(user, sides[0])


@transaction.atomic
def cancel_transfer(*, user, transfer: Transfer, on: dt.date, note: str = "") -> Transfer:
    """A letter withdrawn by the sender or returned by the receiver before the arrival."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    _manages_either_side(user, transfer)
    if not applies(TRANSFER, "cancel", transfer):
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
    if not applies(TRANSFER, "return", transfer):
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
        **letter_fields(transfer),
    )
    return transfer


def may_receive(user, _transfer=None) -> bool:
    """Who records an arrival from outside the system (creating the member)."""
    return user.is_editor
