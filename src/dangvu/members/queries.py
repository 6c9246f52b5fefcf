"""Read paths for member lists and search (aggregation and filtering in SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from dangvu.core.calendar import add_months
from dangvu.core.text import fold

from .validators import normalize_digits


def search_members(queryset: QuerySet, text: str | None) -> QuerySet:
    """Name (diacritics and đ/d ignored, words in any order), card number or citizen ID."""
    if not text or not text.strip():
        return queryset
    digits = normalize_digits(text)
    if digits.isdigit():
        return queryset.filter(Q(card_number__startswith=digits) | Q(citizen_id__startswith=digits))
    for token in fold(text).split(" "):
        queryset = queryset.filter(name_key__contains=token)
    return queryset


def birth_range_for_age(low: int, high: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """Birth dates of people aged low..high (inclusive, completed years) on `on`."""
    latest = add_months(on, -12 * low)
    earliest = add_months(on, -12 * (high + 1)) + dt.timedelta(days=1)
    return earliest, latest


# --- Lifecycle (issue 3): the member's timeline ---------------------------------------------


@dataclass
class TimelineEntry:
    on: dt.date
    kind: str  # "event", "discipline", "transfer", "placement"
    icon: str
    title: str
    detail: str = ""
    url: str = ""
    muted: bool = False
    decision: str = ""


_EVENT_ICONS = {
    "admitted": "bi-flag",
    "recognized": "bi-patch-check",
    "transferred_out": "bi-box-arrow-right",
    "transferred_in": "bi-box-arrow-in-right",
    "temporary_out": "bi-box-arrow-up-right",
    "temporary_in": "bi-box-arrow-in-down-right",
    "reorganized": "bi-diagram-3",
    "disciplined": "bi-exclamation-octagon",
    "deceased": "bi-flower1",
    "away_started": "bi-geo-alt",
    "exempted": "bi-pause-circle",
}


def _decision_text(number: str, on: dt.date | None, body: str) -> str:
    parts = [p for p in (number, on.strftime("%d/%m/%Y") if on else "", body) if p]
    return " · ".join(parts)


def member_timeline(member, user) -> list[TimelineEntry]:
    """Events, disciplines, transfers and placements of a member, newest first; each list is
    read through the user's scope, like the rest of the profile."""
    from django.urls import reverse

    from .models import Discipline, MemberEvent, Placement, Transfer

    entries: list[TimelineEntry] = []
    events = (
        MemberEvent.objects.visible_to(user)
        .filter(member=member)
        .select_related("organization", "other_organization")
        .order_by("-occurred_on", "-id")
    )
    for event in events:
        where = event.organization.name
        other = event.other_organization.name if event.other_organization_id else event.other_party
        entries.append(
            TimelineEntry(
                on=event.occurred_on,
                kind="event",
                icon=_EVENT_ICONS.get(event.kind, "bi-dot"),
                title=str(event.get_kind_display()),
                detail=f"{where} → {other}"
                if other and event.kind.endswith("_out")
                else (f"{other} → {where}" if other and event.kind.endswith("_in") else where),
                decision=_decision_text(
                    event.decision_number, event.decision_date, event.decision_body
                ),
            )
        )
    for discipline in Discipline.objects.visible_to(user).filter(member=member):
        entries.append(
            TimelineEntry(
                on=discipline.signed_on or discipline.opened_on or discipline.created_at.date(),
                kind="discipline",
                icon="bi-exclamation-triangle",
                title=str(discipline.get_form_display()),
                detail=discipline.reason,
                url=reverse("members:discipline_detail", args=[discipline.pk]),
                decision=_decision_text(
                    discipline.decision_number, discipline.signed_on, discipline.decision_body
                ),
            )
        )
    transfers = (
        Transfer.objects.visible_to(user)
        .filter(member=member)
        .select_related("from_organization", "to_organization")
    )
    for transfer in transfers:
        entries.append(
            TimelineEntry(
                on=transfer.issued_on,
                kind="transfer",
                icon="bi-envelope-paper",
                title=str(transfer.get_status_display()),
                detail=f"{transfer.origin} → {transfer.destination}",
                url=reverse("members:transfer_detail", args=[transfer.pk]),
                decision=transfer.letter_number,
            )
        )
    placements = (
        Placement.objects.visible_to(user).filter(member=member).select_related("organization")
    )
    for placement in placements:
        entries.append(
            TimelineEntry(
                on=placement.valid_from,
                kind="placement",
                icon="bi-signpost",
                title=str(placement.get_kind_display()),
                detail=placement.organization.name,
                muted=True,
            )
        )
    order = {"event": 0, "discipline": 1, "transfer": 2, "placement": 3}
    entries.sort(key=lambda e: (e.on, -order[e.kind]), reverse=True)
    return entries
