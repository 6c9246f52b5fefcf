"""Pages of the evaluation steps: the index, a cycle, one member's evaluation (self-assessment,
decision, reopening). Organization pages and the list pages are in steps_lists.py.

Objects are read through the user's scope (404 outside it); who may act is the services'
business (`acts_for`), the pages only hide the buttons a user cannot use.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from dangvu.core.forms import add_service_errors
from dangvu.core.views import ScopedMixin, audit_history
from dangvu.organizations.choices import BRANCH_KINDS, GRASSROOTS_KINDS
from dangvu.organizations.models import Organization

from .. import policy, services
from ..choices import CycleStatus, EvaluationStep, Framework
from ..forms import CycleForm, DecideForm, ReopenForm, SelfAssessmentForm
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation
from ..services import checks
from ..services.base import OPENING_KINDS, acts_for
from ..services.cycles import OPENING_ROLES
from ..services.steps import cycle_values


def step_open(cycle: EvaluationCycle, start, end) -> bool:
    today = timezone.localdate()
    return cycle.status == CycleStatus.OPEN and start <= today <= end


def service_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def may_open_cycles(user) -> bool:
    return bool(
        user.is_authenticated
        and (user.sees_everything or user.role in OPENING_ROLES)
        and user.is_editor
    )


class IndexView(LoginRequiredMixin, TemplateView):
    """The cycles the user takes part in, their own evaluation, and where to act."""

    template_name = "evaluations/index.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        cycles = list(services.cycles_for(user)[:50])
        mine = []
        if user.member_id:
            mine = list(
                MemberEvaluation.objects.filter(member_id=user.member_id)
                .select_related("cycle", "organization")
                .order_by("-year", "-id")[:10]
            )
        acting = []
        org = user.organization if user.organization_id else None
        if org is not None and user.is_editor:
            open_ids = [c.pk for c in cycles if c.status == CycleStatus.OPEN]
            for row in OrganizationEvaluation.objects.filter(
                cycle_id__in=open_ids, organization=org
            ).select_related("cycle", "organization"):
                acting.append(row)
        context.update(
            cycles=cycles,
            mine=mine,
            acting=acting,
            org=org,
            is_branch=org is not None and org.kind in BRANCH_KINDS,
            is_grassroots=org is not None and org.kind in GRASSROOTS_KINDS,
            is_direct=org is not None and org.kind in OPENING_KINDS,
            can_open=may_open_cycles(user),
        )
        return context


class CycleCreateView(LoginRequiredMixin, FormView):
    form_class = CycleForm
    template_name = "evaluations/form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_open_cycles(request.user):
            raise PermissionDenied(_("Only a provincial or direct-level board opens a cycle."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            title=_("Open an evaluation cycle"), back=reverse("evaluations:index"), **kwargs
        )

    def form_valid(self, form: CycleForm):
        try:
            cycle = services.open_cycle(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The evaluation cycle was opened."))
        return HttpResponseRedirect(reverse("evaluations:cycle", args=[cycle.pk]))


class CycleMixin(LoginRequiredMixin):
    """`self.object`: a cycle the user takes part in (services.cycles_for), else 404."""

    model = EvaluationCycle

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(services.cycles_for(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


def rollup(user, cycle: EvaluationCycle) -> list[dict]:
    """Progress per organization one level below the user's (or the cycle's) node, counted in
    SQL over the user's visible rows."""
    if user.is_plain_member:
        return []
    base = cycle.org_path
    if user.organization_id and len(user.organization.path) > len(base):
        base = user.organization.path
    n = len(base) + Organization.steplen
    done = ~Q(step=EvaluationStep.PENDING)
    groups = (
        MemberEvaluation.objects.visible_to(user)
        .filter(cycle=cycle)
        .annotate(child=Substr("org_path", 1, n))
        .values("child")
        .annotate(
            total=Count("pk", filter=Q(excluded=False)),
            not_rated=Count("pk", filter=Q(excluded=True)),
            self_done=Count("pk", filter=done & Q(self_at__isnull=False, excluded=False)),
            proposed=Count("pk", filter=Q(proposed_at__isnull=False, excluded=False)),
            decided=Count("pk", filter=Q(step=EvaluationStep.DECIDED, excluded=False)),
        )
        .order_by("child")
    )
    rows = list(groups)
    orgs = {
        o.path: o
        for o in Organization.objects.filter(path__in=[r["child"] for r in rows]).only(
            "pk", "name", "path", "kind"
        )
    }
    evaluations = dict(
        OrganizationEvaluation.objects.filter(
            cycle=cycle, organization__in=list(orgs.values())
        ).values_list("organization__path", "pk")
    )
    for row in rows:
        row["organization"] = orgs.get(row["child"])
        row["evaluation_id"] = evaluations.get(row["child"])
    return rows


