"""Organization pages: the tree (today or as of a date), an organization's page, its edit form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, UpdateView

from dangvu.core.forms import add_service_errors
from dangvu.core.scope import subtree_q
from dangvu.core.views import ScopedDetailView, ScopedMixin, audit_history
from dangvu.members.models import Member

from . import queries
from .choices import Kind, SeatRole
from .forms import AsOfForm, OrganizationForm, SeatAddForm, SeatEndForm
from .models import CommitteeSeat, Locality, Organization, OrganizationLink, active_on_q
from .services import add_committee_seat, end_committee_seat, update_organization

# Secretary first, then deputies, standing members, members (how committees are listed).
SEAT_ORDER = Case(
    *(When(role=role, then=Value(i)) for i, role in enumerate(SeatRole.values)),
    default=Value(len(SeatRole.values)),
    output_field=IntegerField(),
)


@dataclass
class TreeNode:
    """One line of the tree, from today's tree (with counts) or a dated link (structure only)."""

    pk: int
    name: str
    kind: str
    kind_label: str
    has_children: bool
    counts: dict[str, int] | None = None
    dissolved: bool = False


def _current_node(org: Organization) -> TreeNode:
    return TreeNode(
        pk=org.pk,
        name=org.name,
        kind=org.kind,
        kind_label=org.get_kind_display(),
        has_children=org.numchild > 0,
        counts=getattr(org, "counts", None),
        dissolved=org.dissolved_on is not None,
    )


def _nodes_on(links, user, on: dt.date) -> list[TreeNode]:
    """Dated links restricted to organizations the user sees today (structure only)."""
    links = links.filter(organization__in=Organization.objects.visible_to(user)).annotate(
        has_children=Exists(
            OrganizationLink.objects.filter(active_on_q(on), parent=OuterRef("organization"))
        )
    )
    return [
        TreeNode(
            pk=link.organization_id,
            name=link.name,
            kind=link.kind,
            kind_label=link.get_kind_display(),
            has_children=link.has_children,
        )
        for link in links
    ]


def _as_of(request) -> tuple[AsOfForm, dt.date | None]:
    form = AsOfForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["on"]
    return form, None


class TreeView(ScopedMixin, TemplateView):
    """The user's part of the tree; children load lazily (htmx) from ChildrenView."""

    model = Organization
    template_name = "organizations/tree.html"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form, on = _as_of(self.request)
        roots = list(queries.tree_roots(user))
        if on is None:
            for root in roots:
                root.counts = queries.organization_counts(root)
            nodes = [_current_node(root) for root in roots]
        else:
            if user.sees_everything:
                links = queries.children_on(None, on)
            else:
                links = (
                    OrganizationLink.objects.filter(active_on_q(on), organization__in=roots)
                    .select_related("organization")
                    .order_by("organization__position", "name")
                )
            nodes = _nodes_on(links, user, on)
        context.update(form=form, on=on, nodes=nodes, has_scope=bool(roots))
        return context


class ChildrenView(ScopedDetailView):
    """The `<ul>` of an organization's children, for the tree's lazy toggles."""

    model = Organization
    template_name = "organizations/_children.html"
    context_object_name = "parent"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, on = _as_of(self.request)
        if on is None:
            children = queries.children_with_counts(self.object, self.request.user)
            nodes = [_current_node(child) for child in children]
        else:
            nodes = _nodes_on(queries.children_on(self.object, on), self.request.user, on)
        context.update(form=form, on=on, nodes=nodes)
        return context


BRANCH_MEMBERS_SHOWN = 200


