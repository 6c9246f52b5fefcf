"""Bricks of the meeting services: the lock, the version bump, and who may do what (the
permissions the pages and the API ask; the statuses are the transition table's,
`rules.transitions`)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils import timezone

from .. import queries
from ..models import Meeting
from ..rules import transitions


def lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("organization").select_for_update().get(pk=meeting.pk)


def bump(meeting: Meeting, **fields: Any) -> Meeting:
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1, **fields)
    meeting.refresh_from_db()
    return meeting


# ---- who may ---------------------------------------------------------------------------------


def may_manage(user, meeting) -> bool:
    """The branch's managers keep its meetings (roll call, minutes, documents, score…)."""
    return user.can_manage(meeting.organization)


def may_manage_visit(user, visit) -> bool:
    return user.can_manage(visit.meeting.organization)


def may_manage_duty(user, duty) -> bool:
    return user.can_manage(duty.committee)


def may_manage_organization(user, organization) -> bool:
    """A committee's duties, a branch's year: those who manage the organization."""
    return user.can_manage(organization)


def may_schedule(user, organization=None) -> bool:
    """Editors schedule meetings; for a given branch, those who manage it."""
    return user.is_editor and (organization is None or user.can_manage(organization))


def may_see_statistics(user, _obj=None) -> bool:
    """Statistics and visit compliance are for the committees and their offices."""
    return not user.is_plain_member


def may_open_task(user, task) -> bool:
    """A task's page is open to members (the assignee marks it done, `complete_task` checks)
    and to the branch's managers."""
    return bool(user.member_id) or user.can_manage(task.organization)


def meeting_actions(user, meeting: Meeting) -> dict[str, Any]:
    """What the meeting's page offers this user now (`actions`: the transition table's
    buttons), whether they manage it, and whether they see the roll call's counts."""
    manager = may_manage(user, meeting)
    member = user.member if user.member_id else None
    now = timezone.now()
    on_roll = queries.apology_open(meeting, member, now)  # the service's own predicate
    return {
        "can_manage": manager,
        "actions": transitions.offered(meeting, manager=manager, on_roll=on_roll, now=now),
        "show_roll": manager or not user.is_plain_member,
    }
