"""One FilterSet for the meeting list page and the API."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from dangvu.core.filters import FilterSet
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization

from .choices import MeetingKind, MeetingStatus
from .models import Meeting


def visible_organizations(request):
    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user)


@extend_schema_field(OpenApiTypes.INT)
class VisibleOrganizationFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", visible_organizations)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("There is no organization with this id in your scope.")},
        )
        super().__init__(*args, **kwargs)


class MeetingFilterSet(FilterSet):
    organization = VisibleOrganizationFilter(
        label=_("Organization (with its subtree)"),
        method="filter_subtree",
        widget=forms.HiddenInput,
        help_text=_("Organization id: its meetings and those of everything under it"),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="year", min_value=1900, max_value=2200
    )
    month = django_filters.NumberFilter(
        label=_("Month"), field_name="month", min_value=1, max_value=12
    )
    kind = django_filters.ChoiceFilter(label=_("Kind of meeting"), choices=MeetingKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MeetingStatus.choices)
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields = ["organization", "year", "month", "kind", "status", "date_from", "date_to"]

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(subtree_q("org_path", value.path)) if value else queryset
