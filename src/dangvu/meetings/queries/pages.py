"""What the meeting pages read: the branch a page is about, a meeting's records, the earlier
resolutions and tasks its minutes review, the scoring page, a branch's year, and the
organization and breadcrumbs of the statistics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from dangvu.core.filters import parse_id
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat, Organization, active_on_q

from .. import rules
from ..choices import CRITERIA, CRITERION_LABELS, REGULAR_KINDS, THEMATIC_KINDS, MeetingStatus
from ..models import Meeting, MeetingDocument, MeetingResolution, Task, Visit
from .committees import ancestor_paths
from .quality import computed_criteria, previous_meeting
from .reports import Period, branch_year_scores
from .roll_call import meeting_eligible, my_attendance, summary

# ---- the branch a page is about --------------------------------------------------------------


def branch_choices(user) -> QuerySet:
    """The active branches in the user's scope (where a meeting may be scheduled)."""
    return Organization.objects.visible_to(user).branches().active().order_by("path")


def branch_to_schedule(user, chosen: str | None) -> Organization | None:
    """The branch of a new meeting: `?organization=` (404 outside the user's branches), else
    the user's own branch, else None (the form then asks for it)."""
    if parse_id(chosen):
        return get_object_or_404(branch_choices(user), pk=parse_id(chosen))
    if user.organization is not None and user.organization.is_branch:
        return user.organization
    return None


def list_branch(user, chosen: Organization | None) -> Organization | None:
    """The branch the meeting list is about: the one filtered on, else the user's own."""
    if chosen is not None and chosen.is_branch:
        return chosen
    if user.organization is not None and user.organization.is_branch:
        return user.organization
    return None


# ---- one meeting --------------------------------------------------------------------------------


def meeting_records(meeting: Meeting, user, *, manager: bool) -> dict[str, Any]:
    """A meeting's page: its documents, resolutions, tasks, visitors, roll-call counts, the
    user's own attendance and the quality score by criterion."""
    member = user.member if user.member_id else None
    values = rules.values_in_force(meeting.date)
    return {
        "summary": summary(meeting),
        "documents": MeetingDocument.objects.visible_to(user).filter(meeting=meeting),
        "resolutions": MeetingResolution.objects.visible_to(user).filter(meeting=meeting),
        "tasks": Task.objects.visible_to(user).filter(meeting=meeting).select_related("assignee"),
        "visits": Visit.objects.filter(meeting=meeting).select_related("member", "committee"),
        "notified": meeting.notified.all() if manager else [],
        "my_attendance": my_attendance(meeting, member),
        "quality_rows": quality_rows(meeting, values),
        "minimum_minutes": rules.minimum_minutes(meeting.kind, values),
    }


def quality_rows(meeting: Meeting, values: dict) -> list[dict[str, Any]]:
    """R3.5/R3.6: the points of a scored meeting by criterion (the demo and older scores keep
    only points: their weights are the profile's)."""
    if meeting.quality_score is None:
        return []
    details = meeting.quality_details or {}
    weights = rules.criterion_weights(values)
    return [
        {
            "label": CRITERION_LABELS[name],
            "points": details.get("points", {}).get(name),
            "weight": details.get("weights", weights).get(name),
        }
        for name in CRITERIA
    ]


def minutes_reviewable(meeting: Meeting) -> tuple[QuerySet, QuerySet]:
    """R3.5.5: the previous meeting's resolutions and the branch's open tasks, with whatever
    was already marked reviewed at this meeting."""
    previous = previous_meeting(meeting)
    reviewed_here = Q(followed_up_at=meeting)
    resolutions = MeetingResolution.objects.filter(
        reviewed_here | Q(meeting=previous) if previous else reviewed_here
    )
    tasks = Task.objects.filter(
        reviewed_here
        | Q(
            organization_id=meeting.organization_id,
            meeting__scheduled_at__lt=meeting.scheduled_at,
            done_on__isnull=True,
        )
    )
    return resolutions.order_by("id")[:50], tasks.order_by("due_on", "id")[:100]


