"""View bricks of member development: staff-only access and the filtered lists."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.forms import NullBooleanSelect
from django.utils.translation import gettext as _

from dangvu.core import generic

PAGE_SIZE = 50


class StaffOnlyMixin(LoginRequiredMixin):
    """Admission files are the committees' work: plain members get a 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.user.is_plain_member:
            raise PermissionDenied(_("Only party committees see admission files."))
        return super().dispatch(request, *args, **kwargs)


def label_empty_choices(form) -> None:
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


class FilteredListView(StaffOnlyMixin, generic.ListView):
    """A filtered list in id order; `filter_names` are the filters shown above it."""

    paginate_by = PAGE_SIZE
    ordering = ("pk",)
    filter_names: tuple[str, ...] = ()

    def get_extra_context(self) -> dict[str, Any]:
        form = self.filterset.form
        label_empty_choices(form)
        return {
            "filter_fields": [form[name] for name in self.filter_names if name in form.fields],
            "chosen_organization": getattr(form, "cleaned_data", {}).get("organization"),
        }
