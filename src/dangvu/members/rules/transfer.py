"""Transfer rules (rules.md §9). R9.3 has one implementation here: the reporting window of an
introduction letter, read by the services, the lists and filters, and the work list."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from ..choices import TransferStatus
from .profile import value


def report_days(on: dt.date) -> int:
    """R9.3 (QĐ 24-QĐ/TW §6.3, secondary): days to present the letter (calendar days: [U])."""
    return value("transfer.report_days", on)


def transfer_report_deadline(issued_on: dt.date, days: int | None = None) -> dt.date:
    """R9.3: the member presents the letter to the receiving organization within 30 days of
    its issue (configurable; `days` as already read from the profile, else the issue date's)."""
    return issued_on + dt.timedelta(days=report_days(issued_on) if days is None else days)


def overdue_q(on: dt.date, days: int | None = None) -> Q:
    """R9.3 as a query condition: transfers issued to an organization in the system and still
    awaiting arrival after the reporting window that ended before `on`."""
    limit = on - dt.timedelta(days=report_days(on) if days is None else days)
    return Q(status=TransferStatus.ISSUED, to_organization__isnull=False, issued_on__lt=limit)


def is_awaiting_arrival(transfer) -> bool:
    """Issued to an organization in the system and not yet confirmed there."""
    return transfer.status == TransferStatus.ISSUED and transfer.to_organization_id is not None


def due_on(transfer) -> dt.date | None:
    """R9.3: when the member must have arrived, for a transfer awaiting arrival."""
    return transfer_report_deadline(transfer.issued_on) if is_awaiting_arrival(transfer) else None
