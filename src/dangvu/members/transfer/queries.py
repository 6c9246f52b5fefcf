"""Reads of the transfer pages: the R9.3 deadline of each row and what the user may do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .. import rules
from ..rules.transitions import TRANSFER, available
from .models import Transfer


def mark_rows(transfers: Iterable[Transfer], user, today: dt.date) -> None:
    """Each listed transfer's `due_on` (R9.3), `overdue` and `can_confirm`."""
    for transfer in transfers:
        transfer.due_on = rules.due_on(transfer)
        transfer.overdue = transfer.due_on is not None and transfer.due_on < today
        transfer.can_confirm = available(TRANSFER, "confirm", user, transfer)


def detail(transfer: Transfer, user, today: dt.date) -> dict[str, Any]:
    """The transfer page's deadline and which of its actions the user may take now."""
    due_on = rules.due_on(transfer)
    return {
        "due_on": due_on,
        "overdue": due_on is not None and due_on < today,
        "actions": {name: available(TRANSFER, name, user, transfer) for name in TRANSFER},
    }
