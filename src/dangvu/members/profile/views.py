"""The member's profile page: the record, seats, posts and placements, party age, timeline,
change history and the menu of actions."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dangvu.core.generic import DetailView
from dangvu.core.views import audit_history

from .. import rules
from ..member.models import Member
from ..member.services import may_edit, may_manage
from . import queries
from .actions import actions_for


class MemberDetailView(DetailView):
    model = Member
    select_related = ("organization",)
    template_name = "members/detail.html"
    context_object_name = "member"

    def get_extra_context(self) -> dict[str, Any]:
        member, user = self.object, self.request.user
        today = timezone.localdate()
        return {
            "breadcrumbs": queries.branch_breadcrumbs(user, member.organization),
            "age": member.age_on(today),
            **queries.profile_rows(member, user, today),
            "can_edit": may_edit(user, member),
            "history": audit_history(member, user),
            "seniority": rules.seniority(member, today),
            "timeline": queries.member_timeline(member, user),
            "actions": actions_for(member) if may_manage(user, member) else [],
        }
