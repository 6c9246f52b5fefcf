"""The meetings app's blocks on the home page (`home_panels` in apps.py), given the user: a
member's notices and open tasks (the same reads as the "My meetings" page), and a branch
secretary's meetings of this month with their roll call."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from . import queries, services
from .queries.home import has_regular, month_meetings
from .rules.transitions import Action

HOME_NOTICES = 5  # the next meetings shown; the "My meetings" page has them all


def my_meetings(request, user) -> dict[str, Any] | None:
    """Next meetings and notices, open tasks: for a user linked to a party member."""
    if not user.member_id:
        return None
    context = queries.my_meetings(user, timezone.localdate())
    context["upcoming"] = list(context["upcoming"][:HOME_NOTICES])
    context["tasks"] = list(context["tasks"])
    return context


def branch_month(request, user) -> dict[str, Any] | None:
    """This month's meetings of the branch the user keeps (a secretary's own branch), each with
    its roll call when the transition table allows it now."""
    branch = user.organization
    if branch is None or not branch.is_branch or not services.may_schedule(user, branch):
        return None
    today = timezone.localdate()
    meetings = list(month_meetings(user, branch, today))
    for meeting in meetings:
        meeting.roll_call_open = services.meeting_actions(user, meeting)["actions"].get(
            Action.ROLL_CALL, False
        )
    return {
        "branch": branch,
        "month": today,
        "meetings": meetings,
        "has_regular": has_regular(meetings),
        "can_schedule": True,
    }
