"""Pages of one evaluation row, a member's or an organization's: the row itself, the
self-assessment (R4.7 step 1), one decision and a reopening (step 3).

Objects are read through the user's scope (404 outside it); who may act and when is the
transition table's (rules/transitions.py, asked through services.allowed_actions).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core.generic import ActionView, DetailView
from dangvu.core.views import audit_history
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS

from .. import queries, rules, services
from ..forms import DecideForm, ReopenForm, SelfAssessmentForm
from ..rules.transitions import SELF_ASSESS, step_allows, window_open
from .common import OrgRowMixin, RowMixin, SelfFormMixin


def self_page(row) -> dict[str, Any]:
    """The self-assessment page: done already, or open today (R4.8: a row not rated never)."""
    return {
        "evaluation": row,
        "cycle": row.cycle,
        "done": not step_allows(row, SELF_ASSESS),
        "is_open": window_open(row.cycle, SELF_ASSESS) and not getattr(row, "excluded", False),
    }


class MemberEvaluationView(RowMixin, DetailView):
    template_name = "evaluations/member.html"

    def get_extra_context(self) -> dict[str, Any]:
        user, row = self.request.user, self.object
        return {
            **queries.steps.row_page(row),
            # The steps card is the member's history; the field-level audit trail (raw scores,
            # timestamps) is for the committees that check a reopening.
            "history": None if user.is_plain_member else audit_history(row, user),
            "actions": services.allowed_actions(user, row),
            "decisions_id": queries.steps.organization_row_id(row.cycle, row.grassroots_id)
            if services.may_decide(user, row)
            else None,
            "branch_evaluation_id": queries.steps.organization_row_id(
                row.cycle, row.organization_id
            ),
        }


class OrganizationEvaluationView(OrgRowMixin, DetailView):
    template_name = "evaluations/organization.html"

    def get_extra_context(self) -> dict[str, Any]:
        user, row = self.request.user, self.object
        return {
            **queries.steps.row_page(row),
            "history": audit_history(row, user),
            "actions": services.allowed_actions(user, row),
            "is_branch": row.organization.kind in BRANCH_KINDS,
            "is_grassroots": row.organization.kind in GRASSROOTS_KINDS,
        }


class SelfAssessView(RowMixin, SelfFormMixin, ActionView):
    """R4.7 step 1 on a phone: the member's own form (forms 2A/2B/2C)."""

    template_name = "evaluations/self_assess.html"
    form_class = SelfAssessmentForm
    permission = staticmethod(services.may_self_assess)
    permission_denied_message = gettext_lazy("Only the member assesses themself.")
    success_message = gettext_lazy("Your self-assessment was recorded.")

    def get_extra_context(self) -> dict[str, Any]:
        return self_page(self.object)

    def perform(self, form):
        kwargs = form.service_kwargs()
        return services.self_assess(user=self.request.user, evaluation=self.object, **kwargs)


class OrganizationSelfView(OrgRowMixin, SelfAssessView):
    """R4.7 step 1 for a collective (form 01): the organization's own committee."""

    permission_denied_message = gettext_lazy("Only the organization's committee assesses it.")
    success_message = gettext_lazy("The self-assessment was recorded.")

    def perform(self, form):
        return services.self_assess_organization(
            user=self.request.user, evaluation=self.object, **form.service_kwargs()
        )


class DecideView(RowMixin, ActionView):
    """One row's decision (the list pages decide many at once with the same service)."""

    template_name = "evaluations/decide.html"
    form_class = DecideForm
    permission = staticmethod(services.may_decide)
    permission_denied_message = gettext_lazy("Only the competent committee decides these levels.")
    success_message = gettext_lazy("The level was decided.")

    def get_initial(self) -> dict[str, Any]:
        return {"rating": self.object.proposed_rating or self.object.self_rating}

    def get_extra_context(self) -> dict[str, Any]:
        check = rules.row_check(self.object, timezone.localdate())
        return {"evaluation": self.object, "check": check, "title": _("Decide the level")}

    def perform(self, form):
        data = form.cleaned_data
        return services.decide_one(user=self.request.user, evaluation=self.object, **data)


class ReopenView(RowMixin, ActionView):
    template_name = "evaluations/form.html"
    form_class = ReopenForm
    permission = staticmethod(services.may_decide)
    permission_denied_message = gettext_lazy(
        "Only the committee that decided this level can reopen it."
    )
    success_message = gettext_lazy("The level was reopened.")

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": _("Reopen the decided level"), "subtitle": str(self.object)}

    def perform(self, form):
        reason = form.cleaned_data["reason"]
        return services.reopen(user=self.request.user, evaluation=self.object, reason=reason)


class OrganizationDecideView(OrgRowMixin, DecideView):
    pass


class OrganizationReopenView(OrgRowMixin, ReopenView):
    pass
