"""Pages of the evaluation cycles (R4.7, R4.9): the index, opening a cycle, a cycle's progress
and closing it. The rows' pages are in rows.py, the list pages in lists.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from dangvu.core.generic import ActionView, CreateView, DetailView, ExtraContextMixin

from .. import queries, services
from ..forms import CycleForm, EmptyForm
from .common import CycleMixin, ErrorsAsMessagesMixin


class IndexView(LoginRequiredMixin, ExtraContextMixin, TemplateView):
    """The cycles the user takes part in, their own evaluation, and where to act."""

    template_name = "evaluations/index.html"

    def get_extra_context(self) -> dict[str, Any]:
        user = self.request.user
        cycles = list(services.cycles_for(user)[:50])
        return {
            **queries.steps.index_page(user, cycles),
            "can_open": services.may_open_cycles(user),
        }


class CycleCreateView(CreateView):
    form_class = CycleForm
    template_name = "evaluations/form.html"
    permission = staticmethod(services.may_open_cycles)
    permission_denied_message = gettext_lazy(
        "Only a provincial or direct-level board opens a cycle."
    )
    success_message = gettext_lazy("The evaluation cycle was opened.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": _("Open an evaluation cycle"), "back": reverse("evaluations:index")}

    def perform(self, form):
        return services.open_cycle(user=self.request.user, **form.cleaned_data)

    def get_success_url(self, result: Any = None) -> str:
        return reverse("evaluations:cycle", args=[result.pk])


class CycleDetailView(CycleMixin, DetailView):
    template_name = "evaluations/cycle.html"

    def get_extra_context(self) -> dict[str, Any]:
        user, cycle = self.request.user, self.object
        return {
            **queries.steps.cycle_page(user, cycle),
            "actions": services.cycle_actions(user, cycle),
            "decides_grassroots": services.decides_grassroots(user),
        }


class CycleCloseView(CycleMixin, ErrorsAsMessagesMixin, ActionView):
    """The opening board closes the cycle (the service refuses anyone else: 403)."""

    template_name = "evaluations/confirm.html"
    form_class = EmptyForm
    success_message = gettext_lazy("The evaluation cycle was closed.")

    def get_extra_context(self) -> dict[str, Any]:
        return {
            "title": _("Close the evaluation cycle"),
            "text": _("After closing, no step of this cycle can be taken or reopened."),
            "back": self.get_success_url(),
        }

    def perform(self, form):
        return services.close_cycle(user=self.request.user, cycle=self.object)
