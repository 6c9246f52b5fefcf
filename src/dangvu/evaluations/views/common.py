"""What the evaluation pages share, on top of core.generic: the cycle and the row loaded in the
user's scope (404 outside it), the list pages (GET for whoever sees them, POST for the
committee that acts, 400 with the reasons when refused)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dangvu.core.generic import ActionView, Permission

from .. import services
from ..models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation


class CycleMixin:
    """`self.object`: a cycle the user takes part in (services.cycles_for), else 404."""

    model = EvaluationCycle

    def get_queryset(self):
        return services.cycles_for(self.request.user)

    def get_success_url(self, result: Any = None) -> str:
        return reverse("evaluations:cycle", args=[self.object.pk])


class RowMixin:
    """`self.object`: a member's evaluation in the user's scope (404 outside it); `back`
    and the success URL: its page."""

    model = MemberEvaluation
    select_related = ("cycle", "member", "organization", "grassroots")
    detail_url = "evaluations:member"

    def get_success_url(self, result: Any = None) -> str:
        return reverse(self.detail_url, args=[self.object.pk])

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        return super().get_context_data(back=self.get_success_url(), **kwargs)


class OrgRowMixin(RowMixin):
    """`self.object`: a branch's or a grassroots organization's evaluation."""

    model = OrganizationEvaluation
    select_related = ("cycle", "organization")
    detail_url = "evaluations:organization"


class SelfFormMixin:
    """The self-assessment form of the row's framework (points or the level alone)."""

    def get_form_kwargs(self) -> dict[str, Any]:
        row = self.object
        kwargs = super().get_form_kwargs()
        return {**kwargs, "framework": row.framework, "uses_points": row.cycle.uses_points}


class ErrorsAsMessagesMixin:
    """A confirmation page: the service's refusal comes back as messages on the object's page."""

    def form_invalid(self, form):
        for error in form.non_field_errors():
            messages.error(self.request, error)
        return HttpResponseRedirect(self.get_success_url())


def posted_levels(request) -> dict[str, str]:
    """The levels a refused list sent back (shown again in its selects)."""
    return request.POST.dict() if request.method == "POST" else {}


class ListActionView(ActionView):
    """A list page of one step (R4.7): everyone who sees it reads it; only
    `post_permission(user, object)` posts (403). A refused list answers 400 with the reasons
    (`errors`) and the levels as they were posted (`posted`)."""

    post_permission: Permission | None = None
    permission_denied_message = _("Only the competent committee decides these levels.")

    def post(self, request, *args, **kwargs):
        if self.post_permission is not None and not self.post_permission(request.user, self.object):
            raise PermissionDenied(str(self.permission_denied_message))
        return super().post(request, *args, **kwargs)

    def open_ids(self) -> dict[str, set[int]]:
        """The rows open to the step, by prefix (read on POST only)."""
        return {}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        return {**kwargs, "allowed": self.open_ids() if self.request.method == "POST" else {}}

    def form_invalid(self, form):
        context = self.get_context_data(form=form, errors=form.non_field_errors())
        return self.render_to_response(context, status=400)

    def get_success_url(self, result: Any = None) -> str:
        return self.request.path