class CycleDetailView(CycleMixin, TemplateView):
    template_name = "evaluations/cycle.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, cycle = self.request.user, self.object
        members = MemberEvaluation.objects.visible_to(user).filter(cycle=cycle)
        totals = members.aggregate(
            total=Count("pk", filter=Q(excluded=False)),
            not_rated=Count("pk", filter=Q(excluded=True)),
            self_done=Count("pk", filter=Q(self_at__isnull=False, excluded=False)),
            proposed=Count("pk", filter=Q(proposed_at__isnull=False, excluded=False)),
            decided=Count("pk", filter=Q(step=EvaluationStep.DECIDED, excluded=False)),
        )
        org_totals = (
            OrganizationEvaluation.objects.visible_to(user)
            .filter(cycle=cycle)
            .values("level")
            .annotate(
                total=Count("pk"),
                self_done=Count("pk", filter=Q(self_at__isnull=False)),
                decided=Count("pk", filter=Q(step=EvaluationStep.DECIDED)),
            )
            .order_by("level")
        )
        org = user.organization if user.organization_id else None
        context.update(
            cycle=cycle,
            object=cycle,
            totals=totals,
            org_totals=list(org_totals),
            children=rollup(user, cycle),
            decides_grassroots=org is not None
            and org.kind in OPENING_KINDS
            and acts_for(user, org),
            can_close=cycle.status == CycleStatus.OPEN
            and (user.organization_id == cycle.organization_id or user.sees_everything)
            and user.can_manage(cycle.organization),
            mine=MemberEvaluation.objects.filter(cycle=cycle, member_id=user.member_id).first()
            if user.member_id
            else None,
        )
        return context


