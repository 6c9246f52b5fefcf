"""Statistics of a subtree and period (page and xlsx), committees' visit compliance and duties,
and a branch's year of meetings."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from dangvu.core.exports import XLSX_TYPE, Column, Sheet, csv_response, write_workbook
from dangvu.core.filters import parse_year
from dangvu.core.forms import add_service_errors, bootstrap_form
from dangvu.core.scope import subtree_q
from dangvu.core.views import ScopedMixin
from dangvu.members.models import Member
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import CommitteeSeat, Organization

from .. import queries, services
from ..choices import MeetingKind, MeetingStatus, QualityRating
from ..forms import DutyForm, PeriodForm
from ..models import Meeting, VisitDuty
from .base import ObjectMixin


class NotForPlainMembersMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_plain_member:
            raise PermissionDenied(_("Statistics are for the committees and their offices."))
        return super().dispatch(request, *args, **kwargs)


def default_organization(user) -> Organization | None:
    if user.organization_id is not None:
        return user.organization
    if user.sees_everything:
        return Organization.objects.get_root_nodes().first()
    return None


def resolve_period(request) -> tuple[PeriodForm, Organization | None, queries.Period]:
    form = PeriodForm(request.GET)
    user = request.user
    today = timezone.localdate()
    period = queries.Period.year(today.year)
    organization = default_organization(user)
    if form.is_valid():
        data = form.cleaned_data
        if data.get("organization"):
            organization = (
                Organization.objects.visible_to(user).filter(pk=data["organization"]).first()
            )
            if organization is None:
                raise Http404(_("No such organization in your scope."))
        start, end = data.get("date_from"), data.get("date_to")
        if start or end:
            start = start or dt.date((end or start).year, 1, 1)
            end = end or dt.date(start.year, 12, 31)
            period = queries.Period(start, end)
        elif data.get("year"):
            period = queries.Period.year(data["year"])
    bootstrap_form(form)
    return form, organization, period


def breadcrumbs(user, organization: Organization) -> list[Organization]:
    step = Organization.steplen
    paths = [organization.path[:i] for i in range(step, len(organization.path), step)]
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))


class StatisticsView(NotForPlainMembersMixin, ScopedMixin, TemplateView):
    model = Meeting
    template_name = "meetings/statistics.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, organization, period = resolve_period(self.request)
        context.update(form=form, organization=organization, period=period)
        if organization is not None:
            stats = queries.statistics(organization, period)
            context.update(
                stats=stats,
                kinds=[(stats.held[value], label) for value, label in MeetingKind.choices],
                ratings=[
                    (value, label, stats.ratings[value]) for value, label in QualityRating.choices
                ],
                breadcrumbs=breadcrumbs(self.request.user, organization),
                query=self.request.GET.urlencode(),
                period_query=_without(self.request.GET, "organization"),
            )
        return context


def _without(params, name: str) -> str:
    params = params.copy()
    params.pop(name, None)
    return params.urlencode()


def _sheet(title: str, header: list[str], rows: list[list[Any]]) -> Sheet:
    """One table of the statistics workbook (core.exports: typed cells, formulas
    neutralized)."""
    columns = [
        Column(str(h), lambda r, i=i: r[i], width=46 if i == 0 else 14)
        for i, h in enumerate(header)
    ]
    return Sheet(str(title), columns, rows, numbered=False)


def _percent(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 2) if whole else None


class StatisticsExportView(NotForPlainMembersMixin, ScopedMixin, View):
    model = Meeting

    def get(self, request, *args, **kwargs) -> HttpResponse:
        form, organization, period = resolve_period(request)
        if organization is None:
            raise Http404(_("No organization in your scope."))
        stats = queries.statistics(organization, period)
        held = stats.held
        summary = _sheet(
            _("Summary"),
            [_("Figure"), _("Value")],
            [
                [_("Organization"), organization.name],
                [_("From"), period.start],
                [_("To"), period.end],
                [_("Branches"), stats.branches],
                [_("Months with a regular meeting"), stats.regular_months],
                [_("Regular meetings due"), stats.due_regular],
                [_("Quarters with a thematic meeting"), stats.thematic_periods],
                [_("Thematic meetings due"), stats.due_thematic],
                *[[str(label), held[value]] for value, label in MeetingKind.choices],
                [_("Attendance rate (%)"), _percent(stats.present, stats.eligible)],
                [_("Present"), stats.present],
                [_("Members listed"), stats.eligible],
                [_("Absent with reason"), stats.excused],
                [_("Absent without reason"), stats.absent],
                [_("Branches at 100% attendance"), stats.branches_full],
                [_("Average quality score"), stats.average_score],
                *[[str(label), stats.ratings[value]] for value, label in QualityRating.choices],
            ],
        )
        by_organization = _sheet(
            _("By organization"),
            [
                _("Organization"),
                _("Branches"),
                _("Regular meetings due"),
                _("Regular meetings held"),
                _("Thematic meetings held"),
                _("Attendance rate (%)"),
                _("Absent without reason"),
                _("Average quality score"),
            ],
            [
                [
                    row["organization"].name,
                    row["branches"],
                    row["due_regular"],
                    row["regular"],
                    row["thematic"],
                    _percent(row["present"], row["eligible"]),
                    row["absent"],
                    round(row["avg_score"], 1) if row["avg_score"] is not None else None,
                ]
                for row in stats.children
            ],
        )
        visits = _sheet(
            _("Visits"),
            [_("Level"), _("Committee members"), _("Every (months)"), _("Due"), _("Done")],
            [
                [str(r["label"]), r["members"], r["every"], r["due"], r["done"]]
                for r in stats.visits
            ],
        )
        topics = _sheet(
            _("Thematic topics"),
            [_("Topic"), _("Meetings")],
            [[t["topic"], t["n"]] for t in stats.topics],
        )
        scores = _sheet(
            _("Scores by branch"),
            [_("Branch"), _("Scored meetings"), _("Average score")]
            + [str(label) for _v, label in QualityRating.choices],
            [
                [
                    row["organization__name"],
                    row["meetings"],
                    round(row["avg_score"], 1) if row["avg_score"] is not None else None,
                    *[row[value] for value in QualityRating.values],
                ]
                for row in queries.branch_year_scores(organization.path, period)
            ],
        )
        if request.GET.get("format") == "csv":
            # One table per csv file: the rows by organization, the list behind the figures.
            return csv_response(
                "sinh-hoat-chi-bo.csv", by_organization.columns, by_organization.rows
            )
        buffer = io.BytesIO()
        write_workbook(buffer, [summary, by_organization, visits, topics, scores])
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="sinh-hoat-chi-bo.xlsx"'
        return response


class CommitteeListView(NotForPlainMembersMixin, ScopedMixin, TemplateView):
    """Committees in scope, each linking to its visit-compliance page."""

    model = Organization
    template_name = "meetings/committees.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["committees"] = queries.committees_visible(self.request.user)[:500]
        return context


class CommitteeMixin(ObjectMixin):
    model = Organization
    context_name = "committee"

    def get_queryset(self):
        return super().get_queryset().exclude(kind__in=BRANCH_KINDS)

    def managed_organization(self):
        return self.object


class ComplianceView(CommitteeMixin, TemplateView):
    """R3.9: each committee member's duty, last visit, next due date; who is behind."""

    manage = False
    template_name = "meetings/compliance.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = queries.compliance(self.object, today)
        context.update(
            rows=rows,
            behind=sum(1 for r in rows if r.behind),
            today=today,
            can_manage=self.request.user.can_manage(self.object),
            duties=VisitDuty.objects.current(today)
            .filter(committee=self.object)
            .select_related("member", "branch")
            .order_by("member__sort_key", "branch__name"),
        )
        return context


