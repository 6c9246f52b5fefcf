"""What may be done now, and by whom, on a member, a transfer, a discipline case and a
residence contact: one explicit table per record (like `admissions.choices.TRANSITIONS`).

Each `Transition` says in which state the action applies (`applies(obj)`) and whose managers may
take it (`actors(obj)`: the organizations whose managers act). The services refuse an action
the table does not allow (with their own message); the views ask `may_act` for the page's
permission and `available` to show a button or form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..choices import Status, TransferKind, TransferStatus
from .transfer import is_awaiting_arrival


@dataclass(frozen=True)
class Transition:
    applies: Callable[[Any], bool]  # the record's state allows the action
    actors: Callable[[Any], Sequence[Any]]  # the organizations whose managers may take it
    danger: bool = False  # shown in red where it is offered


def may_act(table: Mapping[str, Transition], action: str, user, obj) -> bool:
    """The user manages one of the organizations that may take the action (state aside)."""
    return any(org is not None and user.can_manage(org) for org in table[action].actors(obj))


def applies(table: Mapping[str, Transition], action: str, obj) -> bool:
    return table[action].applies(obj)


def available(table: Mapping[str, Transition], action: str, user, obj) -> bool:
    """The action applies to the record now and the user may take it."""
    return applies(table, action, obj) and may_act(table, action, user, obj)


# --- a member (the actions menu of the profile) ----------------------------------------------


def _branch(member) -> list:
    return [member.organization]


def _active(member) -> bool:
    return member.is_active


MEMBER: dict[str, Transition] = {
    "transfer": Transition(_active, _branch),
    "away": Transition(lambda m: m.is_active and not m.away_since, _branch),
    "away_end": Transition(lambda m: m.is_active and bool(m.away_since), _branch),
    "exempt": Transition(lambda m: m.is_active and not m.exempt_since, _branch),
    "exempt_end": Transition(lambda m: m.is_active and bool(m.exempt_since), _branch),
    "residence_add": Transition(_active, _branch),
    "discipline": Transition(_active, _branch, danger=True),
    "discipline_case": Transition(_active, _branch),
    "strike_off": Transition(_active, _branch, danger=True),
    "leave": Transition(_active, _branch, danger=True),
    "death": Transition(_active, _branch, danger=True),
    "restore": Transition(lambda m: m.status == Status.EXPELLED, _branch),
}


# --- a transfer: confirm on the receiving side, cancel or record the return on either --------


def _receiving(transfer) -> list:
    return [transfer.to_organization] if transfer.to_organization_id else []


def _either_side(transfer) -> list:
    return [o for o in (transfer.from_organization, transfer.to_organization) if o is not None]


def _ongoing_temporary(transfer) -> bool:
    """Confirmed in a host branch, or issued to a party outside the system, and not ended."""
    external = transfer.to_organization_id is None and transfer.status == TransferStatus.ISSUED
    return (
        transfer.kind == TransferKind.TEMPORARY
        and transfer.ended_on is None
        and (external or transfer.status == TransferStatus.CONFIRMED)
    )


TRANSFER: dict[str, Transition] = {
    "confirm": Transition(is_awaiting_arrival, _receiving),
    "cancel": Transition(is_awaiting_arrival, _either_side),
    "return": Transition(_ongoing_temporary, _either_side),
}


# --- a discipline case: decided, dropped or announced by the member's branch side -----------


def _case_branch(discipline) -> list:
    return [discipline.organization]


DISCIPLINE: dict[str, Transition] = {
    "decide": Transition(lambda d: d.is_open, _case_branch),
    "drop": Transition(lambda d: d.is_open, _case_branch),
    # R6.10: the announcement is recorded once a decision exists (and may be corrected).
    "announce": Transition(lambda d: d.signed_on is not None, _case_branch),
}


# --- a residence contact: both sides record on it; the residence side hands it to a branch --


def _contact_sides(contact) -> list:
    return [contact.member.organization, contact.residence_organization]


def _residence_side(contact) -> list:
    return [contact.residence_organization]


RESIDENCE: dict[str, Transition] = {
    "comment": Transition(lambda c: True, _contact_sides),
    "end": Transition(lambda c: c.valid_to is None, _contact_sides),
    "assign": Transition(lambda c: not c.residence_organization.is_branch, _residence_side),
}
