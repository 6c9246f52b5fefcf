"""The grassroots committee's decision page (R4.7 step 3, issue 14): its members and branches
grouped by branch, the committee's draft recorded branch by branch (one select at a time over
htmx, a branch or the whole list at once, or the proposals accepted in one click), the R4.5
quota and every pre-check computed live over the whole organization, then the decision issued
for the organization in one act. The rows and their checks come from queries/lists.py; the
services decide who posts and refuse what breaks a rule."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from dangvu.core.forms import bootstrap_form
from dangvu.core.generic import ButtonMixin, DetailView
from dangvu.organizations.choices import GRASSROOTS_KINDS

from .. import queries, services
from ..forms import AcceptForm, BulkForm, DraftForm
from ..rules.transitions import DECIDE
from .common import ListActionView, OrgRowMixin, posted_levels


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
            "open_group": self.request.GET.get("open", ""),
        }


class ChecksView(GrassrootsListMixin, DetailView):
    """The pre-check page: every blocker and warning before the committee decides."""

    template_name = "evaluations/checks.html"


class DecisionListView(GrassrootsListMixin, ListActionView):
    """A POST of the decision page, answered (when refused) by the page with the reasons."""

    template_name = "evaluations/decisions.html"
    post_permission = staticmethod(services.may_decide_list)

    def open_ids(self) -> dict[str, set[int]]:
        cycle, org = self.object.cycle, self.object.organization
        return {
            "m": queries.steps.open_member_ids(cycle, grassroots=org),
            "o": queries.steps.open_branch_ids(cycle, org),
        }

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context.get("form")
        context["issue_form"] = form if type(form) is BulkForm else bootstrap_form(BulkForm())
        return context

    def get_success_url(self, result: Any = None) -> str:
        url = reverse("evaluations:decisions", args=[self.object.pk])
        group = self.request.POST.get("group") or self.request.POST.get("branch") or ""
        return f"{url}?{urlencode({'open': group})}#g{group}" if group.isdigit() else url


class DecisionsView(DecisionListView):
    """The decision page; its POST records the committee's draft (every select posted)."""

    form_class = DraftForm

    def get_success_message(self, result: int) -> str:
        return _("The draft was saved (%(count)s levels changed).") % {"count": result}

    def perform(self, form):
        return services.save_draft(
            user=self.request.user,
            cycle=self.object.cycle,
            deciding=self.object.organization,
            members=form.chosen["m"],
            organizations=form.chosen["o"],
        )


class DraftRowView(DecisionsView):
    """One select changed (htmx): saves that row's draft and answers the row and the page's
    summary (the quota and the checks over the whole organization) recomputed."""

    http_method_names = ["post"]

    def success_response(self, result: int) -> HttpResponse:
        context = self.get_context_data()
        keys = [k for k in self.request.POST if k[:1] in "mo" and k[1:].isdigit()]
        lines = {f"o{x.evaluation.pk}": x for x in context["branch_lines"]}
        lines.update({f"m{x.evaluation.pk}": x for x in context["member_lines"]})
        context["changed"] = [(key[0], lines[key]) for key in keys if key in lines]
        html = render_to_string("evaluations/_draft_response.html", context, self.request)
        return HttpResponse(html)

    def form_invalid(self, form):
        return HttpResponseBadRequest(" ".join(form.non_field_errors()))


class AcceptProposalsView(ButtonMixin, DecisionListView):
    """One click: the proposals of a branch (or of all branches) go into the draft."""

    form_class = AcceptForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("allowed", None)
        return kwargs

    def get_success_message(self, result: int) -> str:
        return _("%(count)s proposals were accepted into the draft.") % {"count": result}

    def perform(self, form):
        return services.accept_proposals(
            user=self.request.user,
            cycle=self.object.cycle,
            deciding=self.object.organization,
            branch_id=form.cleaned_data.get("branch"),
        )


class IssueView(DecisionListView):
    """The committee issues the decision for the organization: every drafted level at once,
    the rules enforced over the final set (refused whole, with the reasons, on the page)."""

    http_method_names = ["post"]
    form_class = BulkForm

    def open_ids(self) -> dict[str, set[int]]:
        return {}

    def get_success_message(self, result: int) -> str:
        return _("The decision was issued: %(count)s levels decided.") % {"count": result}

    def perform(self, form):
        return services.issue_decision(
            user=self.request.user,
            cycle=self.object.cycle,
            deciding=self.object.organization,
            decision_number=form.cleaned_data["decision_number"],
        )
