"""Statistics of a subtree and period (page and xlsx), committees' visit compliance and duties,
and a branch's year of meetings."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from dangvu.core.exports import TitleBlock, csv_response, workbook_response
from dangvu.core.filters import parse_year
from dangvu.core.forms import bootstrap_form
from dangvu.core.generic import DetailView, ExtraContextMixin
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import Organization

from .. import queries, services
from ..choices import MeetingKind, QualityRating
from ..exports import statistics_sheets
from ..forms import DutyForm, PeriodForm
from ..models import VisitDuty
from .base import CommitteePageMixin, MeetingFormView, PostActionView


def resolve_period(request) -> tuple[PeriodForm, Organization | None, queries.Period]:
    """`?organization=&year=` or `?date_from=&date_to=`: the organization (404 outside the
    scope; default the user's own) and the period (default this year)."""
    form, user, today = PeriodForm(request.GET), request.user, timezone.localdate()
    period = queries.Period.year(today.year)
    organization = queries.default_organization(user)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("organization"):
            organization = queries.visible_organization(user, data["organization"])
            if organization is None:
                raise Http404(_("No such organization in your scope."))
        start, end, year = data.get("date_from"), data.get("date_to"), data.get("year")
        period = queries.Period.chosen(start, end, year, today)
    bootstrap_form(form)
    return form, organization, period


def _without(params, name: str) -> str:
    params = params.copy()
    params.pop(name, None)
    return params.urlencode()


class StatisticsView(CommitteePageMixin, ExtraContextMixin, TemplateView):
    template_name = "meetings/statistics.html"

    def get_extra_context(self) -> dict[str, Any]:
        form, organization, period = resolve_period(self.request)
        context = {"form": form, "organization": organization, "period": period}
        if organization is not None:
            stats = queries.statistics(organization, period)
            context.update(
                stats=stats,
                kinds=[(stats.held[value], label) for value, label in MeetingKind.choices],
                ratings=[(v, label, stats.ratings[v]) for v, label in QualityRating.choices],
                breadcrumbs=queries.breadcrumbs(self.request.user, organization),
                query=self.request.GET.urlencode(),
                period_query=_without(self.request.GET, "organization"),
            )
        return context


class StatisticsExportView(CommitteePageMixin, View):
    def get(self, request, *args, **kwargs) -> HttpResponse:
        _form, organization, period = resolve_period(request)
        if organization is None:
            raise Http404(_("No organization in your scope."))
        sheets = statistics_sheets(organization, period)
        if request.GET.get("format") == "csv":
            # One table per csv file: the rows by organization, the list behind the figures.
            by_organization = sheets[1]
            return csv_response(
                "sinh-hoat-chi-bo.csv", by_organization.columns, by_organization.rows
            )
        dates = {"start": period.start.strftime("%d/%m/%Y"), "end": period.end.strftime("%d/%m/%Y")}
        details = [_("From %(start)s to %(end)s") % dates]
        title = _("Meeting statistics")
        sheets = [
            dataclasses.replace(
                sheet,
                title_block=TitleBlock(organization.name, f"{title} – {sheet.title}", details),
            )
            for sheet in sheets
        ]
        return workbook_response("sinh-hoat-chi-bo.xlsx", sheets)


class CommitteeListView(CommitteePageMixin, ExtraContextMixin, TemplateView):
    """Committees in scope, each linking to its visit-compliance page."""

    template_name = "meetings/committees.html"

    def get_extra_context(self) -> dict[str, Any]:
        return {"committees": queries.committees_visible(self.request.user)[:500]}


class CommitteeMixin:
    """A committee's page (a branch is not a committee: 404)."""

    model = Organization
    context_object_name = "committee"

    def get_queryset(self):
        return super().get_queryset().exclude(kind__in=BRANCH_KINDS)


class ComplianceView(CommitteeMixin, DetailView):
    """R3.9: each committee member's duty, last visit, next due date; who is behind."""

    template_name = "meetings/compliance.html"

    def get_extra_context(self) -> dict[str, Any]:
        can_manage = services.may_manage_organization(self.request.user, self.object)
        page = queries.compliance_page(self.object, timezone.localdate())
        return {**page, "can_manage": can_manage}


def compliance_url(committee_id: int) -> str:
    return reverse("meetings:compliance", args=[committee_id])


class DutyCreateView(CommitteeMixin, MeetingFormView):
    permission = staticmethod(services.may_manage_organization)
    form_class = DutyForm
    title = gettext_lazy("Assign a branch to follow")
    success_message = gettext_lazy("The branch was assigned.")

    def get_form_kwargs(self) -> dict[str, Any]:
        choices = queries.duty_choices(self.request.user, self.object, timezone.localdate())
        return {**super().get_form_kwargs(), **choices}

    def get_initial(self) -> dict[str, Any]:
        return {"valid_from": timezone.localdate()}

    def get_extra_context(self) -> dict[str, Any]:
        return {**super().get_extra_context(), "back": compliance_url(self.object.pk)}

    def perform(self, form: DutyForm):
        data = form.cleaned_data
        return services.assign_visit_duty(
            user=self.request.user,
            committee=self.object,
            member=data["member"],
            branch=data["branch"],
            valid_from=data["valid_from"],
        )

    def get_success_url(self, result: Any = None) -> str:
        return compliance_url(self.object.pk)


class DutyEndView(PostActionView):
    model = VisitDuty
    permission = staticmethod(services.may_manage_duty)
    success_message = gettext_lazy("The assignment was ended.")

    def perform(self, form):
        duty, on = self.object, timezone.localdate()
        return services.end_visit_duty(user=self.request.user, duty=duty, on=on)

    def get_success_url(self, result: Any = None) -> str:
        return compliance_url(self.object.committee_id)


class BranchYearView(DetailView):
    """A branch's year: one line per month (regular, thematic, attendance, score)."""

    model = Organization
    context_object_name = "branch"
    template_name = "meetings/branch_year.html"

    def get_queryset(self):
        return super().get_queryset().filter(kind__in=BRANCH_KINDS)

    def get_extra_context(self) -> dict[str, Any]:
        today = timezone.localdate()
        year = parse_year(self.request.GET.get("year", ""), 2000, 2100) or today.year
        page = queries.branch_year(self.request.user, self.object, year, today)
        return {
            **page,
            "can_manage": services.may_manage_organization(self.request.user, self.object),
        }
