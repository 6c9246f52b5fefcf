"""FilterSets of the evaluations app, shared by the API (`/api/member-evaluations/?year=…`)
and the pages: an organization filter in the user's scope (its subtree), year, cycle, level
and step."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from dangvu.core.filters import FilterSet, IdFilter
from dangvu.core.scope import subtree_q
from dangvu.organizations.models import Organization

from .choices import CycleStatus, EvaluationStep, Rating
from .models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation


def _visible_organizations(request):
    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user)


@extend_schema_field(OpenApiTypes.INT)
class VisibleOrganizationFilter(django_filters.ModelChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _visible_organizations)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("There is no organization with this id in your scope.")},
        )
        super().__init__(*args, **kwargs)


class _StepFilterSet(FilterSet):
    organization = VisibleOrganizationFilter(
        label=_("Organization (with its subtree)"),
        method="filter_subtree",
        help_text=_("Organization id: its rows and those of everything under it"),
    )
    year = django_filters.NumberFilter(field_name="year", min_value=2000, max_value=2100)
    cycle = IdFilter(field_name="cycle_id")
    rating = django_filters.ChoiceFilter(choices=Rating.choices)
    step = django_filters.ChoiceFilter(choices=EvaluationStep.choices)

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(subtree_q("org_path", value.path)) if value else queryset


class MemberEvaluationFilterSet(_StepFilterSet):
    grassroots = IdFilter(field_name="grassroots_id")
    excluded = django_filters.BooleanFilter(field_name="excluded")

    class Meta:
        model = MemberEvaluation
        fields = ["organization", "year", "cycle", "rating", "step", "grassroots", "excluded"]


class OrganizationEvaluationFilterSet(_StepFilterSet):
    level = django_filters.ChoiceFilter(
        choices=[("branch", _("Branch")), ("grassroots", _("Grassroots"))]
    )

    class Meta:
        model = OrganizationEvaluation
        fields = ["organization", "year", "cycle", "rating", "step", "level"]


class CycleFilterSet(FilterSet):
    year = django_filters.NumberFilter(field_name="year", min_value=2000, max_value=2100)
    status = django_filters.ChoiceFilter(choices=CycleStatus.choices)

    class Meta:
        model = EvaluationCycle
        fields = ["year", "status"]


__all__ = [
    "CycleFilterSet",
    "MemberEvaluationFilterSet",
    "OrganizationEvaluationFilterSet",
    "VisibleOrganizationFilter",
]
