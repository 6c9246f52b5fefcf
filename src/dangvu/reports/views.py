"""Report pages: the dashboard, the list behind a figure, the narrative, the exports.

Every page reads its parameters with `params.scope_from` (scope checked there: an organization
outside the user's subtree is "not in your scope"; plain members get 403) and every figure is
computed by `queries`, so the page, the exports, the API and the command line agree."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from dangvu.core.documents.declared import filename as file_name
from dangvu.core.exports import TitleBlock, file_response, xlsx_response
from dangvu.core.pdf import pdf_response
from dangvu.core.registry import registry
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization, OrganizationLink, active_on_q

from . import lists
from .charts import report_charts, trend_series
from .exports import report_pdf, report_xlsx
from .narrative import narrative
from .params import scope_from
from .queries import REPORTS, Report, build_report, drills
from .queries.scope import Scope


def _scope(request) -> Scope:
    """The scope of the request's parameters; today's date reads today's tree (fast path)."""
    scope = scope_from(request.GET, request.user)
    if scope.on == timezone.localdate():
        scope = Scope(scope.organization, scope.on, scope.start, current=True)
    return scope


def _bad_request(request, error: ValidationError, template="reports/dashboard.html"):
    return render(
        request,
        template,
        {"errors": error.message_dict, "params": request.GET, "years": _years()},
        status=400,
    )


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 10, -1))


def _report_name(request) -> str:
    name = request.GET.get("report") or "dashboard"
    if name not in REPORTS:
        raise ValidationError({"report": _("There is no report with this name.")})
    return name


class ReportMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            return super().dispatch(request, *args, **kwargs)
        except ValidationError as error:
            return _bad_request(request, error)


def breadcrumbs(organization: Organization, user) -> list[Organization]:
    """The ancestors of the organization the user may see (links to their dashboards)."""
    if organization.depth <= 1:
        return []
    visible = Organization.objects.visible_to(user)
    return list(
        visible.filter(pk__in=[a.pk for a in Organization.objects.get_ancestors(organization)])
    )


def children(scope: Scope, user) -> list[Organization]:
    """The sub-organizations on the report's date: today's tree for today, else the dated
    links (on 31/12/2024 the districts dissolved on 1/7/2025 are the province's children)."""
    visible = Organization.objects.visible_to(user)
    if scope.current:
        found = visible.filter(
            subtree_q("path", scope.organization.path),
            depth=scope.organization.depth + 1,
            dissolved_on__isnull=True,
        )
    else:
        links = OrganizationLink.objects.filter(
            active_on_q(scope.on), parent=scope.organization
        ).values("organization_id")
        found = visible.filter(pk__in=links)
    return list(found.order_by("position", "path")[:200])


class DashboardView(ReportMixin, View):
    def get(self, request):
        scope = _scope(request)
        report = build_report("dashboard", scope)
        query = urlencode(scope.query())
        return render(
            request,
            "reports/dashboard.html",
            {
                "report": report,
                "scope": scope,
                "query": query,
                "charts": report_charts(report),
                # One small chart per yearly series, each on its own scale (trend_series).
                "trends": [str(trend.label) for trend in registry().report_trends],
                "breadcrumbs": breadcrumbs(scope.organization, request.user),
                "children": children(scope, request.user),
                "params": request.GET,
                "years": _years(),
                "report_names": [(n, REPORTS[n][0]) for n in REPORTS],
            },
        )


class TrendChartView(ReportMixin, View):
    """One yearly series (`?series=<n>`, n-th of `report_trends`) as an SVG image (its queries
    run apart from the dashboard's)."""

    def get(self, request):
        scope = _scope(request)
        number = request.GET.get("series") or "0"
        if not number.isdigit() or int(number) >= len(registry().report_trends):
            raise ValidationError({"series": _("There is no chart with this number.")})
        svg = trend_series(scope, int(number))
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
        response["Cache-Control"] = "private, max-age=300"
        return response


class FigureListView(ReportMixin, View):
    """The rows behind one figure (same scope, same date); `?format=xlsx` streams them all."""

    def get(self, request):
        key = request.GET.get("figure") or ""
        if key not in drills():
            raise ValidationError({"figure": _("There is no list for this figure.")})
        scope = _scope(request)
        queryset = drills()[key](scope)
        spec = lists.list_type(queryset)
        if request.GET.get("format") == "xlsx":
            name = file_name(str(spec.title), f"{scope.on:%Y%m%d}", "xlsx")
            return _stream_xlsx(name, spec, queryset, scope)
        page = Paginator(lists.rows(queryset, scope), 100).get_page(request.GET.get("page"))
        return render(
            request,
            "reports/list.html",
            {
                "scope": scope,
                "key": key,
                "spec": spec,
                "page": page,
                "cells": [[c.get(row) for c in spec.columns] for row in page.object_list],
                "query": urlencode({**scope.query(), "figure": key}),
                "back": urlencode(scope.query()),
            },
        )


def _stream_xlsx(filename: str, spec, queryset, scope: Scope) -> FileResponse:
    period = _("From %(start)s to %(end)s") % {
        "start": scope.start.strftime("%d/%m/%Y"),
        "end": scope.on.strftime("%d/%m/%Y"),
    }
    return xlsx_response(
        filename,
        spec.columns,
        lists.iterate(queryset, scope),
        sheet_title=str(spec.title),
        title_block=TitleBlock(scope.organization.name, str(spec.title), [period]),
    )


# The report's name in the file a user saves: Vietnamese without diacritics, never its key.
REPORT_FILES = {
    "dashboard": "thong-ke-xay-dung-dang",
    "members": "dang-vien",
    "organizations": "to-chuc-dang",
    "development": "phat-trien-dang-vien",
    "balance": "tang-giam-dang-vien",
    "removals": "bien-dong-dang-vien",
    "meetings": "sinh-hoat-chi-bo",
    "evaluations": "danh-gia-xep-loai",
    "localities": "thon-to-dan-pho",
}


class ExportView(ReportMixin, View):
    """`?report=NAME&format=xlsx|pdf|json` with the dashboard's parameters."""

    def get(self, request):
        name = _report_name(request)
        fmt = request.GET.get("format") or "xlsx"
        if fmt not in ("xlsx", "pdf", "json"):
            raise ValidationError({"format": _("Choose xlsx, pdf or json.")})
        scope = _scope(request)
        report = build_report(name, scope)
        stem = REPORT_FILES.get(name, "bao-cao")
        filename = f"{stem}-{scope.organization.code}-{scope.on:%Y%m%d}.{fmt}"
        return export_response(report, fmt, filename)


def export_response(report: Report, fmt: str, filename: str):
    if fmt == "pdf":
        return pdf_response(filename, report_pdf(report))
    if fmt == "json":
        response = JsonResponse(report.as_dict(), json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return file_response(lambda target: report_xlsx(report, target), filename)


class NarrativeView(ReportMixin, View):
    def get(self, request):
        scope = _scope(request)
        paragraphs = narrative(build_report("dashboard", scope))
        return render(
            request,
            "reports/narrative.html",
            {"scope": scope, "paragraphs": paragraphs, "back": urlencode(scope.query())},
        )
