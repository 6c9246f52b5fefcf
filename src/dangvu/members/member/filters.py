"""One FilterSet for the member list page and the API (NetBox's pattern), and the pieces the
other lists' FilterSets share."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from dangvu.core.filters import FilterSet
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization

from ..choices import (
    AGE_BANDS,
    ETHNICITY_CHOICES,
    MAJORITY_ETHNICITY,
    Gender,
    Occupation,
    Status,
    TheoryLevel,
)
from .models import Member
from .queries import birth_range_for_age, search_members


def select_related_of(queryset) -> list[str]:
    """The select_related() fields of a queryset, to carry them over a combined queryset."""
    related = queryset.query.select_related
    return list(related) if isinstance(related, dict) else []


def visible_organizations(request):
    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user)


class StableOrderingFilter(django_filters.OrderingFilter):
    """Adds the id as a tie-break so that pages never swap rows (two "Nguyễn Văn Đức")."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            qs = qs.order_by(*qs.query.order_by, "id")
        return qs


class MemberFilterSet(FilterSet):
    # Declared first so it runs first: see filter_subtree.
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization (with its subtree)"),
        queryset=visible_organizations,
        method="filter_subtree",
        widget=forms.HiddenInput,
    )
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_q",
        help_text=_("Name (with or without diacritics), party card number or citizen ID"),
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    gender = django_filters.ChoiceFilter(label=_("Gender"), choices=Gender.choices)
    ethnicity = django_filters.ChoiceFilter(label=_("Ethnicity"), choices=ETHNICITY_CHOICES)
    ethnic_minority = django_filters.BooleanFilter(
        label=_("Ethnic minority"), method="filter_minority"
    )
    age_band = django_filters.ChoiceFilter(
        label=_("Age"),
        choices=[(k, label) for k, label, _lo, _hi in AGE_BANDS],
        method="filter_age_band",
    )
    theory_level = django_filters.ChoiceFilter(
        label=_("Political theory"), choices=TheoryLevel.choices
    )
    occupation = django_filters.ChoiceFilter(label=_("Occupation"), choices=Occupation.choices)
    ordering = StableOrderingFilter(
        label=_("Sort by"),
        fields=(
            ("sort_key", "name"),
            ("birth_date", "birth_date"),
            ("admitted_on", "admitted_on"),
            ("card_number", "card_number"),
        ),
        field_labels={
            "sort_key": _("Name"),
            "birth_date": _("Date of birth"),
            "admitted_on": _("Admission date"),
            "card_number": _("Party card number"),
        },
    )

    class Meta:
        model = Member
        fields = ["q", "organization", "status", "gender", "ethnicity", "theory_level"]

    def filter_q(self, queryset, name, value):
        return search_members(queryset, value)

    def filter_subtree(self, queryset, name, value):
        if not value:
            return queryset
        # The narrower subtree range goes before the user's scope range: SQLite builds its index
        # range from the first pair of bounds only (measured: 39 ms → 4 ms for a commune).
        narrowed = Member.objects.filter(subtree_q("org_path", value.path))
        return (narrowed & queryset).select_related(*select_related_of(queryset))

    def filter_minority(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.exclude(ethnicity=MAJORITY_ETHNICITY)
        return queryset.filter(ethnicity=MAJORITY_ETHNICITY)

    def filter_age_band(self, queryset, name, value):
        for key, _label, low, high in AGE_BANDS:
            if key == value:
                earliest, latest = birth_range_for_age(low, high, timezone.localdate())
                return queryset.filter(birth_date__gte=earliest, birth_date__lte=latest)
        return queryset


# --- shared by the lists of events, transfers and disciplines (same FilterSets in UI and API)


class SubtreeFilterMixin:
    """`?organization=<id>`: the organization's subtree, narrower range first (see above)."""

    subtree_fields: tuple[str, ...] = ("org_path",)

    def filter_subtree(self, queryset, name, value):
        if not value:
            return queryset
        condition = Q()
        for field in self.subtree_fields:
            condition |= subtree_q(field, value.path)
        narrowed = queryset.model.objects.filter(condition)
        return (narrowed & queryset).select_related(*select_related_of(queryset))


@extend_schema_field(OpenApiTypes.INT)
class SubtreeOrganizationFilter(django_filters.ModelChoiceFilter):
    """An organization id among those the caller sees (its subtree is filtered)."""


def organization_filter() -> django_filters.ModelChoiceFilter:
    return SubtreeOrganizationFilter(
        label=_("Organization (with its subtree)"),
        queryset=visible_organizations,
        method="filter_subtree",
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _("There is no organization with this id in your scope.")
        },
    )