class CycleCloseView(CycleMixin, TemplateView):
    template_name = "evaluations/confirm.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            title=_("Close the evaluation cycle"),
            text=_("After closing, no step of this cycle can be taken or reopened."),
            object=self.object,
            back=reverse("evaluations:cycle", args=[self.object.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.close_cycle(user=request.user, cycle=self.object)
        except ValidationError as error:
            service_errors(request, error)
        else:
            messages.success(request, _("The evaluation cycle was closed."))
        return HttpResponseRedirect(reverse("evaluations:cycle", args=[self.object.pk]))


class RowMixin(ScopedMixin):
    """`self.object`: a member's evaluation in the user's scope (404 outside it)."""

    model = MemberEvaluation
    select_related = ("cycle", "member", "organization", "grassroots")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def back(self) -> str:
        return reverse("evaluations:member", args=[self.object.pk])


def criteria_rows(evaluation) -> list[dict]:
    if not evaluation.self_scores:
        return []
    return [
        {
            "label": c.label,
            "part": c.part,
            "max": c.max_points,
            "points": evaluation.self_scores.get(c.key),
        }
        for c in policy.CRITERIA[Framework(evaluation.framework)]
    ]


def condition_rows(evaluation) -> list[dict]:
    return [
        {"label": policy.CONDITIONS[key], "met": bool(evaluation.self_scores.get(f"cond.{key}"))}
        for key in policy.conditions_for(evaluation.framework)
        if f"cond.{key}" in (evaluation.self_scores or {})
    ]


class MemberEvaluationView(RowMixin, TemplateView):
    template_name = "evaluations/member.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, row = self.request.user, self.object
        cycle = row.cycle
        decides = services.may_decide(user, row)
        context.update(
            evaluation=row,
            object=row,
            cycle=cycle,
            criteria=criteria_rows(row),
            conditions=condition_rows(row),
            records=row.records.select_related("recorded_by"),
            # The steps card is the member's history; the field-level audit trail (raw scores,
            # timestamps) is for the committees that check a reopening.
            history=None if user.is_plain_member else audit_history(row, user),
            decisions_id=OrganizationEvaluation.objects.filter(
                cycle=cycle, organization_id=row.grassroots_id
            )
            .values_list("pk", flat=True)
            .first()
            if decides
            else None,
            can_self=user.member_id == row.member_id
            and row.step == EvaluationStep.PENDING
            and not row.excluded
            and step_open(cycle, cycle.self_from, cycle.self_until),
            branch_evaluation_id=OrganizationEvaluation.objects.filter(
                cycle=cycle, organization_id=row.organization_id
            )
            .values_list("pk", flat=True)
            .first(),
            can_propose=services.may_propose(user, row)
            and row.step != EvaluationStep.DECIDED
            and not row.excluded
            and step_open(cycle, cycle.self_from, cycle.propose_until),
            can_decide=decides
            and row.step != EvaluationStep.DECIDED
            and not row.excluded
            and step_open(cycle, cycle.self_from, cycle.decide_until),
            can_reopen=decides
            and row.step == EvaluationStep.DECIDED
            and step_open(cycle, cycle.self_from, cycle.decide_until),
        )
        return context


class SelfAssessView(RowMixin, FormView):
    """R4.7 step 1 on a phone: the member's own form (forms 2A/2B/2C)."""

    template_name = "evaluations/self_assess.html"
    form_class = SelfAssessmentForm

    def get(self, request, *args, **kwargs):
        self.require_member()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.require_member()
        return super().post(request, *args, **kwargs)

    def require_member(self) -> None:
        if self.request.user.member_id != self.object.member_id:
            raise PermissionDenied(_("Only the member assesses themself."))

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
            is_open=step_open(cycle, cycle.self_from, cycle.self_until) and not row.excluded,
            **kwargs,
        )

    def form_valid(self, form: SelfAssessmentForm):
        try:
            services.self_assess(
                user=self.request.user, evaluation=self.object, **form.service_kwargs()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your self-assessment was recorded."))
        return HttpResponseRedirect(self.back())


class DecideView(RowMixin, FormView):
    """One row's decision (the list pages decide many at once with the same service)."""

    template_name = "evaluations/decide.html"
    form_class = DecideForm

    def check(self) -> None:
        if not services.may_decide(self.request.user, self.object):
            raise PermissionDenied(_("Only the competent committee decides these levels."))

    def get(self, request, *args, **kwargs):
        self.check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check()
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        row = self.object
        return {"rating": row.proposed_rating or row.self_rating}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        row, today = self.object, timezone.localdate()
        _profile, values = cycle_values(row.cycle, today)
        if isinstance(row, MemberEvaluation):
            found = checks.member_checks(row.cycle, [row], today, values)[row.pk]
        else:
            found = checks.organization_checks(row.cycle, [row], today, values)[row.pk]
        return super().get_context_data(
            evaluation=row, check=found, back=self.back(), title=_("Decide the level"), **kwargs
        )

    def form_valid(self, form: DecideForm):
        data = form.cleaned_data
        try:
            services.decide_one(
                user=self.request.user,
                evaluation=self.object,
                rating=data["rating"],
                reason=data["reason"],
                decision_number=data["decision_number"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The level was decided."))
        return HttpResponseRedirect(self.back())


class ReopenView(RowMixin, FormView):
    template_name = "evaluations/form.html"
    form_class = ReopenForm

    def check(self) -> None:
        if not services.may_decide(self.request.user, self.object):
            raise PermissionDenied(_("Only the committee that decided this level can reopen it."))

    def get(self, request, *args, **kwargs):
        self.check()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(
            title=_("Reopen the decided level"),
            subtitle=str(self.object),
            back=self.back(),
            **kwargs,
        )

    def form_valid(self, form: ReopenForm):
        try:
            services.reopen(
                user=self.request.user, evaluation=self.object, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The level was reopened."))
        return HttpResponseRedirect(self.back())
