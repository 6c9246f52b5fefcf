"""The import page (upload → columns → check → import, with progress), the problem report,
and the whole-subtree export."""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from dangvu.core.exports import XLSX_TYPE
from dangvu.core.filters import parse_id
from dangvu.core.views import ScopedDetailView, ScopedMixin
from dangvu.organizations.models import Organization

from . import services
from .engine import read_progress
from .exports import member_csv_lines, write_subtree
from .forms import MappingForm, UploadForm, manageable_organizations
from .models import ImportRun, RunStatus
from .report import report_response

SHOWN_PROBLEMS = 500
# A run whose progress file has not moved for this long died with its process.
STALE_AFTER_SECONDS = 300


def is_interrupted(run: ImportRun) -> bool:
    if not run.is_busy:
        return False
    progress = read_progress(run.pk)
    if progress is None:
        return time.time() - run.created_at.timestamp() > STALE_AFTER_SECONDS
    if time.time() - progress.get("at", 0) > STALE_AFTER_SECONDS:
        return True
    try:
        os.kill(int(progress.get("pid", 0)), 0)
    except (OSError, ValueError):
        return True
    return False


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
        context["runs"] = ImportRun.objects.visible_to(user).select_related("organization")[:50]
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
        return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))


class RunDetailView(EditorRequiredMixin, ScopedDetailView):
    model = ImportRun
    template_name = "imports/run.html"
    context_object_name = "run"
    select_related = ("organization", "created_by")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run = self.object
        interrupted = is_interrupted(run)
        context["interrupted"] = interrupted
        context["busy"] = run.is_busy and not interrupted
        context["progress"] = read_progress(run.pk)
        if run.headers and run.status not in (RunStatus.DONE,) and not context["busy"]:
            context.setdefault("mapping_form", MappingForm(run=run))
        context["problems"] = run.problems[:SHOWN_PROBLEMS]
        context["more_problems"] = max(len(run.problems) - SHOWN_PROBLEMS, 0)
        context["valid_rows"] = run.created + run.updated
        return context


class RunActionView(EditorRequiredMixin, ScopedMixin, View):
    """POST-only steps of a run; GET goes back to the run's page."""

    model = ImportRun
    http_method_names = ["get", "post"]

    def get_run(self, pk: int) -> ImportRun:
        run = get_object_or_404(self.get_queryset(), pk=pk)
        if not self.request.user.can_manage(run.organization):
            raise PermissionDenied
        return run

    def get(self, request, pk: int):
        run = get_object_or_404(self.get_queryset(), pk=pk)
        return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))

    def busy(self, run: ImportRun) -> bool:
        if run.is_busy and not is_interrupted(run):
            messages.warning(self.request, _("This file is being processed; wait for the end."))
            return True
        if run.status == RunStatus.DONE:
            messages.info(self.request, _("This file was already imported."))
            return True
        return False


class RunMappingView(RunActionView):
    """Save the column mapping and check every row (nothing is written)."""

    def post(self, request, pk: int):
        run = self.get_run(pk)
        if self.busy(run):
            return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))
        if not run.headers:
            messages.error(request, _("This file could not be read; upload it again."))
            return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))
        form = MappingForm(request.POST, run=run)
        if not form.is_valid():
            view = RunDetailView()
            view.setup(request, pk=pk)
            view.object = run
            context = view.get_context_data(object=run, mapping_form=form)
            return view.render_to_response(context, status=400)
        services.set_mapping(run, form.mapping())
        services.launch(run, user=request.user, write=False)
        return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))


class RunImportView(RunActionView):
    """Write the checked file (or only its valid rows) in one transaction."""

    def post(self, request, pk: int):
        run = self.get_run(pk)
        if self.busy(run):
            return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))
        if run.status not in (RunStatus.VALIDATED, RunStatus.INVALID):
            messages.error(request, _("Check the file before importing it."))
            return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))
        run.valid_only = request.POST.get("valid_only") == "1"
        run.dry_run = False
        run.save(update_fields=["valid_only", "dry_run"])
        services.launch(run, user=request.user, write=True)
        return HttpResponseRedirect(reverse("imports:run", args=[run.pk]))


class RunProgressView(EditorRequiredMixin, ScopedDetailView):
    """The progress bar, polled by htmx every second; when the run ends the page reloads."""

    model = ImportRun
    template_name = "imports/_progress.html"
    context_object_name = "run"

    def render_to_response(self, context, **kwargs):
        run = self.object
        if not run.is_busy or is_interrupted(run):
            response = HttpResponse(status=200)
            response["HX-Refresh"] = "true"
            return response
        progress = read_progress(run.pk) or {}
        total = progress.get("total") or 0
        context["progress"] = progress
        context["percent"] = int(100 * progress.get("done", 0) / total) if total else 0
        return super().render_to_response(context, **kwargs)


class RunReportView(EditorRequiredMixin, ScopedDetailView):
    """Every problem of the run as xlsx."""

    model = ImportRun

    def render_to_response(self, context, **kwargs):
        return report_response(self.object)


class SubtreeExportView(EditorRequiredMixin, ScopedDetailView):
    """The subtree's organizations, localities and members in the workbook the import reads;
    `?format=csv` gives the members sheet as csv."""

    model = Organization

    def render_to_response(self, context, **kwargs):
        root = self.object
        slug = root.code.lower()
        if self.request.GET.get("format") == "csv":
            response = StreamingHttpResponse(
                (line.encode("utf-8") for line in member_csv_lines(root)),
                content_type="text/csv; charset=utf-8",
            )
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
