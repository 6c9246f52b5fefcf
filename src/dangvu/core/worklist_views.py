"""The work-list page (nhắc việc): what is due or overdue in the user's scope, most urgent first.

`?organization=<id>` narrows to a visible subtree; `?check=<id>` shows one check's items in
full (the grouped page shows the first items of each check).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.utils import timezone
from django.views.generic import TemplateView

from dangvu.core.scope import organization_model

from . import worklist
from .filters import parse_id

GROUP_PREVIEW = 20
PAGE_SIZE = 100


@dataclass
class Group:
    check: worklist.Check
    items: list[worklist.WorkItem] = field(default_factory=list)
    overdue: int = 0

    @property
    def count(self) -> int:
        return len(self.items)


class WorkListView(LoginRequiredMixin, TemplateView):
    template_name = "core/worklist.html"

    def chosen_organization(self):
        raw = self.request.GET.get("organization", "")
        pk = parse_id(raw)
        if pk is None:
            return None
        model = organization_model()
        return model.objects.visible_to(self.request.user).filter(pk=pk).first()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        organization = self.chosen_organization()
        checks = {check.id: check for check in worklist.checks()}
        only_check = self.request.GET.get("check", "")
        only = [only_check] if only_check in checks else None
        items = worklist.work_list(user, on=today, organization=organization, only=only)
        groups: dict[str, Group] = {}
        for item in items:
            group = groups.get(item.check)
            if group is None:
                group = groups[item.check] = Group(checks[item.check])
            group.items.append(item)
            group.overdue += item.is_overdue(today)
        # Groups with overdue items first, then by their most urgent item (items are sorted).
        ordered = sorted(
            groups.values(),
            key=lambda g: (g.overdue == 0, g.items[0].due_on is None, g.items[0].due_on or today),
        )
        page = None
        if only is not None and ordered:
            page = Paginator(ordered[0].items, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            today=today,
            organization=organization,
            groups=ordered,
            total=len(items),
            overdue=sum(g.overdue for g in ordered),
            only=checks.get(only_check) if only else None,
            page_obj=page,
            preview=GROUP_PREVIEW,
        )
        return context
