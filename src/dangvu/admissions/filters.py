"""FilterSets shared by the pages and the API (NetBox's pattern)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.filters import FilterSet
from dangvu.core.scope import subtree_q
from dangvu.core.text import fold
from dangvu.organizations.api import VisibleOrganizationFilter

from .choices import CATEGORY_Q, Category, IntroducedBy, Stage
from .models import AdmissionDecision, AdmissionTarget, Candidate


def _select_related(queryset) -> list[str]:
    related = queryset.query.select_related
    return list(related) if isinstance(related, dict) else []


def _narrow(model, field: str, queryset, organization):
    # The narrower subtree range goes first: SQLite builds its index range from the first pair
    # of bounds (members.filters does the same).
    narrowed = model.objects.filter(subtree_q(field, organization.path))
    return (narrowed & queryset).select_related(*_select_related(queryset))


class CandidateFilterSet(FilterSet):
    organization = VisibleOrganizationFilter(
        label=_("Organization (with its subtree)"),
        method="filter_subtree",
        widget=forms.HiddenInput,
        help_text=_("Organization id: that organization and everything under it"),
    )
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", help_text=_("Name, with or without diacritics")
    )
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=Stage.choices)
    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Category.choices, method="filter_category"
    )
    introduced_by = django_filters.ChoiceFilter(
        label=_("Introduced by"), choices=IntroducedBy.choices
    )
    readmission = django_filters.BooleanFilter(
        label=_("Re-admission"),
        field_name="readmission_of",
        lookup_expr="isnull",
        exclude=True,
        help_text=_("true: only re-admissions of former members"),
    )

    class Meta:
        model = Candidate
        fields = ["organization", "q", "stage", "category", "introduced_by", "readmission"]

    def filter_subtree(self, queryset, name, value):
        return _narrow(Candidate, "org_path", queryset, value) if value else queryset

    def filter_q(self, queryset, name, value):
        for token in fold(value).split():
            queryset = queryset.filter(name_key__contains=token)
        return queryset

    def filter_category(self, queryset, name, value):
        return queryset.filter(CATEGORY_Q[value]) if value else queryset


class DecisionFilterSet(FilterSet):
    organization = VisibleOrganizationFilter(
        label=_("Organization (with its subtree)"),
        method="filter_subtree",
        widget=forms.HiddenInput,
        help_text=_("Organization id: that organization and everything under it"),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", min_value=1900, max_value=2200
    )
    late = django_filters.BooleanFilter(label=_("After the deadline"))

    class Meta:
        model = AdmissionDecision
        fields = ["organization", "year", "late"]

    def filter_subtree(self, queryset, name, value):
        return _narrow(AdmissionDecision, "org_path", queryset, value) if value else queryset

    def filter_year(self, queryset, name, value):
        if value is None:
            return queryset
        year = int(value)
        return queryset.filter(
            signed_on__gte=dt.date(year, 1, 1), signed_on__lt=dt.date(year + 1, 1, 1)
        )


class TargetFilterSet(FilterSet):
    organization = VisibleOrganizationFilter(
        label=_("Organization (with its subtree)"),
        method="filter_subtree",
        widget=forms.HiddenInput,
        help_text=_("Organization id: that organization and everything under it"),
    )
    year = django_filters.NumberFilter(label=_("Year"), min_value=1900, max_value=2200)

    class Meta:
        model = AdmissionTarget
        fields = ["organization", "year"]

    def filter_subtree(self, queryset, name, value):
        return (
            _narrow(AdmissionTarget, "organization__path", queryset, value) if value else queryset
        )