class OrganizationDetailView(ScopedDetailView):
    model = Organization
    template_name = "organizations/detail.html"
    context_object_name = "org"

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        org: Organization = self.object
        user = self.request.user
        step = Organization.steplen
        ancestor_paths = [org.path[:i] for i in range(step, len(org.path), step)]
        context["breadcrumbs"] = (
            Organization.objects.visible_to(user).filter(path__in=ancestor_paths).order_by("depth")
            if ancestor_paths
            else []
        )
        context["counts"] = queries.organization_counts(org)
        context["seats"] = (
            CommitteeSeat.objects.visible_to(user)
            .current()
            .filter(organization=org)
            .select_related("member")
            .order_by(SEAT_ORDER, "valid_from", "member__sort_key")
        )
        context["children"] = [
            _current_node(child) for child in queries.children_with_counts(org, user)
        ]
        context["show_localities"] = org.kind == Kind.COMMUNE_COMMITTEE
        context["localities"] = (
            Locality.objects.visible_to(user)
            .filter(commune=org)
            .select_related("branch", "head_member")
            .order_by("name")
        )
        if org.is_branch:
            # A branch page lists its members; larger subtrees link to the filtered list.
            context["branch_members"] = (
                Member.objects.visible_to(user)
                .active()
                .filter(organization=org)
                .order_by("sort_key", "id")[:BRANCH_MEMBERS_SHOWN]
            )
        context["can_manage"] = user.can_manage(org)
        if context["can_manage"] and org.is_active:
            context["seat_form"] = seat_add_form(org, user)
        context["history"] = audit_history(org, user)
        return context


class OrganizationEditView(ScopedMixin, UpdateView):
    model = Organization
    form_class = OrganizationForm
    template_name = "organizations/edit.html"
    context_object_name = "org"

    def get_object(self, queryset=None) -> Organization:
        org = super().get_object(queryset)  # 404 outside the user's subtree
        if not self.request.user.can_manage(org):
            raise PermissionDenied(_("You cannot change records of this organization."))
        return org

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # The form's own validation writes into its instance; keep the page's object intact.
        kwargs["instance"] = Organization.objects.get(pk=self.object.pk)
        return kwargs

    def form_valid(self, form: OrganizationForm):
        try:
            org = update_organization(self.request.user, self.object, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The organization was saved."))
        return HttpResponseRedirect(reverse("organizations:detail", args=[org.pk]))


# --- committee seats ------------------------------------------------------------------------


def seat_candidates(org: Organization, user):
    """Active members placed in the organization's subtree, as the user sees them."""
    return Member.objects.visible_to(user).active().filter(subtree_q("org_path", org.path))


def seat_add_form(org: Organization, user, data=None) -> SeatAddForm:
    return SeatAddForm(data, organization=org, members=seat_candidates(org, user))


class SeatActionMixin(ScopedMixin):
    """A form about one visible object the user must manage: 404 outside the subtree (the
    object is read through `visible_to`), 403 for a reader who may not change it."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        if not request.user.can_manage(self.organization()):
            raise PermissionDenied(_("You cannot change records of this organization."))
        return super().dispatch(request, *args, **kwargs)

    def organization(self) -> Organization:
        raise NotImplementedError

    def get_success_url(self) -> str:
        return reverse("organizations:detail", args=[self.organization().pk])

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(org=self.organization(), back_url=self.get_success_url())
        return context


class SeatAddView(SeatActionMixin, FormView):
    """Add a seat to an organization's committee (the form also sits on the detail page)."""

    model = Organization
    template_name = "organizations/seat_add.html"

    def organization(self) -> Organization:
        return self.object

    def get_form(self, form_class=None) -> SeatAddForm:
        data = self.request.POST if self.request.method == "POST" else None
        return seat_add_form(self.object, self.request.user, data)

    def form_valid(self, form: SeatAddForm):
        try:
            add_committee_seat(
                user=self.request.user,
                organization=self.object,
                member=form.cleaned_data["member"],
                role=form.cleaned_data["role"],
                valid_from=form.cleaned_data["valid_from"],
                term=form.cleaned_data.get("term"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The committee seat was recorded."))
        return HttpResponseRedirect(self.get_success_url())


class SeatEndView(SeatActionMixin, FormView):
    """End a current seat (end of term, resignation, removal) on a date."""

    model = CommitteeSeat
    select_related = ("organization", "member")
    form_class = SeatEndForm
    template_name = "organizations/seat_end.html"

    def organization(self) -> Organization:
        return self.object.organization

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["seat"] = self.object
        return context

    def form_valid(self, form: SeatEndForm):
        try:
            end_committee_seat(
                user=self.request.user, seat=self.object, valid_to=form.cleaned_data["valid_to"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The committee seat was ended."))
        return HttpResponseRedirect(self.get_success_url())