class DutyCreateView(CommitteeMixin, FormView):
    form_class = DutyForm
    template_name = "meetings/simple_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        today = timezone.localdate()
        seats = CommitteeSeat.objects.current(today).filter(organization=self.object)
        kwargs["members"] = Member.objects.filter(pk__in=seats.values("member_id")).order_by(
            "sort_key", "id"
        )
        kwargs["branches"] = (
            Organization.objects.visible_to(self.request.user)
            .filter(subtree_q("path", self.object.path), kind__in=BRANCH_KINDS)
            .active()
            .order_by("path")
        )
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        return {"valid_from": timezone.localdate()}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Assign a branch to follow"),
            back=reverse("meetings:compliance", args=[self.object.pk]),
        )
        return context

    def form_valid(self, form: DutyForm):
        try:
            services.assign_visit_duty(
                user=self.request.user,
                committee=self.object,
                member=form.cleaned_data["member"],
                branch=form.cleaned_data["branch"],
                valid_from=form.cleaned_data["valid_from"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The branch was assigned."))
        return HttpResponseRedirect(reverse("meetings:compliance", args=[self.object.pk]))


class DutyEndView(ObjectMixin, View):
    model = VisitDuty

    def managed_organization(self):
        return self.object.committee

    def post(self, request, *args, **kwargs):
        try:
            services.end_visit_duty(user=request.user, duty=self.object, on=timezone.localdate())
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The assignment was ended."))
        return HttpResponseRedirect(reverse("meetings:compliance", args=[self.object.committee_id]))


class BranchYearView(ObjectMixin, TemplateView):
    """A branch's year: one line per month (regular, thematic, attendance, score)."""

    model = Organization
    manage = False
    context_name = "branch"
    template_name = "meetings/branch_year.html"

    def get_queryset(self):
        return super().get_queryset().filter(kind__in=BRANCH_KINDS)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = self.request.GET.get("year", "")
        year = parse_year(year, 2000, 2100) or today.year
        meetings = list(
            Meeting.objects.visible_to(self.request.user)
            .filter(organization=self.object, year=year)
            .order_by("scheduled_at")
        )
        months = []
        for month in range(1, 13):
            these = [m for m in meetings if m.month == month]
            held = [m for m in these if m.status == MeetingStatus.HELD]
            months.append(
                {
                    "month": month,
                    "meetings": these,
                    "regular": any(m.kind in ("regular", "combined") for m in held),
                    "thematic": any(m.kind in ("thematic", "combined") for m in held),
                    "past": dt.date(year, month, 1) <= today,
                }
            )
        scores = list(queries.branch_year_scores(self.object.path, queries.Period.year(year)))
        context.update(
            year=year,
            years=range(today.year - 3, today.year + 2),
            months=months,
            scores=scores[0] if scores else None,
            can_manage=self.request.user.can_manage(self.object),
        )
        return context
