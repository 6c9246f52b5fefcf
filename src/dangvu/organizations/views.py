"""Organization pages: the tree (today or as of a date), an organization's page, its edit form,
and its committee seats. Declarations on `core.generic`; the reads are in `queries`, who may do
what in `rules.transitions`, the writes in `services`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from dangvu.core.generic import ActionView, DetailView, ExtraContextMixin, ScopedQuerysetMixin
from dangvu.core.views import audit_history

from . import queries, rules, services
from .forms import AsOfForm, OrganizationForm, SeatAddForm, SeatEndForm
from .models import CommitteeSeat, Organization


class AsOfMixin:
    """`?on=`: the tree as it stood on a past date (None: today's tree, with counts)."""

    def as_of(self) -> tuple[AsOfForm, dt.date | None]:
        form = AsOfForm(self.request.GET)
        return form, form.cleaned_data["on"] if form.is_valid() else None


class TreeView(AsOfMixin, ExtraContextMixin, ScopedQuerysetMixin, TemplateView):
    """The user's part of the tree; children load lazily (htmx) from ChildrenView."""

    model = Organization
    template_name = "organizations/tree.html"

    def get_extra_context(self) -> dict[str, Any]:
        form, on = self.as_of()
        user = self.request.user
        # The reorganizations button only for those the permission lets through (issue 14).
        return {
            "form": form,
            "on": on,
            "may_reorganize": rules.may_reorganize(user),
            **queries.tree(user, on),
        }


class ChildrenView(AsOfMixin, DetailView):
    """The `<ul>` of an organization's children, for the tree's lazy toggles."""

    model = Organization
    template_name = "organizations/_children.html"
    context_object_name = "parent"

    def get_extra_context(self) -> dict[str, Any]:
        form, on = self.as_of()
        return {
            "form": form,
            "on": on,
            "nodes": queries.child_nodes(self.object, self.request.user, on),
        }


class OrganizationDetailView(AsOfMixin, DetailView):
    """An organization's page: today's, or with `?on=` as it stood on that date (issue 14)."""

    model = Organization
    template_name = "organizations/detail.html"
    context_object_name = "org"

    def get_extra_context(self) -> dict[str, Any]:
        org, user = self.object, self.request.user
        form, on = self.as_of()
        if on is not None and on != timezone.localdate():
            page = queries.organization_page_on(org, user, on)
            return {**page, "form": form, "history": audit_history(org, user)}
        page = queries.organization_page(org, user)
        page["form"] = form
        if page["may_add_seat"]:
            page["seat_form"] = seat_add_form(org, user)
        return {**page, "history": audit_history(org, user)}


class BackToOrganizationMixin:
    """After the action, and for the page's Cancel link: the organization's page."""

    def organization(self) -> Organization:
        return self.object

    def get_success_url(self, result: Any = None) -> str:
        return reverse("organizations:detail", args=[self.organization().pk])

    def get_extra_context(self) -> dict[str, Any]:
        return {"org": self.organization(), "back_url": self.get_success_url()}


class OrganizationEditView(BackToOrganizationMixin, ActionView):
    model = Organization
    permission = staticmethod(rules.may_edit)
    form_class = OrganizationForm
    template_name = "organizations/edit.html"
    context_object_name = "org"
    success_message = _("The organization was saved.")

    def get_form_kwargs(self) -> dict[str, Any]:
        # The form's own validation writes into its instance; keep the page's object intact.
        return {**super().get_form_kwargs(), "instance": queries.fresh_copy(self.object)}

    def perform(self, form: OrganizationForm) -> Organization:
        return services.update_organization(self.request.user, self.object, form.cleaned_data)


# --- committee seats ------------------------------------------------------------------------


def seat_add_form(org: Organization, user, data=None) -> SeatAddForm:
    return SeatAddForm(data, organization=org, members=queries.seat_candidates(org, user))


class SeatAddView(BackToOrganizationMixin, ActionView):
    """Add a seat to an organization's committee (the form also sits on the detail page)."""

    model = Organization
    permission = staticmethod(rules.may_manage)
    form_class = SeatAddForm
    template_name = "organizations/seat_add.html"
    success_message = _("The committee seat was recorded.")

    def get_form_kwargs(self) -> dict[str, Any]:
        user = self.request.user
        members = queries.seat_candidates(self.object, user)
        return {**super().get_form_kwargs(), "organization": self.object, "members": members}

    def perform(self, form: SeatAddForm):
        return services.add_committee_seat(
            user=self.request.user, organization=self.object, **form.seat()
        )


class SeatEndView(BackToOrganizationMixin, ActionView):
    """End a current seat (end of term, resignation, removal) on a date."""

    model = CommitteeSeat
    select_related = ("organization", "member")
    permission = staticmethod(rules.may_manage_seat)
    form_class = SeatEndForm
    template_name = "organizations/seat_end.html"
    context_object_name = "seat"
    success_message = _("The committee seat was ended.")

    def organization(self) -> Organization:
        return self.object.organization

    def perform(self, form: SeatEndForm):
        return services.end_committee_seat(
            user=self.request.user, seat=self.object, valid_to=form.cleaned_data["valid_to"]
        )
