"""The list pages of the steps (R4.7): the branch's proposals, the grassroots committee's
decisions on its members and branches with the pre-checks, and the direct-level committee's
decisions on its grassroots organizations. The rows and their checks come from
queries/lists.py; the services decide who posts and refuse what breaks a rule."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.generic import DetailView
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS

from .. import queries, services
from ..choices import Rating
from ..forms import BulkForm, ProposalsForm
from ..rules.transitions import DECIDE, PROPOSE
from .common import CycleMixin, ListActionView, OrgRowMixin, posted_levels


class GrassrootsListMixin(OrgRowMixin):
    """A grassroots organization's row: its committee's list (404 for any other kind)."""

    def check_permission(self, obj) -> None:
        if obj.organization.kind not in GRASSROOTS_KINDS:
            raise Http404(_("Only a grassroots organization decides a list."))
        super().check_permission(obj)

    def get_extra_context(self) -> dict[str, Any]:
        row, org = self.object, self.object.organization
        return {
            "evaluation": row,
            **queries.lists.decision_list(row.cycle, org, posted_levels(self.request)),
            "can_act": services.may_act_on_list(self.request.user, org, row.cycle, DECIDE),
        }


class ChecksView(GrassrootsListMixin, DetailView):
    """The pre-check page: every blocker and warning before the committee decides."""

    template_name = "evaluations/checks.html"


class DecisionsView(GrassrootsListMixin, ListActionView):
    """R4.7 step 3 in bulk: a level per row (prefilled from the proposals), one submit, one
    transaction; the pre-checks are shown next to each row."""

    template_name = "evaluations/decisions.html"
    form_class = BulkForm
    post_permission = staticmethod(services.may_decide_list)

    def open_ids(self) -> dict[str, set[int]]:
        cycle, org = self.object.cycle, self.object.organization
        return {
            "m": queries.steps.open_member_ids(cycle, grassroots=org),
            "o": queries.steps.open_branch_ids(cycle, org),
        }

    def get_success_message(self, result: int) -> str:
        return _("%(count)s levels were decided.") % {"count": result}

    def perform(self, form):
        return services.decide(
            user=self.request.user,
            cycle=self.object.cycle,
            deciding=self.object.organization,
            members=form.chosen["m"],
            organizations=form.chosen["o"],
            decision_number=form.cleaned_data["decision_number"],
        )


class ProposeView(OrgRowMixin, ListActionView):
    """R4.7 step 2: the branch proposes a level for each member on one page."""

    template_name = "evaluations/propose.html"
    form_class = ProposalsForm
    post_permission = staticmethod(services.may_decide_list)
    permission_denied_message = gettext_lazy("Only the member's branch proposes a level.")

    def check_permission(self, obj) -> None:
        if obj.organization.kind not in BRANCH_KINDS:
            raise Http404(_("Only a branch proposes its members' levels."))
        super().check_permission(obj)

    def open_ids(self) -> dict[str, set[int]]:
        org = self.object.organization
        return {"m": queries.steps.open_member_ids(self.object.cycle, organization=org)}

    def get_extra_context(self) -> dict[str, Any]:
        cycle, org = self.object.cycle, self.object.organization
        return {
            "evaluation": self.object,
            "cycle": cycle,
            "branch": org,
            "rows": queries.lists.proposal_rows(cycle, org, posted_levels(self.request)),
            "rating_choices": Rating.choices,
            "can_act": services.may_act_on_list(self.request.user, org, cycle, PROPOSE),
        }

    def get_success_message(self, result: int) -> str:
        return _("%(count)s levels were proposed.") % {"count": result}

    def perform(self, form):
        return services.propose(
            user=self.request.user,
            branch=self.object.organization,
            cycle=self.object.cycle,
            proposals=form.chosen["m"],
        )


class GrassrootsDecisionsView(CycleMixin, ListActionView):
    """R4.7 (HD 43): the directly superior committee decides its grassroots organizations."""

    template_name = "evaluations/grassroots.html"
    form_class = BulkForm
    post_permission = staticmethod(services.may_decide_grassroots_list)

    def own_organization(self):
        user = self.request.user
        return user.organization if user.organization_id else None

    def open_ids(self) -> dict[str, set[int]]:
        rows = queries.steps.grassroots_rows_below(self.object, self.own_organization())
        return {"o": {r.pk for r in rows if r.step != queries.DECIDED}}

    def get_extra_context(self) -> dict[str, Any]:
        cycle, org = self.object, self.own_organization()
        lines = queries.lists.grassroots_lines(cycle, org, posted_levels(self.request))
        may = services.may_act_on_list(self.request.user, org, cycle, DECIDE)
        return {"cycle": cycle, "lines": lines, "can_act": bool(lines) and may}

    def get_success_message(self, result: int) -> str:
        return _("%(count)s levels were decided.") % {"count": result}

    def perform(self, form):
        return services.decide(
            user=self.request.user,
            cycle=self.object,
            deciding=self.own_organization(),
            organizations=form.chosen["o"],
            decision_number=form.cleaned_data["decision_number"],
        )
