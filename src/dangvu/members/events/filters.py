"""The membership changes' FilterSet (list page and API)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import FilterSet, IdFilter

from ..choices import EventKind
from ..member.filters import SubtreeFilterMixin, organization_filter
from .models import MemberEvent


class MemberEventFilterSet(SubtreeFilterMixin, FilterSet):
    organization = organization_filter()
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="occurred_on", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(label=_("To"), field_name="occurred_on", lookup_expr="lte")
    member = IdFilter(label=_("Party member id"), field_name="member_id", widget=forms.HiddenInput)

    class Meta:
        model = MemberEvent
        fields = ["organization", "kind", "date_from", "date_to", "member"]
