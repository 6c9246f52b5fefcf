"""Reorganization pages: a form per kind (`?kind=`), a preview (dry run) of what will change,
then the confirmed run; the list and detail of past reorganizations."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.generic import CreateView, DetailView, ListView

from . import queries, reorganization, rules
from .forms import REORGANIZATION_FORMS, REORGANIZATION_KINDS, reorganization_kind
from .models import Reorganization


class ReorganizeView(CreateView):
    """GET: the form of `?kind=`. POST `preview`: the dry run's summary and a confirm button.
    POST `confirm`: the run itself (the service re-checks everything)."""

    model = Reorganization
    permission = staticmethod(rules.may_reorganize)
    template_name = "organizations/reorganize.html"
    success_message = _("The reorganization was carried out.")

    def kind(self) -> str:
        return reorganization_kind(self.request.POST.get("kind") or self.request.GET.get("kind"))

    def get_form_class(self):
        return REORGANIZATION_FORMS[self.kind()]

    def get_form_kwargs(self) -> dict[str, Any]:
        choices = queries.reorganization_choices(self.request.user)
        return {**super().get_form_kwargs(), "organizations": choices}

    def get_extra_context(self) -> dict[str, Any]:
        return {"kind": self.kind(), "kinds": REORGANIZATION_KINDS}

    def perform(self, form) -> Reorganization | dict:
        """The confirmed run (its record), or the dry run (its summary, nothing written)."""
        confirmed = "confirm" in self.request.POST
        run = reorganization.reorganize if confirmed else reorganization.preview
        args = (self.request.user, form.plan(), form.cleaned_data["effective_on"], form.kind)
        self.result = run(*args, **form.decision())
        return self.result

    def form_valid(self, form):
        self.result = None
        response = super().form_valid(form)  # a refusal: the form with the service's errors
        if not isinstance(self.result, dict):
            return response
        context = self.get_context_data(form=form, summary=self.result, previewed=True)
        return self.render_to_response(context)

    def get_success_message(self, result) -> str:
        return "" if isinstance(result, dict) else super().get_success_message(result)

    def get_success_url(self, result: Any = None) -> str:
        if isinstance(result, dict):  # a preview: the page is shown again, with the summary
            return self.request.get_full_path()
        return reverse("organizations:reorganization", args=[result.pk])


class ReorganizationListView(ListView):
    model = Reorganization
    select_related = ("recorded_by",)
    filterset_fields = ()
    ordering = ("-effective_on", "-id")
    template_name = "organizations/reorganizations.html"

    def get_extra_context(self) -> dict[str, Any]:
        return {"may_reorganize": rules.may_reorganize(self.request.user)}


class ReorganizationDetailView(DetailView):
    model = Reorganization
    select_related = ("recorded_by",)
    template_name = "organizations/reorganization_detail.html"
    context_object_name = "record"
