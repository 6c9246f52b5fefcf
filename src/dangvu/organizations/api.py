"""Read-only API over the organization tree, scoped to the user's subtree."""

from __future__ import annotations

import django_filters
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core.api import READ_ERRORS, ScopedViewSetMixin
from dangvu.core.filters import FilterSet
from dangvu.core.scope import subtree_q
from dangvu.core.text import fold

from .choices import Kind, Level
from .models import Organization
from .queries import children_with_counts, organization_counts


def visible_organizations(request) -> QuerySet:
    if request is None:
        return Organization.objects.none()
    return Organization.objects.visible_to(request.user)


@extend_schema_field(OpenApiTypes.INT)
class VisibleOrganizationFilter(django_filters.ModelChoiceFilter):
    """An organization id among those the caller sees; any other id is a 400 that does not
    tell whether it exists elsewhere."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", visible_organizations)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("There is no organization with this id in your scope.")},
        )
        super().__init__(*args, **kwargs)


class OrganizationFilterSet(FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="filter_q", help_text=_("Name, with or without diacritics")
    )
    subtree = VisibleOrganizationFilter(
        label=_("Within the subtree of"),
        method="filter_subtree",
        help_text=_("Organization id: that organization and everything under it"),
    )
    parent = VisibleOrganizationFilter(
        label=_("Direct children of"),
        method="filter_parent",
        help_text=_("Organization id: only the organizations directly under it"),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices)
    active = django_filters.BooleanFilter(
        label=_("Active"),
        field_name="dissolved_on",
        lookup_expr="isnull",
        help_text=_("true: not dissolved; false: dissolved only"),
    )

    class Meta:
        model = Organization
        fields = ["q", "subtree", "parent", "kind", "active"]

    def filter_q(self, queryset, name, value):
        for token in fold(value).split():
            queryset = queryset.filter(name_key__contains=token)
        return queryset

    def filter_subtree(self, queryset, name, value):
        return queryset.filter(subtree_q("path", value.path)) if value else queryset

    def filter_parent(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(subtree_q("path", value.path), depth=value.depth + 1)


class OrganizationCountsSerializer(serializers.Serializer):
    official = serializers.IntegerField(help_text=_("Official members in the subtree"))
    probationary = serializers.IntegerField(help_text=_("Probationary members in the subtree"))
    branches = serializers.IntegerField(help_text=_("Active party branches in the subtree"))
    grassroots = serializers.IntegerField(
        help_text=_("Active grassroots organizations in the subtree")
    )


class OrganizationSerializer(serializers.ModelSerializer):
    level = serializers.ChoiceField(choices=Level.choices, read_only=True)
    parent = serializers.IntegerField(
        source="parent_pk",
        read_only=True,
        allow_null=True,
        help_text=_("Id of the superior organization, or null when it is outside your scope"),
    )

    class Meta:
        model = Organization
        # treebeard's path/depth/numchild are internal: not exposed, never writable.
        fields = [
            "id",
            "name",
            "code",
            "kind",
            "level",
            "sector",
            "may_admit",
            "founded_on",
            "dissolved_on",
            "parent",
        ]
        read_only_fields = fields


class OrganizationDetailSerializer(OrganizationSerializer):
    counts = OrganizationCountsSerializer(read_only=True)

    class Meta(OrganizationSerializer.Meta):
        fields = [*OrganizationSerializer.Meta.fields, "counts"]
        read_only_fields = fields


class ChildrenQuerySerializer(serializers.Serializer):
    # Exactly "true"/"false": DRF's BooleanField would also take "1", "on", "yes"...
    include_dissolved = serializers.ChoiceField(
        choices=["true", "false"], required=False, default="false"
    )


def with_visible_parent(queryset, user):
    """Annotate `parent_pk`: the parent's id if the user sees it (one correlated subquery on the
    unique path index, no per-row Python query)."""
    parent_path = Substr(
        OuterRef("path"),
        1,
        Length(OuterRef("path")) - Organization.steplen,
        output_field=CharField(),
    )
    parents = Organization.objects.visible_to(user).filter(path=parent_path).order_by()
    return queryset.annotate(parent_pk=Subquery(parents.values("pk")[:1]))


@extend_schema_view(
    list=extend_schema(responses={200: OrganizationSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: OrganizationDetailSerializer, **READ_ERRORS}),
)
class OrganizationViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Party organizations in your scope (your organization's subtree)."""

    queryset = Organization.objects.order_by("path")
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        return with_visible_parent(queryset, self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return OrganizationDetailSerializer
        return super().get_serializer_class()

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        organization = self.get_object()
        organization.counts = organization_counts(organization)
        return Response(self.get_serializer(organization).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("include_dissolved", bool, description=_("Also list dissolved ones"))
        ],
        responses={200: OrganizationDetailSerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, filter_backends=[], pagination_class=None)
    def children(self, request: Request, pk=None) -> Response:
        """The organizations directly under this one, each with its subtree's counts."""
        parent = self.get_object()
        options = ChildrenQuerySerializer(data=request.query_params)
        options.is_valid(raise_exception=True)
        children = children_with_counts(
            parent, request.user, options.validated_data["include_dissolved"] == "true"
        )
        for child in children:
            # Children of a visible parent: their parent is visible too.
            child.parent_pk = parent.pk
        return Response(OrganizationDetailSerializer(children, many=True).data)
