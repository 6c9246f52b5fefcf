"""Kept for other apps: the transfer services live in `members.transfer` (`services`: issue, cancel,
return; `arrivals`: confirm an arrival, receive from outside the system)."""

from .transfer.arrivals import confirm_transfer, receive_from_outside
from .transfer.services import cancel_transfer, end_temporary_transfer, issue_transfer

__all__ = [
    "cancel_transfer",
    "confirm_transfer",
    "end_temporary_transfer",
    "issue_transfer",
    "receive_from_outside",
]
