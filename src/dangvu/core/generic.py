"""Generic scoped views: an app's pages are declarations on these (in the spirit of NetBox's
generic views).

- `ObjectMixin` loads `self.object` through `Model.objects.visible_to(user)` (404 outside the
  scope) and asks `permission(user, object)` (403), a function the app's services or rules
  home exposes, so the view never re-derives who may act.
- `ListView`: a FilterSet (the same class the API uses), stable pagination (a bad `?page=`
  shows the first or last page), ordering, `?format=xlsx|csv` of the filtered rows.
- `DetailView`: one scoped object and the context the page adds (`get_extra_context`).
- `ActionView` / `CreateView`: a form → one service call (`perform`) → the Vietnamese success
  message and a redirect, or the service's errors on the form (ValidationError) and 403
  (PermissionDenied) when the service refuses.

Example (a whole page):

    class MinutesView(ActionView):
        model = Meeting
        permission = staticmethod(services.may_manage)
        form_class = MinutesForm
        template_name = "meetings/minutes.html"
        success_message = _("The minutes were saved.")

        def perform(self, form):
            return services.save_minutes(user=self.request.user, meeting=self.object,
                                         data=form.cleaned_data)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from .exports import Column, csv_response, list_title_block, xlsx_response
from .filters import parse_id
from .forms import add_service_errors, bootstrap_form

Permission = Callable[[Any, Any], bool]


class ScopedQuerysetMixin(LoginRequiredMixin):
    """Every read goes through `Model.objects.visible_to(user)` (ARCHITECTURE, principle 1)."""

    model: type[models.Model]
    select_related: Sequence[str] = ()
    prefetch_related: Sequence[str] = ()

    def get_queryset(self) -> models.QuerySet:
        queryset = self.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class PermissionMixin:
    """`permission(user, obj)` answered by the app's services; `obj` is None on a create page."""

    permission: Permission | None = None
    permission_denied_message = gettext_lazy("You cannot change records of this organization.")

    def check_permission(self, obj: Any) -> None:
        if self.permission is not None and not self.permission(self.request.user, obj):
            raise PermissionDenied(str(self.permission_denied_message))


class ObjectMixin(PermissionMixin, ScopedQuerysetMixin):
    """Loads `self.object` (404 outside the user's scope) before any handler runs."""

    pk_url_kwarg = "pk"
    context_object_name: str | None = None

    def get_object(self) -> models.Model:
        pk = parse_id(self.kwargs.get(self.pk_url_kwarg))
        if pk is None:
            raise Http404
        return get_object_or_404(self.get_queryset(), pk=pk)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        self.check_permission(self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        if self.context_object_name:
            context[self.context_object_name] = self.object
        return context


class ExtraContextMixin:
    """`get_extra_context()` is the page's own part of the context; override it, not
    `get_context_data`, so a view stays a declaration."""

    def get_extra_context(self) -> dict[str, Any]:
        return {}

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(self.get_extra_context())
        return context


class ListView(ExtraContextMixin, ScopedQuerysetMixin, FilterView):
    """A filtered, paginated, exportable list of the rows the user may see."""

    paginate_by = 50
    ordering: Sequence[str] = ("-id",)
    # ?format=xlsx|csv: the filtered rows (all pages) with these columns.
    export_columns: Sequence[Column] = ()
    export_filename = "danh-sach"  # without extension; Vietnamese, no accents
    export_sheet = gettext_lazy("List")
    export_title: Any = None  # the title block's title; `export_sheet` when None

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        return queryset.order_by(*self.ordering) if self.ordering else queryset

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("format")
        if kind and self.export_columns:
            if kind not in ("xlsx", "csv"):
                raise Http404
            filterset = self.get_filterset(self.get_filterset_class())
            rows = filterset.qs if filterset.is_valid() else self.get_queryset().none()
            self.filterset = filterset
            return self.export(kind, rows)
        return super().get(request, *args, **kwargs)

    def export(self, kind: str, rows: models.QuerySet) -> HttpResponse:
        columns = list(self.export_columns)
        if kind == "csv":
            return csv_response(f"{self.export_filename}.csv", columns, rows.iterator())
        return xlsx_response(
            f"{self.export_filename}.xlsx",
            columns,
            rows.iterator(),
            sheet_title=str(self.export_sheet),
            title_block=list_title_block(
                self.export_title or self.export_sheet,
                self.request.user,
                getattr(self, "filterset", None),
            ),
        )

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        paginator = context.get("paginator")
        context.update(
            filter_form=bootstrap_form(self.filterset.form),
            total=paginator.count if paginator else len(context.get("object_list") or ()),
        )
        return context


class DetailView(ExtraContextMixin, ObjectMixin, TemplateView):
    """One object the user may see."""


class ServiceFormMixin(ExtraContextMixin):
    """form → `perform(form)` (one service call) → message and redirect, or the errors."""

    success_message: str = ""

    def perform(self, form) -> Any:
        raise NotImplementedError

    def get_success_message(self, result: Any) -> str:
        return str(self.success_message)

    def get_success_url(self, result: Any = None) -> str:  # type: ignore[override]
        target = result if hasattr(result, "get_absolute_url") else getattr(self, "object", None)
        if target is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__}: give get_success_url() or return an object with "
                "get_absolute_url() from perform()."
            )
        return target.get_absolute_url()

    def get_form(self, form_class=None):
        return bootstrap_form(super().get_form(form_class))

    def success_response(self, result: Any) -> HttpResponse:
        """The answer to a success: the success message and a redirect (an htmx fragment
        view answers with its fragment instead)."""
        if message := self.get_success_message(result):
            messages.success(self.request, message)
        return HttpResponseRedirect(self.get_success_url(result))

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        return self.success_response(result)


class ActionView(ServiceFormMixin, ObjectMixin, FormView):
    """An action on one scoped object."""


class ButtonMixin:
    """A button rather than a form page (POST only; GET is 405): the service's refusal is
    shown as messages on the page it returns to."""

    http_method_names = ["post"]

    def form_invalid(self, form):
        for message in form.non_field_errors():
            messages.error(self.request, message)
        for name, errors in form.errors.items():
            if name != NON_FIELD_ERRORS:
                for message in errors:
                    messages.error(self.request, message)
        return HttpResponseRedirect(self.get_success_url())


class CreateView(ServiceFormMixin, PermissionMixin, ScopedQuerysetMixin, FormView):
    """A form that creates through one service; `permission(user, None)` guards the page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.check_permission(None)
        return super().dispatch(request, *args, **kwargs)


__all__ = [
    "ActionView",
    "ButtonMixin",
    "CreateView",
    "DetailView",
    "ListView",
    "ObjectMixin",
    "PermissionMixin",
    "ScopedQuerysetMixin",
    "ServiceFormMixin",
]