def minutes_officers(meeting: Meeting) -> dict[str, int | None]:
    """Who presumably chairs and takes the minutes, for a form not filled in yet: the branch's
    secretary in office on the meeting date chairs, its deputy takes the minutes (the deputy
    chairs when there is no secretary). Only members on the roll call (the form's choices)."""
    seats = dict(
        CommitteeSeat.objects.filter(
            active_on_q(meeting.date),
            organization_id=meeting.organization_id,
            role__in=(SeatRole.SECRETARY, SeatRole.DEPUTY),
            member__in=meeting_eligible(meeting),
        )
        .order_by("valid_from", "id")  # two seats of one role: the latest wins in the dict
        .values_list("role", "member_id")
    )
    secretary, deputy = seats.get(SeatRole.SECRETARY), seats.get(SeatRole.DEPUTY)
    if secretary is None:
        return {"chair": deputy, "minute_taker": None}
    return {"chair": secretary, "minute_taker": deputy}


def reviewed_ids(meeting: Meeting) -> tuple[list[str], list[str]]:
    """The resolutions and tasks marked reviewed at this meeting (the minutes form's choices)."""
    return (
        [str(pk) for pk in meeting.reviewed_resolutions.values_list("pk", flat=True)],
        [str(pk) for pk in meeting.reviewed_tasks.values_list("pk", flat=True)],
    )


def score_weights(meeting: Meeting) -> dict[str, int]:
    """R3.5/R3.6: the points of each criterion in the profile in force on the meeting's date."""
    return rules.criterion_weights(rules.values_in_force(meeting.date))


def score_page(meeting: Meeting) -> dict[str, Any]:
    """The scoring page: the criteria the records decide (for a held meeting of the members)
    and the province's scale in force on the meeting's date."""
    values = rules.values_in_force(meeting.date)
    weights = rules.criterion_weights(values)
    computed = []
    if meeting.status == MeetingStatus.HELD and meeting.is_member_meeting:
        computed = [
            {"label": CRITERION_LABELS[name], "met": ok, "weight": weights[name]}
            for name, ok in computed_criteria(meeting, values).items()
        ]
    return {"computed": computed, "scale": rules.scoring_scale(values)}


# ---- a branch's year ----------------------------------------------------------------------------


def branch_year(user, branch: Organization, year: int, today: dt.date) -> dict[str, Any]:
    """A branch's year: one line per month (its meetings, whether a regular and a thematic one
    were held, R3.1/R3.2) and the year's scores (R3.6)."""
    meetings = list(
        Meeting.objects.visible_to(user)
        .filter(organization=branch, year=year)
        .order_by("scheduled_at")
    )
    months = []
    for month in range(1, 13):
        these = [m for m in meetings if m.month == month]
        held = [m for m in these if m.status == MeetingStatus.HELD]
        months.append(
            {
                "month": month,
                "meetings": these,
                "regular": any(m.kind in REGULAR_KINDS for m in held),
                "thematic": any(m.kind in THEMATIC_KINDS for m in held),
                "past": dt.date(year, month, 1) <= today,
            }
        )
    scores = list(branch_year_scores(branch.path, Period.year(year)))
    return {
        "year": year,
        "years": range(today.year - 3, today.year + 2),
        "months": months,
        "scores": scores[0] if scores else None,
    }


# ---- statistics -----------------------------------------------------------------------------


def default_organization(user) -> Organization | None:
    """The statistics' organization when none is chosen: the user's own, or the root for
    those who see everything."""
    if user.organization_id is not None:
        return user.organization
    if user.sees_everything:
        return Organization.objects.get_root_nodes().first()
    return None


def visible_organization(user, pk: int) -> Organization | None:
    return Organization.objects.visible_to(user).filter(pk=pk).first()


def first_visible_organization(user) -> Organization | None:
    """The highest organization in the user's scope (the API's default)."""
    return Organization.objects.visible_to(user).order_by("depth", "path").first()


def breadcrumbs(user, organization: Organization, include_self: bool = False) -> list:
    """The organizations above `organization` that the user sees, root first (and
    `organization` itself last with `include_self`).

    Private to meetings for now: the shared one belongs in `organizations.queries`."""
    paths = ancestor_paths(organization.path)
    if include_self:
        paths.append(organization.path)
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))
