"""The transfers' FilterSet (list page and API): either side's subtree, direction, R9.3."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import FilterSet
from dangvu.core.scope import subtree_q

from .. import rules
from ..choices import TransferKind, TransferStatus
from ..member.filters import SubtreeFilterMixin, organization_filter
from .models import Transfer


class TransferFilterSet(SubtreeFilterMixin, FilterSet):
    subtree_fields = ("from_org_path", "to_org_path")

    organization = organization_filter()
    direction = django_filters.ChoiceFilter(
        label=_("Direction"),
        choices=[("in", _("Incoming")), ("out", _("Outgoing"))],
        method="filter_direction",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=TransferStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=TransferKind.choices)
    overdue = django_filters.BooleanFilter(
        label=_("Not confirmed in time"), method="filter_overdue"
    )
    date_from = django_filters.DateFilter(
        label=_("Issued from"), field_name="issued_on", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(
        label=_("Issued until"), field_name="issued_on", lookup_expr="lte"
    )

    class Meta:
        model = Transfer
        fields = ["organization", "direction", "status", "kind", "overdue", "date_from", "date_to"]

    def _side_path(self) -> str | None:
        """The subtree "incoming"/"outgoing" are relative to: the chosen organization, else the
        user's own organization (None: everything, e.g. an administrator)."""
        chosen = (
            self.form.cleaned_data.get("organization")
            if hasattr(self.form, "cleaned_data")
            else None
        )
        if chosen is not None:
            return chosen.path
        user = getattr(self.request, "user", None)
        if user is not None and not user.sees_everything and user.organization_id:
            return user.organization.path
        return None

    def filter_direction(self, queryset, name, value):
        path = self._side_path()
        if not value:
            return queryset
        if value == "in":
            condition = Q(to_organization__isnull=False)
            if path:
                condition &= subtree_q("to_org_path", path) & ~subtree_q("from_org_path", path)
            else:
                condition = Q(from_organization__isnull=True)
            return queryset.filter(condition)
        condition = Q(from_organization__isnull=False)
        if path:
            condition &= subtree_q("from_org_path", path) & ~subtree_q("to_org_path", path)
        else:
            condition = Q(to_organization__isnull=True)
        return queryset.filter(condition)

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = rules.overdue_q(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)
