"""Reorganization pages: a form per kind (`?kind=`), a preview (dry run) of what will change,
then the confirmed run; the list and detail of past reorganizations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from dangvu.core.forms import add_service_errors
from dangvu.core.views import ScopedDetailView, ScopedListView, ScopedMixin

from . import reorganization
from .choices import ReorganizationKind
from .forms import REORGANIZATION_FORMS, ReparentForm
from .models import Organization, Reorganization


class ReorganizeView(ScopedMixin, FormView):
    """GET: the form of `?kind=`. POST `preview`: the dry run's summary and a confirm button.
    POST `confirm`: the run itself (the service re-checks everything)."""

    model = Reorganization
    template_name = "organizations/reorganize.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_editor:
            raise PermissionDenied(_("You cannot change records of this organization."))
        return super().dispatch(request, *args, **kwargs)

    def kind(self) -> str:
        kind = self.request.POST.get("kind") or self.request.GET.get("kind") or ""
        return kind if kind in REORGANIZATION_FORMS else ReparentForm.kind

    def get_form_class(self):
        return REORGANIZATION_FORMS[self.kind()]

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["organizations"] = (
            Organization.objects.visible_to(self.request.user).active().order_by("path")
        )
        return kwargs

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            kind=self.kind(),
            kinds=[(k, ReorganizationKind(k).label) for k in REORGANIZATION_FORMS],
        )
        return context

    def form_valid(self, form):
        user = self.request.user
        plan = form.plan()
        effective_on = form.cleaned_data["effective_on"]
        try:
            if "confirm" in self.request.POST:
                record = reorganization.reorganize(
                    user, plan, effective_on, form.kind, **form.decision()
                )
            else:
                summary = reorganization.preview(
                    user, plan, effective_on, form.kind, **form.decision()
                )
                return self.render_to_response(
                    self.get_context_data(form=form, summary=summary, previewed=True)
                )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The reorganization was carried out."))
        return HttpResponseRedirect(reverse("organizations:reorganization", args=[record.pk]))


class ReorganizationListView(ScopedListView):
    model = Reorganization
    select_related = ("recorded_by",)
    template_name = "organizations/reorganizations.html"
    paginate_by = 50

    def get_queryset(self):
        return super().get_queryset().order_by("-effective_on", "-id")


class ReorganizationDetailView(ScopedDetailView):
    model = Reorganization
    select_related = ("recorded_by",)
    template_name = "organizations/reorganization_detail.html"
    context_object_name = "record"
