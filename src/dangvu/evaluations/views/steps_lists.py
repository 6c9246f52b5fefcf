"""Organization evaluation pages and the list pages of the steps: the branch's proposals, the
grassroots committee's decisions (members and branches, with the pre-checks), and the
direct-level committee's decisions on grassroots organizations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Length
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from dangvu.core.forms import add_service_errors
from dangvu.core.scope import subtree_q
from dangvu.core.views import audit_history
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS

from .. import policy, services
from ..choices import RATING_RANK, EvaluationStep, Rating
from ..forms import BulkForm, SelfAssessmentForm, bulk_choices
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from ..services import checks
from ..services.base import acts_for
from ..services.steps import cycle_values
from .steps import (
    CycleMixin,
    DecideView,
    ReopenView,
    RowMixin,
    condition_rows,
    criteria_rows,
    step_open,
)


class OrgRowMixin(RowMixin):
    model = OrganizationEvaluation
    select_related = ("cycle", "organization")

    def back(self) -> str:
        return reverse("evaluations:organization", args=[self.object.pk])


class OrganizationEvaluationView(OrgRowMixin, TemplateView):
    template_name = "evaluations/organization.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, row = self.request.user, self.object
        cycle, org = row.cycle, row.organization
        decides = services.may_decide(user, row)
        context.update(
            evaluation=row,
            object=row,
            cycle=cycle,
            criteria=criteria_rows(row),
            conditions=condition_rows(row),
            records=row.records.select_related("recorded_by"),
            history=audit_history(row, user),
            is_branch=org.kind in BRANCH_KINDS,
            is_grassroots=org.kind in GRASSROOTS_KINDS,
            can_self=acts_for(user, org)
            and row.step == EvaluationStep.PENDING
            and step_open(cycle, cycle.self_from, cycle.self_until),
            can_decide=decides
            and row.step != EvaluationStep.DECIDED
            and step_open(cycle, cycle.self_from, cycle.decide_until),
            can_reopen=decides
            and row.step == EvaluationStep.DECIDED
            and step_open(cycle, cycle.self_from, cycle.decide_until),
        )
        return context


class OrganizationSelfView(OrgRowMixin, FormView):
    """R4.7 step 1 for a collective (form 01): the organization's own committee."""

    template_name = "evaluations/self_assess.html"
    form_class = SelfAssessmentForm

    def require(self) -> None:
        if not acts_for(self.request.user, self.object.organization):
            raise PermissionDenied(_("Only the organization's committee assesses it."))

    def get(self, request, *args, **kwargs):
        self.require()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.require()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "framework": self.object.framework,
            "uses_points": self.object.cycle.uses_points,
        }

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        row = self.object
        cycle = row.cycle
        return super().get_context_data(
            evaluation=row,
            cycle=cycle,
            back=self.back(),
            done=row.step != EvaluationStep.PENDING,
            is_open=step_open(cycle, cycle.self_from, cycle.self_until),
            **kwargs,
        )

    def form_valid(self, form: SelfAssessmentForm):
        try:
            services.self_assess_organization(
                user=self.request.user, evaluation=self.object, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The self-assessment was recorded."))
        return HttpResponseRedirect(self.back())


class OrganizationDecideView(OrgRowMixin, DecideView):
    pass


class OrganizationReopenView(OrgRowMixin, ReopenView):
    pass


@dataclass
class Line:
    """One row of a list page with its checks for the level shown in its select."""

    evaluation: Any
    check: checks.Check
    suggested: str
    blockers: list[str] = field(default_factory=list)

    @property
    def options(self) -> list[tuple[str, str, bool]]:
        """The four levels; those above the row's cap are marked (R4.4/R4.6/R4.8)."""
        cap = self.check.cap
        return [
            (value, label, bool(cap) and RATING_RANK[Rating(value)] > RATING_RANK[Rating(cap)])
            for value, label in Rating.choices
        ]


def _suggested(row) -> str:
    return row.proposed_rating or row.self_rating or ""


class PrecheckMixin(OrgRowMixin):
    """The grassroots committee's list: its members and its branches, with every check."""

    def grassroots(self):
        org = self.object.organization
        if org.kind not in GRASSROOTS_KINDS:
            raise Http404(_("Only a grassroots organization decides a list."))
        return org

    def lines(self, posted: dict[str, str] | None = None) -> dict[str, Any]:
        row, today = self.object, timezone.localdate()
        cycle, org = row.cycle, self.grassroots()
        _profile, values = cycle_values(cycle, today)
        branches = list(
            OrganizationEvaluation.objects.filter(cycle=cycle, level="branch")
            .filter(subtree_q("org_path", org.path))
            .select_related("organization")
            .order_by("org_path")
        )
        members = list(
            MemberEvaluation.objects.filter(cycle=cycle, grassroots=org)
            .select_related("member", "organization")
            .order_by("org_path", "member__sort_key")
        )
        posted = posted or {}
        org_checks = checks.organization_checks(cycle, branches, today, values)
        ratings = {}
        for b in branches:
            ratings[b.organization_id] = (
                b.rating if b.step == EvaluationStep.DECIDED else posted.get(f"o{b.pk}", "")
            ) or None
        member_checks = checks.member_checks(
            cycle, members, today, values, {k: v for k, v in ratings.items() if v}
        )
        branch_lines = [self._line(b, org_checks[b.pk], posted.get(f"o{b.pk}")) for b in branches]
        member_lines = [self._line(m, member_checks[m.pk], posted.get(f"m{m.pk}")) for m in members]
        counts = checks.quota_counts(cycle, org.pk)
        for line in member_lines:
            if line.evaluation.step != EvaluationStep.DECIDED and not line.evaluation.excluded:
                if line.suggested in (Rating.EXCELLENT, Rating.GOOD):
                    counts[line.suggested] += 1
        quota = {
            **counts,
            "allowed": policy.excellent_quota(counts["good"], values),
            "percent": values["evaluation.excellent_quota_percent"],
            "ok": policy.quota_respected(counts["excellent"], counts["good"], values),
        }
        return {
            "cycle": cycle,
            "grassroots": org,
            "branch_lines": branch_lines,
            "member_lines": member_lines,
            "quota": quota,
            "blocker_count": sum(len(x.blockers) for x in branch_lines + member_lines)
            + (0 if quota["ok"] else 1),
            "warning_count": sum(
                len(x.check.warnings) for x in branch_lines + member_lines if x.suggested
            ),
            "can_act": acts_for(self.request.user, org)
            and step_open(cycle, cycle.self_from, cycle.decide_until),
        }

    @staticmethod
    def _line(row, check: checks.Check, posted: str | None) -> Line:
        if row.step == EvaluationStep.DECIDED:
            suggested = row.rating
        elif getattr(row, "excluded", False):
            suggested = ""
        else:
            suggested = posted if posted is not None else _suggested(row)
            suggested = suggested if suggested in Rating.values else ""
        blockers = [] if row.step == EvaluationStep.DECIDED else check.blockers(suggested)
        return Line(row, check, suggested, blockers)


class ChecksView(PrecheckMixin, TemplateView):
    """The pre-check page: every blocker and warning before the committee decides."""

    template_name = "evaluations/checks.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(evaluation=self.object, **self.lines(), **kwargs)


class DecisionsView(PrecheckMixin, TemplateView):
    """R4.7 step 3 in bulk: a level per row (prefilled from the proposals), one submit, one
    transaction; the pre-checks are shown next to each row."""

    template_name = "evaluations/decisions.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        posted = kwargs.pop("posted", None)
        return super().get_context_data(
            evaluation=self.object,
            form=kwargs.pop("form", None) or BulkForm(),
            **self.lines(posted),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        org = self.grassroots()
        if not acts_for(request.user, org):
            raise PermissionDenied(_("Only the competent committee decides these levels."))
        cycle = self.object.cycle
        form = BulkForm(request.POST)
        open_members = set(
            MemberEvaluation.objects.filter(cycle=cycle, grassroots=org, excluded=False)
            .exclude(step=EvaluationStep.DECIDED)
            .values_list("pk", flat=True)
        )
        open_orgs = set(
            OrganizationEvaluation.objects.filter(cycle=cycle, level="branch")
            .filter(subtree_q("org_path", org.path))
            .exclude(step=EvaluationStep.DECIDED)
            .values_list("pk", flat=True)
        )
        members, errors = bulk_choices(request.POST, "m", open_members)
        organizations, more = bulk_choices(request.POST, "o", open_orgs)
        errors += more
        posted = {k: v for k, v in request.POST.items() if k[:1] in "mo"}
        if form.is_valid() and not errors:
            try:
                count = services.decide(
                    user=request.user,
                    cycle=cycle,
                    deciding=org,
                    members=members,
                    organizations=organizations,
                    decision_number=form.cleaned_data["decision_number"],
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("%(count)s levels were decided.") % {"count": count})
                return HttpResponseRedirect(reverse("evaluations:decisions", args=[self.object.pk]))
        context = self.get_context_data(form=form, posted=posted, errors=errors)
        return self.render_to_response(context, status=400)


class ProposeView(OrgRowMixin, TemplateView):
    """R4.7 step 2: the branch proposes a level for each member on one page."""

    template_name = "evaluations/propose.html"

    def branch(self):
        org = self.object.organization
        if org.kind not in BRANCH_KINDS:
            raise Http404(_("Only a branch proposes its members' levels."))
        return org

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        cycle, org = self.object.cycle, self.branch()
        rows = list(
            MemberEvaluation.objects.filter(cycle=cycle, organization=org)
            .select_related("member")
            .order_by("member__sort_key")
        )
        posted = kwargs.pop("posted", {})
        for row in rows:
            row.suggested = posted.get(f"m{row.pk}", row.proposed_rating or row.self_rating)
        return super().get_context_data(
            evaluation=self.object,
            cycle=cycle,
            branch=org,
            rows=rows,
            rating_choices=Rating.choices,
            can_act=acts_for(self.request.user, org)
            and step_open(cycle, cycle.self_from, cycle.propose_until),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        org = self.branch()
        if not acts_for(request.user, org):
            raise PermissionDenied(_("Only the member's branch proposes a level."))
        cycle = self.object.cycle
        allowed = set(
            MemberEvaluation.objects.filter(cycle=cycle, organization=org, excluded=False)
            .exclude(step=EvaluationStep.DECIDED)
            .values_list("pk", flat=True)
        )
        proposals, errors = bulk_choices(request.POST, "m", allowed)
        if not errors:
            try:
                count = services.propose(
                    user=request.user, branch=org, cycle=cycle, proposals=proposals
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("%(count)s levels were proposed.") % {"count": count})
                return HttpResponseRedirect(reverse("evaluations:propose", args=[self.object.pk]))
        posted = {k: v for k, v in request.POST.items() if k.startswith("m")}
        context = self.get_context_data(posted=posted, errors=errors)
        return self.render_to_response(context, status=400)


class GrassrootsDecisionsView(CycleMixin, TemplateView):
    """R4.7 (HD 43): the directly superior committee decides its grassroots organizations."""

    template_name = "evaluations/grassroots.html"

    def rows(self, cycle: EvaluationCycle) -> list[OrganizationEvaluation]:
        user = self.request.user
        if not user.organization_id:
            return []
        path = user.organization.path
        return list(
            OrganizationEvaluation.objects.filter(cycle=cycle, level="grassroots")
            .filter(subtree_q("org_path", path))
            .annotate(n=Length("org_path"))
            .filter(n=len(path) + 4)
            .select_related("organization")
            .order_by("org_path")
        )

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        cycle, today = self.object, timezone.localdate()
        _profile, values = cycle_values(cycle, today)
        rows = self.rows(cycle)
        found = checks.organization_checks(cycle, rows, today, values)
        posted = kwargs.pop("posted", {})
        lines = [PrecheckMixin._line(r, found[r.pk], posted.get(f"o{r.pk}")) for r in rows]
        user = self.request.user
        return super().get_context_data(
            cycle=cycle,
            object=cycle,
            lines=lines,
            form=kwargs.pop("form", None) or BulkForm(),
            can_act=bool(rows)
            and acts_for(user, user.organization)
            and step_open(cycle, cycle.self_from, cycle.decide_until),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        user, cycle = request.user, self.object
        if not acts_for(user, user.organization):
            raise PermissionDenied(_("Only the competent committee decides these levels."))
        allowed = {r.pk for r in self.rows(cycle) if r.step != EvaluationStep.DECIDED}
        organizations, errors = bulk_choices(request.POST, "o", allowed)
        form = BulkForm(request.POST)
        if form.is_valid() and not errors:
            try:
                count = services.decide(
                    user=user,
                    cycle=cycle,
                    deciding=user.organization,
                    organizations=organizations,
                    decision_number=form.cleaned_data["decision_number"],
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("%(count)s levels were decided.") % {"count": count})
                return HttpResponseRedirect(reverse("evaluations:grassroots", args=[cycle.pk]))
        posted = {k: v for k, v in request.POST.items() if k.startswith("o")}
        context = self.get_context_data(form=form, posted=posted, errors=errors)
        return self.render_to_response(context, status=400)
