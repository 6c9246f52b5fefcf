"""Page plumbing the members' pages share, on top of `core.generic`: filtered lists with the
filter sidebar, capped spreadsheet exports, and a form about one record (transfer, discipline,
residence contact) that returns to its page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.forms import ModelChoiceField, NullBooleanSelect
from django.http import HttpResponse
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from dangvu.core.exports import Column, csv_response, list_title_block, xlsx_response
from dangvu.core.generic import ActionView, ListView, ScopedQuerysetMixin

from ..rules.transitions import Transition, may_act

EXPORT_LIMIT = 100_000


def label_empty_choices(form) -> None:
    """Filter selects start with "All" rather than a row of dashes."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, NullBooleanSelect):
            widget.choices = [
                (value, _("All") if value == "unknown" else label)
                for value, label in widget.choices
            ]
        elif hasattr(field, "empty_label") and not isinstance(field, ModelChoiceField):
            # django-filter's choice fields add their empty choice from this label.
            field.empty_label = _("All")
            field.widget.choices = field.choices


class FilteredListView(ListView):
    """A list with the filter sidebar: `filter_names` are the filters shown there."""

    filter_names: Sequence[str] = ()

    def get_context_data(self, **kwargs) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["filter_form"]
        label_empty_choices(form)
        context.update(
            filter_fields=[form[name] for name in self.filter_names if name in form.fields],
            chosen_organization=getattr(form, "cleaned_data", {}).get("organization"),
        )
        return context


class FilteredExportView(ScopedQuerysetMixin, View):
    """A list's filtered rows as xlsx, or csv with `?format=csv` (same FilterSet, same scope;
    core.exports neutralizes formulas), capped at EXPORT_LIMIT rows with a note."""

    filterset_class: type
    ordering: Sequence[str] = ()
    columns: Callable[[], list[Column]]  # built per request: translated headers
    filename = ""  # without extension
    sheet_title: Any = ""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        base = self.get_queryset()
        filterset = self.filterset_class(request.GET, queryset=base, request=request)
        queryset = filterset.qs if filterset.is_valid() else base.none()
        if self.ordering:
            queryset = queryset.order_by(*self.ordering)
        rows = queryset[:EXPORT_LIMIT].iterator(chunk_size=2000)
        columns = self.columns()
        if request.GET.get("format") == "csv":
            return csv_response(f"{self.filename}.csv", columns, rows)

        def footer():
            if queryset[EXPORT_LIMIT : EXPORT_LIMIT + 1].exists():
                yield [
                    _("Only the first %(limit)s rows were exported; narrow the filters.")
                    % {"limit": number_format(EXPORT_LIMIT, force_grouping=True)}
                ]

        # Streamed from a temporary file (core.exports): 100,000 rows never sit in memory.
        return xlsx_response(
            f"{self.filename}.xlsx",
            columns,
            rows,
            sheet_title=str(self.sheet_title),
            footer=footer(),
            title_block=list_title_block(self.sheet_title, request.user, filterset),
        )


class RecordActionView(ActionView):
    """A form about one visible record; who may use it is the record's transition table's
    answer (`table[action].actors`), the service decides the rest."""

    template_name = "members/object_action.html"
    success_message = gettext_lazy("Recorded.")
    title: Any = ""
    table: Mapping[str, Transition]
    action = ""
    detail_url_name = ""

    def check_permission(self, obj: Any) -> None:
        if not may_act(self.table, self.action, self.request.user, obj):
            raise PermissionDenied(str(self.permission_denied_message))

    def detail_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.object.pk])

    def get_extra_context(self) -> dict[str, Any]:
        return {"title": self.title, "back_url": self.detail_url()}

    def get_success_url(self, result: Any = None) -> str:
        return self.detail_url()


__all__ = [
    "EXPORT_LIMIT",
    "FilteredExportView",
    "FilteredListView",
    "RecordActionView",
    "label_empty_choices",
]
