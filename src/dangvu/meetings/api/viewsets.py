"""The meetings viewset: list and schedule meetings, the roll call (read, one row, or the whole
list with the meeting's version), and the statistics of a subtree and period."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core.api import (
    CREATE_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    CanManageOrganization,
    ScopedViewSetMixin,
)

from .. import queries, services
from ..filters import MeetingFilterSet
from ..models import Meeting
from .serializers import (
    AttendanceSerializer,
    MeetingSerializer,
    MeetingStatisticsQuerySerializer,
    MeetingStatisticsSerializer,
    RollCallSerializer,
    roll_call_body,
    statistics_body,
)


@extend_schema_view(
    list=extend_schema(responses={200: MeetingSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: MeetingSerializer, **READ_ERRORS}),
    create=extend_schema(responses={201: MeetingSerializer, **CREATE_ERRORS}),
    partial_update=extend_schema(responses={200: MeetingSerializer, **WRITE_ERRORS}),
)
class MeetingViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Branch meetings in your scope (a member sees those of their own branch)."""

    queryset = Meeting.objects.select_related("organization").order_by("-scheduled_at", "-id")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    permission_classes = [permissions.IsAuthenticated, CanManageOrganization]
    http_method_names = ["get", "post", "patch", "head", "options"]

    @extend_schema(
        methods=["GET"],
        responses={200: RollCallSerializer, **READ_ERRORS},
        description=_("Everyone on the meeting's roll call with their marks, and the counts."),
    )
    @extend_schema(
        methods=["POST"],
        request=RollCallSerializer,
        responses={200: RollCallSerializer, **WRITE_ERRORS},
        description=_(
            "Save the whole roll call. Send the version you read: if anything was saved since, "
            "nothing is written and the answer is 409. Members left out keep their marks."
        ),
    )
    @action(detail=True, methods=["get", "post"], url_path="roll-call", filter_backends=[],
            pagination_class=None)  # fmt: skip
    def roll_call(self, request: Request, pk=None) -> Response:
        meeting = self.get_object()
        if request.user.is_plain_member:
            self.permission_denied(request, message=_("The roll call is kept by the branch."))
        if request.method == "POST":
            body = RollCallSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            entries = {
                row["member"]: (row["state"], row.get("reason", ""))
                for row in body.validated_data["rows"]
            }
            meeting = services.save_roll_call(
                user=request.user,
                meeting=meeting,
                entries=entries,
                expected_version=body.validated_data["version"],
            )
        return Response(roll_call_body(meeting))

    @extend_schema(
        request=AttendanceSerializer,
        responses={200: RollCallSerializer, **WRITE_ERRORS},
        description=_(
            "Mark one member (one tap): idempotent, needs no version; an empty state clears "
            "the mark."
        ),
    )
    @action(detail=True, methods=["post"], filter_backends=[], pagination_class=None)
    def attendance(self, request: Request, pk=None) -> Response:
        meeting = self.get_object()
        body = AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = services.set_attendance(
            user=request.user,
            meeting=meeting,
            member_id=body.validated_data["member"],
            state=body.validated_data["state"],
            reason=body.validated_data.get("reason"),
        )
        return Response(roll_call_body(meeting))

    @extend_schema(
        parameters=[MeetingStatisticsQuerySerializer],
        responses={200: MeetingStatisticsSerializer, **READ_ERRORS},
        description=_(
            "Meetings held and due, attendance, quality and visits for an organization's subtree "
            "and a period (a year, or date_from/date_to)."
        ),
    )
    @action(detail=False, filter_backends=[], pagination_class=None)
    def statistics(self, request: Request) -> Response:
        # A plain dict: DRF would read an empty form value as "not given"; here `date_from=`
        # is an invalid date (400), as the schema says.
        params = MeetingStatisticsQuerySerializer(data=request.query_params.dict())
        params.is_valid(raise_exception=True)
        data = params.validated_data
        user = request.user
        if user.is_plain_member:
            self.permission_denied(request, message=_("Statistics are for the committees."))
        organization = user.organization
        if data.get("organization"):
            organization = queries.visible_organization(user, data["organization"])
            if organization is None:
                raise serializers.ValidationError(
                    {"organization": [_("There is no organization with this id in your scope.")]}
                )
        elif organization is None:
            organization = queries.first_visible_organization(user)
            if organization is None:
                raise serializers.ValidationError(
                    {"organization": [_("There is no organization in your scope.")]}
                )
        start, end, year = data.get("date_from"), data.get("date_to"), data.get("year")
        period = queries.Period.chosen(start, end, year, timezone.localdate())
        stats = queries.statistics(organization, period, with_children=False)
        return Response(statistics_body(organization, period, stats))
