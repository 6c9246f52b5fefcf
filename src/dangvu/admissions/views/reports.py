"""Decisions, probationary members due for recognition, re-admission, targets, statistics."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from dangvu.core.exports import XLSX_TYPE, Column, csv_response, xlsx_bytes
from dangvu.core.filters import parse_year
from dangvu.core.forms import add_service_errors
from dangvu.core.profiles import values_on
from dangvu.core.scope import subtree_q
from dangvu.core.views import ScopedMixin
from dangvu.members.models import Member
from dangvu.organizations.models import Organization

from .. import forms, policy, queries, services
from ..filters import DecisionFilterSet
from ..models import AdmissionDecision, AdmissionTarget
from ._base import (
    PAGE_SIZE,
    PagedFilterView,
    StaffOnlyMixin,
    _breadcrumbs,
    _chosen_organization,
)


class DecisionListView(PagedFilterView):
    model = AdmissionDecision
    select_related = ("candidate", "candidate__organization", "organization")
    filterset_class = DecisionFilterSet
    template_name = "admissions/decisions.html"
    filter_names = ("year", "late")


class RecognitionDueView(StaffOnlyMixin, ScopedMixin, ListView):
    """Probationary members whose probation has ended or ends within 30 days (R2.10–R2.11)."""

    model = Member
    template_name = "admissions/due.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        organization = _chosen_organization(self.request)
        members = (
            Member.objects.filter(subtree_q("org_path", organization.path))
            & Member.objects.visible_to(self.request.user)
        ).select_related("organization")
        return queries.probationers_due(members, timezone.localdate())

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        _p, values = values_on(today)
        for member in context["object_list"]:
            member.probation_end = policy.probation_end(member.status_since, values)
            member.consider_by = policy.recognition_consider_deadline(member.probation_end, values)
            member.overdue = member.consider_by < today
        context["today"] = today
        context["chosen_organization"] = _chosen_organization(self.request)
        return context


class FormerMemberListView(StaffOnlyMixin, ScopedMixin, ListView):
    """Former members (struck off, left, expelled) who might be re-admitted (R2.12)."""

    model = Member
    template_name = "admissions/former.html"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(status__in=policy.OUT_OF_PARTY)
            .select_related("organization")
            .order_by("sort_key", "id")
        )

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        _p, values = values_on(timezone.localdate())
        for member in context["object_list"]:
            member.earliest = policy.readmission_earliest(member.status_since, values)
        return context


class TargetListView(StaffOnlyMixin, FormView):
    """The year's admission targets in the user's scope, and a form to set one."""

    template_name = "admissions/targets.html"
    form_class = forms.TargetForm

    def year(self) -> int:
        chosen = self.request.GET.get("year", "")
        if parse_year(chosen, 2000, 2100):
            return int(chosen)
        return timezone.localdate().year

    def organizations(self):
        return (
            Organization.objects.visible_to(self.request.user)
            .active()
            .exclude(kind__in=("branch", "party_group"))
            .order_by("path")
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["organizations"] = self.organizations()
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        return {"year": self.year()}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = self.year()
        context.update(
            year=year,
            targets=AdmissionTarget.objects.visible_to(self.request.user)
            .filter(year=year)
            .select_related("organization")
            .order_by("organization__path")[:500],
            can_edit=self.request.user.is_editor,
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.set_target(
                user=self.request.user,
                organization=data["organization"],
                year=data["year"],
                target=data["target"],
                note=data.get("note") or "",
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The admission target was saved."))
        return HttpResponseRedirect(f"{reverse('admissions:targets')}?year={data['year']}")

    def post(self, request, *args, **kwargs):
        if not request.user.is_editor:
            raise PermissionDenied(_("You cannot change records of this organization."))
        return super().post(request, *args, **kwargs)


def _statistics(request) -> queries.Statistics:
    form = forms.StatisticsForm(request.GET)
    year = timezone.localdate().year
    if form.is_valid() and form.cleaned_data.get("year"):
        year = form.cleaned_data["year"]
    organization = _chosen_organization(request)
    return queries.admission_statistics(organization, year, request.user)


class StatisticsView(StaffOnlyMixin, TemplateView):
    template_name = "admissions/statistics.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        stats = _statistics(self.request)
        this_year = timezone.localdate().year
        context.update(
            stats=stats,
            years=list(range(this_year, this_year - 6, -1)),
            breadcrumbs=_breadcrumbs(self.request.user, stats.organization),
        )
        return context


class StatisticsExportView(StaffOnlyMixin, TemplateView):
    """The statistics page as an xlsx workbook (same query, same scope)."""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        stats = _statistics(request)

        def value(get):
            return lambda pair: get(pair[0])

        columns = [
            Column(_("Organization"), lambda pair: pair[1], width=40),
            Column(_("Admitted"), value(lambda r: r.admitted), kind="int"),
            Column(_("Of which re-admitted"), value(lambda r: r.readmitted), kind="int"),
            *[
                Column(str(label), value(lambda r, k=key: r.categories.get(k, 0)), kind="int")
                for key, label in stats.categories
            ],
            Column(_("Target"), value(lambda r: r.target), kind="int"),
            Column(
                _("Fulfilment (%)"),
                value(lambda r: round(r.fulfilment, 2) if r.fulfilment is not None else None),
            ),
            Column(_("Members on 1 January"), value(lambda r: r.members_at_start), kind="int"),
            Column(
                _("Admission rate (%)"),
                value(lambda r: round(r.rate, 2) if r.rate is not None else None),
            ),
        ]
        rows = [(row, row.organization.name) for row in stats.children]
        rows.append((stats.total, _("Total")))
        if request.GET.get("format") == "csv":
            return csv_response(f"ket-nap-{stats.year}.csv", columns, rows)
        content = xlsx_bytes(
            columns,
            rows,
            sheet_title=str(stats.year),
            numbered=False,
            heading=_("Admissions of %(organization)s in %(year)s")
            % {"organization": stats.organization.name, "year": stats.year},
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="ket-nap-{stats.year}.xlsx"'
        return response
