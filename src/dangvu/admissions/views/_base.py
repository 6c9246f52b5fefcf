"""View bricks of member development: staff-only access, paging, the chosen organization."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.forms import NullBooleanSelect
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from dangvu.core.filters import parse_id
from dangvu.core.forms import bootstrap_form
from dangvu.core.views import ScopedMixin
from dangvu.organizations.models import Organization

PAGE_SIZE = 50


class StaffOnlyMixin(LoginRequiredMixin):
    """Admission files are the committees' work: plain members get a 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.is_plain_member:
            raise PermissionDenied(_("Only party committees see admission files."))
        return super().dispatch(request, *args, **kwargs)


def _label_empty_choices(form) -> None:
    """Filter selects start with "All" rather than a row of dashes or "Unknown"."""
    for field in form.fields.values():
        if isinstance(field.widget, NullBooleanSelect):
            field.widget.choices = [
                (value, _("All") if value == "unknown" else label)
                for value, label in field.widget.choices
            ]
        elif hasattr(field, "empty_label") and not hasattr(field, "queryset"):
            field.empty_label = _("All")
            field.widget.choices = field.choices


def _chosen_organization(request) -> Organization:
    """`?organization=` among the organizations the user sees, else the user's own (the top
    of their scope)."""
    visible = Organization.objects.visible_to(request.user)
    chosen = request.GET.get("organization", "")
    if parse_id(chosen):
        found = visible.filter(pk=parse_id(chosen)).first()
        if found is not None:
            return found
    if request.user.organization_id and not request.user.sees_everything:
        return request.user.organization
    root = visible.order_by("depth", "path").first()
    if root is None:
        raise PermissionDenied(_("You do not work for any organization."))
    return root


class PagedFilterView(StaffOnlyMixin, ScopedMixin, FilterView):
    paginate_by = PAGE_SIZE
    filter_names: tuple[str, ...] = ()

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset.order_by(*queryset.query.order_by, "pk"), page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = bootstrap_form(self.filterset.form)
        _label_empty_choices(form)
        cleaned = getattr(form, "cleaned_data", {})
        context.update(
            filter_form=form,
            filter_fields=[form[name] for name in self.filter_names if name in form.fields],
            chosen_organization=cleaned.get("organization"),
            total=context["paginator"].count if context.get("paginator") else 0,
        )
        return context


def _breadcrumbs(user, organization: Organization) -> list[Organization]:
    step = Organization.steplen
    paths = [organization.path[:i] for i in range(step, len(organization.path) + 1, step)]
    return list(Organization.objects.visible_to(user).filter(path__in=paths).order_by("depth"))
