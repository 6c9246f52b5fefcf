"""Read-only API of member development, scoped like the pages (core.api mixins)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core.api import READ_ERRORS, ScopedViewSetMixin
from dangvu.organizations.models import Organization

from .choices import Category
from .filters import CandidateFilterSet, DecisionFilterSet, TargetFilterSet
from .models import AdmissionDecision, AdmissionTarget, Candidate, Introduction
from .queries import Row, admission_statistics


class IntroductionSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Introduction
        fields = ["member", "member_name", "known_since", "introduced_on", "replacement", "active"]
        read_only_fields = fields


class CandidateSerializer(serializers.ModelSerializer):
    branch_name = serializers.CharField(source="organization.name", read_only=True)
    introducers = IntroductionSerializer(source="introductions", many=True, read_only=True)

    class Meta:
        model = Candidate
        fields = [
            "id",
            "full_name",
            "birth_date",
            "gender",
            "ethnicity",
            "religion",
            "general_education",
            "occupation",
            "is_village_head",
            "organization",
            "branch_name",
            "introduced_by",
            "introduced_on",
            "stage",
            "stage_since",
            "readmission_of",
            "application_on",
            "certificate_valid_until",
            "vote_on",
            "vote_yes",
            "vote_official_count",
            "decided_on",
            "ceremony_on",
            "member",
            "recognition_failed_votes",
            "recognition_escalated",
            "introducers",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    candidate_name = serializers.CharField(source="candidate.full_name", read_only=True)
    branch = serializers.IntegerField(source="candidate.organization_id", read_only=True)

    class Meta:
        model = AdmissionDecision
        fields = [
            "id",
            "candidate",
            "candidate_name",
            "branch",
            "organization",
            "number",
            "signed_on",
            "received_on",
            "body",
            "deadline",
            "late",
            "rule_profile",
        ]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = AdmissionTarget
        fields = ["id", "organization", "organization_name", "year", "target", "note"]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(responses={200: CandidateSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: CandidateSerializer, **READ_ERRORS}),
)
class CandidateViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Candidates for admission (quần chúng ưu tú) in your scope, with their introducers."""

    queryset = Candidate.objects.select_related("organization").prefetch_related(
        "introductions__member"
    )
    serializer_class = CandidateSerializer
    filterset_class = CandidateFilterSet
    permission_classes = [permissions.IsAuthenticated]


@extend_schema_view(
    list=extend_schema(responses={200: DecisionSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: DecisionSerializer, **READ_ERRORS}),
)
class DecisionViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Admission decisions of the branches in your scope."""

    queryset = AdmissionDecision.objects.select_related("candidate")
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet
    permission_classes = [permissions.IsAuthenticated]


@extend_schema_view(
    list=extend_schema(responses={200: TargetSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: TargetSerializer, **READ_ERRORS}),
)
class TargetViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Yearly admission targets (chỉ tiêu kết nạp) of the organizations in your scope."""

    queryset = AdmissionTarget.objects.select_related("organization").order_by(
        "-year", "organization__path", "id"
    )
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet
    permission_classes = [permissions.IsAuthenticated]


# ---- statistics --------------------------------------------------------------------------------


class CategoryCountSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    admitted = serializers.IntegerField()
    percent = serializers.FloatField(allow_null=True, help_text=_("Share of all admissions"))


class AdmissionStatisticsRowSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.CharField(source="organization.name")
    admitted = serializers.IntegerField(help_text=_("Admitted (ceremony held), by decision date"))
    readmitted = serializers.IntegerField(help_text=_("Of which re-admissions"))
    categories = serializers.SerializerMethodField()
    target = serializers.IntegerField(allow_null=True)
    fulfilment_percent = serializers.FloatField(source="fulfilment", allow_null=True)
    members_at_start = serializers.IntegerField(help_text=_("Party members on 1 January"))
    rate_percent = serializers.FloatField(
        source="rate", allow_null=True, help_text=_("Admitted / members on 1 January × 100")
    )

    @extend_schema_field(CategoryCountSerializer(many=True))
    def get_categories(self, row: Row) -> list[dict]:
        return [
            {"category": key, "admitted": row.categories.get(key, 0), "percent": row.share(key)}
            for key in Category.values
        ]


class AdmissionStatisticsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = AdmissionStatisticsRowSerializer()
    children = AdmissionStatisticsRowSerializer(many=True)


class AdmissionStatisticsQuerySerializer(serializers.Serializer):
    organization = serializers.IntegerField(
        required=False, min_value=1, help_text=_("Organization id (default: your own)")
    )
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)

    def to_internal_value(self, data):
        # `?year=` (empty) means "this year", as filters do everywhere else.
        data = {k: v for k, v in data.items() if v != ""}
        return super().to_internal_value(data)


class OneObjectSchema(AutoSchema):
    """The statistics are one object, although served by a ViewSet's `list` action."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class StatisticsViewSet(viewsets.ViewSet):
    """Admissions of a subtree in a year: by category, against targets and against the
    members at the start of the year (the statistics page's figures)."""

    permission_classes = [permissions.IsAuthenticated]
    schema = OneObjectSchema()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organization",
                OpenApiTypes.INT,
                description=_("Organization id (default: your own)"),
                allow_blank=True,
            ),
            OpenApiParameter(
                "year",
                OpenApiTypes.INT,
                description=_("Year (default: this year)"),
                allow_blank=True,
            ),
        ],
        responses={200: AdmissionStatisticsSerializer, **READ_ERRORS},
    )
    def list(self, request: Request) -> Response:
        query = AdmissionStatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = request.user
        visible = Organization.objects.visible_to(user)
        chosen = query.validated_data.get("organization")
        if chosen is not None:
            organization = visible.filter(pk=chosen).first()
            if organization is None:
                raise serializers.ValidationError(
                    {"organization": [_("There is no organization with this id in your scope.")]}
                )
        elif user.organization_id and not user.sees_everything:
            organization = user.organization
        else:
            organization = visible.order_by("depth", "path").first()
        if organization is None or user.is_plain_member:
            from rest_framework.exceptions import PermissionDenied

            raise PermissionDenied(_("Only party committees see admission statistics."))
        year = query.validated_data.get("year") or timezone.localdate().year
        stats = admission_statistics(organization, year, user)
        return Response(
            AdmissionStatisticsSerializer(
                {"year": stats.year, "total": stats.total, "children": stats.children}
            ).data
        )
