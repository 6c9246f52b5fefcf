"""Evaluations API: cycles, member and organization evaluations (read, scoped and filtered by
year/level/step), and the steps of R4.7 as POST actions through the same services as the pages.

Refusals: 400 (field errors or a rule, with the Vietnamese message), 403 (not the member, not
the branch, not the deciding committee), 404 (outside your scope).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core.api import READ_ERRORS, WRITE_ERRORS, LineField, ScopedViewSetMixin

from . import services
from .choices import Rating
from .filters import CycleFilterSet, MemberEvaluationFilterSet, OrganizationEvaluationFilterSet
from .models import EvaluationCycle, MemberEvaluation, OrganizationEvaluation


class CycleSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = EvaluationCycle
        fields = [
            "id",
            "organization",
            "organization_name",
            "year",
            "title",
            "self_from",
            "self_until",
            "propose_until",
            "decide_until",
            "status",
            "uses_points",
        ]
        read_only_fields = fields


_STEP_FIELDS = [
    "id",
    "cycle",
    "year",
    "step",
    "framework",
    "self_scores",
    "self_general",
    "self_tasks",
    "self_total",
    "self_rating",
    "self_text",
    "self_at",
    "proposed_rating",
    "proposed_reason",
    "proposed_at",
    "rating",
    "decided_reason",
    "decision_number",
    "decided_at",
    "deciding_organization",
    "flags",
    "version",
]


class MemberEvaluationSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    flags = serializers.ListField(child=serializers.CharField(), read_only=True)
    self_scores = serializers.DictField(
        read_only=True, help_text=_("Points by criterion; `cond.<key>`: the conditions ticked")
    )

    class Meta:
        model = MemberEvaluation
        fields = [
            *_STEP_FIELDS,
            "member",
            "member_name",
            "organization",
            "grassroots",
            "probationary",
            "excluded",
            "excluded_reason",
        ]
        read_only_fields = fields


class OrganizationEvaluationSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    flags = serializers.ListField(child=serializers.CharField(), read_only=True)
    self_scores = serializers.DictField(read_only=True)

    class Meta:
        model = OrganizationEvaluation
        fields = [*_STEP_FIELDS, "organization", "organization_name", "level"]
        read_only_fields = fields


class SelfAssessSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=4, decimal_places=1, min_value=0, max_value=70),
        required=False,
        help_text=_("Points by criterion key of the framework (years scored out of 100)"),
    )
    conditions = serializers.DictField(
        child=serializers.BooleanField(), required=False, help_text=_("Conditions met, by key")
    )
    rating = serializers.ChoiceField(
        choices=Rating.choices,
        required=False,
        help_text=_("The level, in years without points"),
    )
    text = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ProposeSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class DecideSerializer(ProposeSerializer):
    decision_number = LineField(required=False, allow_blank=True, max_length=64, default="")


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class _StepsViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def _fresh(self, obj):
        return Response(self.get_serializer(type(obj).objects.get(pk=obj.pk)).data)

    def _decide(self, request: Request) -> Response:
        row = self.get_object()
        body = DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.decide_one(user=request.user, evaluation=row, **body.validated_data)
        return self._fresh(row)

    def _reopen(self, request: Request) -> Response:
        row = self.get_object()
        body = ReopenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.reopen(user=request.user, evaluation=row, reason=body.validated_data["reason"])
        return self._fresh(row)

    def _self_kwargs(self, request: Request) -> dict[str, Any]:
        body = SelfAssessSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return {
            "scores": body.validated_data.get("scores"),
            "conditions": body.validated_data.get("conditions"),
            "rating": body.validated_data.get("rating"),
            "text": body.validated_data.get("text", ""),
        }


def _actions(serializer):
    return {
        "self_assess": extend_schema(
            request=SelfAssessSerializer,
            responses={200: serializer, **WRITE_ERRORS},
            description=_(
                "R4.7 step 1: the self-assessment, once, within the cycle's dates. Criteria "
                "keys per framework: see the self-assessment page; the level follows from "
                "the points and conditions (QĐ 366)."
            ),
        ),
        "decide": extend_schema(
            request=DecideSerializer,
            responses={200: serializer, **WRITE_ERRORS},
            description=_(
                "R4.7 step 3 by the competent committee only, with every rule of §4 checked."
            ),
        ),
        "reopen": extend_schema(
            request=ReopenSerializer,
            responses={200: serializer, **WRITE_ERRORS},
            description=_("Reopen a decided level (the deciding committee, with a reason)."),
        ),
    }


_M = _actions(MemberEvaluationSerializer)
_O = _actions(OrganizationEvaluationSerializer)


@extend_schema_view(
    list=extend_schema(responses={200: MemberEvaluationSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: MemberEvaluationSerializer, **READ_ERRORS}),
)
class MemberEvaluationViewSet(_StepsViewSet):
    """Members' evaluations in your scope (a member sees their own)."""

    queryset = MemberEvaluation.objects.select_related("member").order_by("-year", "org_path", "id")
    serializer_class = MemberEvaluationSerializer
    filterset_class = MemberEvaluationFilterSet

    @_M["self_assess"]
    @action(detail=True, methods=["post"], url_path="self-assess", filter_backends=[])
    def self_assess(self, request: Request, pk=None) -> Response:
        row = self.get_object()
        services.self_assess(user=request.user, evaluation=row, **self._self_kwargs(request))
        return self._fresh(row)

    @extend_schema(
        request=ProposeSerializer,
        responses={200: MemberEvaluationSerializer, **WRITE_ERRORS},
        description=_("R4.7 step 2: the member's branch proposes a level."),
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def propose(self, request: Request, pk=None) -> Response:
        row = self.get_object()
        body = ProposeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.propose(
            user=request.user,
            branch=row.organization,
            cycle=row.cycle,
            proposals={row.pk: (data["rating"], data["reason"])},
        )
        return self._fresh(row)

    @_M["decide"]
    @action(detail=True, methods=["post"], filter_backends=[])
    def decide(self, request: Request, pk=None) -> Response:
        return self._decide(request)

    @_M["reopen"]
    @action(detail=True, methods=["post"], filter_backends=[])
    def reopen(self, request: Request, pk=None) -> Response:
        return self._reopen(request)


@extend_schema_view(
    list=extend_schema(responses={200: OrganizationEvaluationSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: OrganizationEvaluationSerializer, **READ_ERRORS}),
)
class OrganizationEvaluationViewSet(_StepsViewSet):
    """Branches' and grassroots organizations' evaluations in your scope."""

    queryset = OrganizationEvaluation.objects.select_related("organization").order_by(
        "-year", "org_path", "id"
    )
    serializer_class = OrganizationEvaluationSerializer
    filterset_class = OrganizationEvaluationFilterSet

    @_O["self_assess"]
    @action(detail=True, methods=["post"], url_path="self-assess", filter_backends=[])
    def self_assess(self, request: Request, pk=None) -> Response:
        row = self.get_object()
        services.self_assess_organization(
            user=request.user, evaluation=row, **self._self_kwargs(request)
        )
        return self._fresh(row)

    @_O["decide"]
    @action(detail=True, methods=["post"], filter_backends=[])
    def decide(self, request: Request, pk=None) -> Response:
        return self._decide(request)

    @_O["reopen"]
    @action(detail=True, methods=["post"], filter_backends=[])
    def reopen(self, request: Request, pk=None) -> Response:
        return self._reopen(request)


@extend_schema_view(
    list=extend_schema(responses={200: CycleSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: CycleSerializer, **READ_ERRORS}),
)
class CycleViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Evaluation cycles you take part in: those over your subtree and those opened above."""

    queryset = EvaluationCycle.objects.select_related("organization")
    serializer_class = CycleSerializer
    filterset_class = CycleFilterSet
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return EvaluationCycle.objects.none()
        return services.cycles_for(self.request.user).order_by("-year", "org_path", "id")
