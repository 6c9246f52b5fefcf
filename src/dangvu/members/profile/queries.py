"""Reads of the member's profile page: the related rows in the user's scope and the timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from dangvu.organizations.models import CommitteeSeat, Organization

from ..discipline.models import Discipline
from ..events.models import MemberEvent
from ..member.models import Member
from ..placement.models import MemberPost, Placement
from ..transfer.models import Transfer


def branch_breadcrumbs(user, branch: Organization) -> list[Organization]:
    """The branch and its ancestors the user sees, from the top."""
    step = Organization.steplen
    paths = [branch.path[:i] for i in range(step, len(branch.path) + 1, step)]
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


def profile_rows(member: Member, user, today: dt.date) -> dict[str, Any]:
    """Seats, posts and placements of the member, each read through the user's scope (a seat or
    placement elsewhere stays invisible)."""
    posts = list(
        MemberPost.objects.visible_to(user)
        .filter(member=member)
        .select_related("locality")
        .order_by("-valid_from")
    )
    for post in posts:
        post.is_current = post.valid_to is None or post.valid_to > today
    return {
        "seats": CommitteeSeat.objects.visible_to(user)
        .current(today)
        .filter(member=member)
        .select_related("organization")
        .order_by("valid_from"),
        "posts": posts,
        "placements": Placement.objects.visible_to(user)
        .filter(member=member)
        .select_related("organization")
        .order_by("-valid_from"),
    }


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
