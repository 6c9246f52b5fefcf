"""After the meeting: the minutes (R3.8), resolutions, tasks and the quality score (R3.5,
R3.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from dangvu.core.services import check_version, require_manage
from dangvu.members.models import Member

from .. import queries, rules
from ..choices import ENTERED_CRITERIA
from ..models import Meeting, MeetingResolution, Task
from ..rules import transitions
from ..rules.transitions import Action
from .common import bump, lock


def _branch_member(meeting: Meeting, member: Member | None, field: str) -> None:
    if member is not None and not queries.on_roll_call(meeting, member):
        raise ValidationError({field: _("Choose a member of the branch.")})


@transaction.atomic
def record_minutes(
    *, user, meeting: Meeting, data: dict[str, Any], expected_version: int | None = None
) -> Meeting:
    """R3.8: the minutes (biên bản): actual times, chair and minute taker, each agenda item's
    content, opinions and votes, the conclusions; what of earlier meetings was reviewed."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    transitions.require(Action.MINUTES, meeting)
    errors: dict[str, list] = {}
    started, ended = data.get("started_at"), data.get("ended_at")
    if started and ended and ended <= started:
        errors["ended_at"] = [_("The end must be after the start.")]
    elif started and ended and ended - started > dt.timedelta(hours=12):
        errors["ended_at"] = [_("A meeting lasts less than 12 hours: check the times.")]
    if started and started > timezone.now():
        errors.setdefault("started_at", []).append(_("The minutes are recorded after the meeting."))
    items = []
    for item in data.get("items", []):
        votes = [item.get(k) for k in ("for", "against", "abstain")]
        if any(v is not None and v < 0 for v in votes):
            errors.setdefault("items", []).append(_("Vote counts cannot be negative."))
        items.append(
            {
                "item": str(item.get("item", ""))[:500],
                "content": str(item.get("content") or "").strip(),
                "opinions": str(item.get("opinions") or "").strip(),
                "for": item.get("for"),
                "against": item.get("against"),
                "abstain": item.get("abstain"),
            }
        )
    if errors:
        raise ValidationError(errors)
    _branch_member(meeting, data.get("chair"), "chair")
    _branch_member(meeting, data.get("minute_taker"), "minute_taker")
    earlier = Q(meeting__organization_id=meeting.organization_id) & Q(
        meeting__scheduled_at__lt=meeting.scheduled_at
    )
    if data.get("reviewed_resolutions") is not None:
        MeetingResolution.objects.filter(earlier, followed_up_at=meeting).update(
            followed_up_at=None
        )
        MeetingResolution.objects.filter(earlier, pk__in=data["reviewed_resolutions"]).update(
            followed_up_at=meeting
        )
    if data.get("reviewed_tasks") is not None:
        Task.objects.filter(earlier, followed_up_at=meeting).update(followed_up_at=None)
        Task.objects.filter(earlier, pk__in=data["reviewed_tasks"]).update(followed_up_at=meeting)
    chair, taker = data.get("chair"), data.get("minute_taker")
    return bump(
        meeting,
        started_at=started,
        ended_at=ended,
        chair=chair,
        minute_taker=taker,
        guests=(data.get("guests") or "").strip()[:500],
        minutes_items=items,
        conclusions=(data.get("conclusions") or "").strip(),
        minutes_recorded_at=meeting.minutes_recorded_at or timezone.now(),
        status=transitions.target(Action.MINUTES),
    )


@transaction.atomic
def add_resolution(*, user, meeting: Meeting, data: dict[str, Any]) -> MeetingResolution:
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.RESOLUTION, meeting)
    resolution = MeetingResolution(
        meeting=meeting,
        number=(data.get("number") or "").strip(),
        title=(data.get("title") or "").strip(),
        content=(data.get("content") or "").strip(),
        votes_for=data.get("votes_for"),
        votes_against=data.get("votes_against"),
        votes_abstain=data.get("votes_abstain"),
    )
    resolution.full_clean(exclude=["meeting", "followed_up_at"])
    resolution.save()
    bump(meeting)
    return resolution


@transaction.atomic
def add_task(*, user, meeting: Meeting, data: dict[str, Any]) -> Task:
    """A task assigned at the meeting to a member of the branch or to a group."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    transitions.require(Action.TASK, meeting)
    assignee, group = data.get("assignee"), (data.get("group") or "").strip()
    if assignee is None and not group:
        raise ValidationError({"assignee": _("Assign the task to a member or a group.")})
    _branch_member(meeting, assignee, "assignee")
    due_on = data.get("due_on")
    if due_on is not None and due_on < meeting.date:
        raise ValidationError({"due_on": _("The due date is before the meeting.")})
    task = Task(
        meeting=meeting,
        organization=meeting.organization,
        org_path=meeting.org_path,
        title=(data.get("title") or "").strip(),
        assignee=assignee,
        group=group,
        due_on=due_on,
        note=(data.get("note") or "").strip(),
    )
    task.full_clean(exclude=["meeting", "organization", "followed_up_at", "done_on"])
    task.save()
    bump(meeting)
    return task


@transaction.atomic
def complete_task(*, user, task: Task, done_on: dt.date) -> Task:
    """Mark a task done: by the branch, or by the member it was assigned to."""
    task = Task.objects.select_for_update().select_related("organization").get(pk=task.pk)
    if not (user.member_id and user.member_id == task.assignee_id):
        require_manage(user, task.organization)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date is in the future.")})
    if done_on < task.meeting.date:
        raise ValidationError({"done_on": _("The date is before the meeting that assigned it.")})
    task.done_on = done_on
    task.save(update_fields=["done_on", "updated_at"])
    return task


@transaction.atomic
def score_meeting(
    *, user, meeting: Meeting, entered: dict[str, int], expected_version: int | None = None
) -> Meeting:
    """R3.5/R3.6: score a held meeting with the province's scale in force on its date; the
    criteria the records decide are computed, the others entered; the profile is recorded."""
    meeting = lock(meeting)
    require_manage(user, meeting.organization)
    check_version(meeting, expected_version)
    transitions.require(Action.SCORE, meeting)
    profile, values = rules.profile_and_values(meeting.date)
    weights = rules.criterion_weights(values)
    errors = {}
    for name in ENTERED_CRITERIA:
        points = entered.get(name)
        if points is None or not 0 <= int(points) <= weights[name]:
            errors[name] = [_("Enter between 0 and %(max)s points.") % {"max": weights[name]}]
    if errors:
        raise ValidationError(errors)
    result = rules.score_meeting(queries.computed_criteria(meeting, values), entered, values)
    return bump(
        meeting,
        quality_score=result["score"],
        quality_rating=result["rating"],
        quality_details={"points": result["points"], "met": result["met"], "weights": weights},
        quality_profile=profile,
        scored_at=timezone.now(),
    )
