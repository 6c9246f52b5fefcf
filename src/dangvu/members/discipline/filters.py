"""The disciplines' FilterSet (list page and API)."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import FilterSet

from ..choices import DisciplineForm
from ..member.filters import SubtreeFilterMixin, organization_filter
from .models import Discipline


class DisciplineFilterSet(SubtreeFilterMixin, FilterSet):
    organization = organization_filter()
    form = django_filters.ChoiceFilter(
        label=_("Form of discipline"), choices=DisciplineForm.choices
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("open", _("Under consideration")),
            ("in_force", _("In force")),
            ("ended", _("No longer in force")),
        ],
        method="filter_state",
    )
    date_from = django_filters.DateFilter(
        label=_("Signed from"), field_name="signed_on", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(
        label=_("Signed until"), field_name="signed_on", lookup_expr="lte"
    )

    class Meta:
        model = Discipline
        fields = ["organization", "form", "state", "date_from", "date_to"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        if value == "open":
            return queryset.open_cases()
        if value == "in_force":
            return queryset.in_force(today)
        if value == "ended":
            return queryset.decided().exclude(
                pk__in=Discipline.objects.in_force(today).values("pk")
            )
        return queryset
