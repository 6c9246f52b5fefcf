"""Transfer pages: the introduction letter from the member's profile, the list and the page
of a transfer with its confirm, cancel and return forms, and an arrival from outside."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from dangvu.core.generic import CreateView, DetailView
from dangvu.core.views import audit_history

from ..events.views import MemberActionView
from ..member.pages import FilteredListView, RecordActionView
from ..member.queries import member_visible
from ..placement.forms import visible_branches
from ..rules.transitions import TRANSFER
from . import arrivals, queries, services
from . import forms as f
from .filters import TransferFilterSet
from .models import Transfer


class TransferIssueView(MemberActionView):
    title = gettext_lazy("Transfer party activity")
    icon = "bi-envelope-paper"
    form_class = f.TransferIssueForm
    service = services.issue_transfer
    form_needs_user = True
    success_message = gettext_lazy("The introduction letter was recorded.")


class TransferListView(FilteredListView):
    model = Transfer
    select_related = ("member", "from_organization", "to_organization")
    filterset_class = TransferFilterSet
    template_name = "members/transfers.html"
    filter_names = ("direction", "status", "kind", "overdue", "date_from", "date_to")
    ordering = ("-issued_on", "-id")

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queries.mark_rows(context["object_list"], self.request.user, timezone.localdate())
        context["can_receive"] = services.may_receive(self.request.user)
        return context


class TransferDetailView(DetailView):
    model = Transfer
    select_related = ("member", "from_organization", "to_organization", "received_in")
    template_name = "members/transfer_detail.html"
    context_object_name = "transfer"

    def get_extra_context(self) -> dict[str, Any]:
        transfer, user = self.object, self.request.user
        page = queries.detail(transfer, user, timezone.localdate())
        actions = page.pop("actions")
        return {
            **page,
            "confirm_form": f.TransferConfirmForm(transfer=transfer, user=user)
            if actions["confirm"]
            else None,
            "cancel_form": f.TransferCancelForm() if actions["cancel"] else None,
            "return_form": f.TransferReturnForm() if actions["return"] else None,
            "member_visible": member_visible(user, transfer.member_id),
            "history": audit_history(transfer, user),
        }


class TransferActionView(RecordActionView):
    model = Transfer
    select_related = ("member", "from_organization", "to_organization")
    table = TRANSFER
    detail_url_name = "members:transfer_detail"


class TransferConfirmView(TransferActionView):
    title = gettext_lazy("Confirm the arrival")
    form_class = f.TransferConfirmForm
    action = "confirm"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "transfer": self.object, "user": self.request.user}

    def perform(self, form) -> Any:
        return arrivals.confirm_transfer(
            user=self.request.user, transfer=self.object, **form.cleaned_data
        )


class TransferCancelView(TransferActionView):
    title = gettext_lazy("Cancel the transfer")
    form_class = f.TransferCancelForm
    action = "cancel"

    def perform(self, form) -> Any:
        return services.cancel_transfer(
            user=self.request.user, transfer=self.object, **form.cleaned_data
        )


class TransferReturnView(TransferActionView):
    title = gettext_lazy("Return from the temporary transfer")
    form_class = f.TransferReturnForm
    action = "return"

    def perform(self, form) -> Any:
        return services.end_temporary_transfer(
            user=self.request.user, transfer=self.object, on=form.cleaned_data["on"]
        )


class TransferReceiveView(CreateView):
    """An arrival from a party organization outside the system (creates the member)."""

    model = Transfer
    permission = staticmethod(services.may_receive)
    permission_denied_message = gettext_lazy("You cannot add party members.")
    form_class = f.ReceiveForm
    template_name = "members/receive.html"
    success_message = gettext_lazy("The arrival was recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "branches": visible_branches(self.request.user)}

    def perform(self, form) -> Any:
        return arrivals.receive_from_outside(user=self.request.user, **form.service_kwargs())

    def get_success_url(self, result: Any = None) -> str:
        return reverse("members:detail", args=[result.member_id])
