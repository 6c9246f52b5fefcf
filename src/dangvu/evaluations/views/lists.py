"""The list pages of the steps (R4.7): the branch's proposals and the direct-level committee's
decisions on its grassroots organizations (the grassroots committee's decision page is in
decisions.py). The rows and their checks come from queries/lists.py; the services decide who
posts and refuse what breaks a rule."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.organizations.choices import BRANCH_KINDS

from .. import queries, services
from ..choices import Rating
from ..forms import BulkForm, ProposalsForm
from ..rules.transitions import DECIDE, PROPOSE
from .common import CycleMixin, ListActionView, OrgRowMixin, posted_levels


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
