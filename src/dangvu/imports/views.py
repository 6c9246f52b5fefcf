"""The import page (upload → columns → check → import, with progress), the problem report,
and the whole-subtree export."""

from __future__ import annotations

import os
import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from dangvu.core import generic
from dangvu.core.exports import XLSX_TYPE
from dangvu.core.filters import parse_id
from dangvu.organizations.models import Organization

from . import queries, services, tasks
from .exports import member_csv_lines, write_subtree
from .forms import MappingForm, UploadForm, manageable_organizations
from .models import ImportRun, RunStatus
from .report import report_response

# Kept importable from here (the run page's figures live in queries).
SHOWN_PROBLEMS = queries.SHOWN_PROBLEMS
STALE_AFTER_SECONDS = queries.STALE_AFTER_SECONDS
is_interrupted = queries.is_interrupted


def _run_url(run: ImportRun) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))


class EditorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_editor:
            raise PermissionDenied(_("Only committee staff can import or export data."))
        return super().dispatch(request, *args, **kwargs)


class ImportIndexView(EditorRequiredMixin, TemplateView):
    template_name = "imports/index.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.setdefault("form", UploadForm(user=user))
        context["runs"] = queries.recent_runs(user)
        context["export_orgs"] = manageable_organizations(user)
        return context

    def post(self, request, *args, **kwargs):
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        with tempfile.NamedTemporaryFile(suffix=".upload", delete=False) as tmp:
            for chunk in upload.chunks():
                tmp.write(chunk)
        try:
            run = services.create_run(
                user=request.user,
                kind=form.cleaned_data["kind"],
                organization=form.cleaned_data["organization"],
                source=tmp.name,
                file_name=upload.name,
                sheet=form.cleaned_data["sheet"],
            )
        finally:
            os.unlink(tmp.name)
        return _run_url(run)


class RunDetailView(EditorRequiredMixin, generic.DetailView):
    model = ImportRun
    template_name = "imports/run.html"
    context_object_name = "run"
    select_related = ("organization", "created_by")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(queries.run_state(self.object))
        if queries.may_map(self.object, context["busy"]):
            context.setdefault("mapping_form", MappingForm(run=self.object))
        return context


class RunActionView(EditorRequiredMixin, generic.ObjectMixin, View):
    """POST-only steps of a run (the user manages its organization); GET goes back to the
    run's page."""

    model = ImportRun
    http_method_names = ["get", "post"]
    permission = staticmethod(services.may_manage_run)
    permission_denied_message = ""

    def check_permission(self, run: ImportRun) -> None:
        if self.request.method == "POST":
            super().check_permission(run)

    def get(self, request, pk: int):
        return _run_url(self.object)

    def busy(self, run: ImportRun) -> bool:
        if queries.is_running(run):
            messages.warning(self.request, _("This file is being processed; wait for the end."))
            return True
        if run.status == RunStatus.DONE:
            messages.info(self.request, _("This file was already imported."))
            return True
        return False


class RunMappingView(RunActionView):
    """Save the column mapping and check every row (nothing is written)."""

    def post(self, request, pk: int):
        run = self.object
        if self.busy(run):
            return _run_url(run)
        if not run.headers:
            messages.error(request, _("This file could not be read; upload it again."))
            return _run_url(run)
        form = MappingForm(request.POST, run=run)
        if not form.is_valid():
            view = RunDetailView()
            view.setup(request, pk=pk)
            view.object = run
            context = view.get_context_data(mapping_form=form)
            return view.render_to_response(context, status=400)
        services.set_mapping(run, form.mapping())
        tasks.launch(run, user=request.user, write=False)
        return _run_url(run)


class RunImportView(RunActionView):
    """Write the checked file (or only its valid rows) in one transaction."""

    def post(self, request, pk: int):
        run = self.object
        if self.busy(run):
            return _run_url(run)
        if run.status not in (RunStatus.VALIDATED, RunStatus.INVALID):
            messages.error(request, _("Check the file before importing it."))
            return _run_url(run)
        valid_only = request.POST.get("valid_only") == "1"
        tasks.start_import(run, user=request.user, valid_only=valid_only)
        return _run_url(run)


class RunProgressView(EditorRequiredMixin, generic.DetailView):
    """The progress bar, polled by htmx every second; when the run ends the page reloads.
    A run queued for the background worker says it is waiting until the worker starts it."""

    model = ImportRun
    template_name = "imports/_progress.html"
    context_object_name = "run"

    def render_to_response(self, context, **kwargs):
        if not queries.is_running(self.object):
            response = HttpResponse(status=200)
            response["HX-Refresh"] = "true"
            return response
        context["progress"], context["percent"] = queries.progress_percent(self.object)
        context["queued"] = tasks.is_waiting(context["progress"])
        return super().render_to_response(context, **kwargs)


class RunReportView(EditorRequiredMixin, generic.DetailView):
    """Every problem of the run as xlsx."""

    model = ImportRun

    def render_to_response(self, context, **kwargs):
        return report_response(self.object)


class SubtreeExportView(EditorRequiredMixin, generic.DetailView):
    """The subtree's organizations, localities and members in the workbook the import reads;
    `?format=csv` gives the members sheet as csv."""

    model = Organization

    def render_to_response(self, context, **kwargs):
        root, slug = self.object, self.object.code.lower()
        if self.request.GET.get("format") == "csv":
            lines = (line.encode("utf-8") for line in member_csv_lines(root))
            response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="dang-vien-{slug}.csv"'
            return response
        buffer = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)
        write_subtree(buffer, root)
        buffer.seek(0)
        return FileResponse(
            buffer, as_attachment=True, filename=f"du-lieu-{slug}.xlsx", content_type=XLSX_TYPE
        )


class ExportChooseView(EditorRequiredMixin, View):
    """The export form's target: on to the chosen organization's export (scope checked there)."""

    def get(self, request):
        pk = parse_id(request.GET.get("organization"))
        if pk is None:
            messages.error(request, _("Choose an organization to export."))
            return HttpResponseRedirect(reverse("imports:index"))
        url = reverse("imports:export", args=[pk])
        if request.GET.get("format") == "csv":
            url += "?format=csv"
        return HttpResponseRedirect(url)
