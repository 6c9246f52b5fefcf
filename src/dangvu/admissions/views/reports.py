"""Decisions, probationary members due for recognition, re-admission, targets, statistics."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from dangvu.core.filters import parse_year
from dangvu.core.generic import PermissionMixin, ServiceFormMixin

from .. import exports, forms, queries, services
from ..filters import DecisionFilterSet
from ..models import AdmissionDecision
from ._base import PAGE_SIZE, FilteredListView, StaffOnlyMixin


class DecisionListView(FilteredListView):
    model = AdmissionDecision
    select_related = ("candidate", "candidate__organization", "organization")
    filterset_class = DecisionFilterSet
    template_name = "admissions/decisions.html"
    filter_names = ("year", "late")


class RecognitionDueView(StaffOnlyMixin, ListView):
    """Probationary members whose probation has ended or ends within 30 days (R2.10–R2.11)."""

    template_name = "admissions/due.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        user, chosen = self.request.user, self.request.GET.get("organization", "")
        self.organization = queries.chosen_organization(user, chosen)
        members = queries.probationers_in(user, self.organization)
        return queries.probationers_due(members, timezone.localdate())

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        queries.mark_recognition_dates(context["object_list"], today)
        return {**context, "today": today, "chosen_organization": self.organization}


class FormerMemberListView(StaffOnlyMixin, ListView):
    """Former members (struck off, left, expelled) who might be re-admitted (R2.12)."""

    template_name = "admissions/former.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return queries.former_members(self.request.user)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queries.mark_readmission_earliest(context["object_list"], timezone.localdate())
        return context


class TargetListView(StaffOnlyMixin, ServiceFormMixin, PermissionMixin, FormView):
    """The year's admission targets in the user's scope, and a form to set one (editors)."""

    template_name = "admissions/targets.html"
    form_class = forms.TargetForm
    permission = staticmethod(services.may_set_targets)
    success_message = gettext_lazy("The admission target was saved.")

    def year(self) -> int:
        chosen = self.request.GET.get("year", "")
        return int(chosen) if parse_year(chosen, 2000, 2100) else timezone.localdate().year

    def get_form_kwargs(self) -> dict[str, Any]:
        organizations = queries.target_organizations(self.request.user)
        return {**super().get_form_kwargs(), "organizations": organizations}

    def get_initial(self) -> dict[str, Any]:
        return {"year": self.year()}

    def get_extra_context(self) -> dict[str, Any]:
        user, year = self.request.user, self.year()
        targets = queries.targets_of_year(user, year)
        return {"year": year, "targets": targets, "can_edit": services.may_set_targets(user)}

    def post(self, request, *args, **kwargs):
        self.check_permission(None)
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        data = form.cleaned_data
        return services.set_target(
            user=self.request.user,
            organization=data["organization"],
            year=data["year"],
            target=data["target"],
            note=data.get("note") or "",
        )

    def get_success_url(self, result=None) -> str:
        return f"{reverse('admissions:targets')}?year={result.year}"


def _statistics(request) -> queries.Statistics:
    form = forms.StatisticsForm(request.GET)
    year = timezone.localdate().year
    if form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    organization = queries.chosen_organization(request.user, request.GET.get("organization", ""))
    return queries.admission_statistics(organization, year, request.user)


class StatisticsView(StaffOnlyMixin, TemplateView):
    template_name = "admissions/statistics.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        stats = _statistics(self.request)
        this_year = timezone.localdate().year
        return super().get_context_data(
            stats=stats,
            years=list(range(this_year, this_year - 6, -1)),
            breadcrumbs=queries.breadcrumbs(self.request.user, stats.organization),
            **kwargs,
        )


class StatisticsExportView(StaffOnlyMixin, TemplateView):
    """The statistics page as an xlsx workbook, or csv (same query, same scope)."""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        return exports.statistics_response(_statistics(request), request.GET.get("format"))
