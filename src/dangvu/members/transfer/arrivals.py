"""Arrivals (rules.md §9): the receiving side confirms a transfer in the system, or records a
member arriving from a party organization outside it. The member's placement moves then, dated
the arrival; the time between the letter and the arrival is a gap in party age (R2.13)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import require_manage
from dangvu.organizations.models import Organization

from .. import rules
from ..choices import EventKind, PlacementKind, Status, TransferKind, TransferScope, TransferStatus
from ..events.records import record_event
from ..events.services import check_date, require_active
from ..member.models import Member
from ..member.services import create_member, update_member_state
from ..placement.models import Placement
from ..placement.services import require_branch
from ..rules.transitions import TRANSFER, applies
from .models import Transfer
from .services import letter_fields


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
        require_branch(branch)
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
    if not applies(TRANSFER, "confirm", transfer):
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
    letter = letter_fields(transfer)
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
    require_branch(branch)
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
        member = create_member(user=user, data=data, placed_on=received_on, facts=False)
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
        rule_profile=rules.profile_in_force(received_on),
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
