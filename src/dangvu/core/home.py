"""The home page ("/"): each role lands where its work is (issue 14).

- a party member: their own page — next meetings and notices, open tasks, the
  self-assessment of an open evaluation cycle, the link to their record;
- a branch secretary: their branch — this month's meetings with the roll call, the work list,
  the member list;
- committee staff (grassroots, direct-level and provincial boards, administrators): the work
  list and their organization's dashboard;
- the inspection committee: the work list for now (its cases app does not exist yet; its
  cases will be its home when it lands);
- a user bound to no organization: a page saying so, not an error.

The blocks are the apps' (`home_panels` in their AppConfig, `{% panels "home" user %}`), each
deciding from the user whether it has something to show; the work list is core's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from . import worklist

MEMBER, BRANCH, COMMITTEE, INSPECTION, OUTSIDER = (
    "member",
    "branch",
    "committee",
    "inspection",
    "outsider",
)
HOME_ITEMS = 10  # work-list items shown on the home page; the work list page has them all

# Role values (accounts.Role): core names them as strings, it imports no app.
_BRANCH_SECRETARY = "branch_secretary"
_INSPECTION = "inspection"


def landing(user) -> str:
    """Which home the user gets (one of MEMBER, BRANCH, COMMITTEE, INSPECTION, OUTSIDER)."""
    if user.sees_everything:
        return COMMITTEE
    if user.organization_id is None:
        return OUTSIDER  # sees nothing: no scope to work in
    if user.is_plain_member:
        return MEMBER
    if user.role == _BRANCH_SECRETARY:
        return BRANCH
    if user.role == _INSPECTION:
        return INSPECTION
    return COMMITTEE


def display_name(user) -> str:
    """The person's name: the member's full name when the account is linked to one."""
    if user.member_id:
        return user.member.full_name
    return user.get_full_name() or user.username


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        where = landing(user)
        context.update(landing=where, name=display_name(user), today=timezone.localdate())
        if where in (BRANCH, COMMITTEE, INSPECTION):
            items = worklist.work_list(user, on=context["today"])
            context.update(
                work_items=items[:HOME_ITEMS],
                work_total=len(items),
                work_overdue=sum(item.is_overdue(context["today"]) for item in items),
            )
        return context
