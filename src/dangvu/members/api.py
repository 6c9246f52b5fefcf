"""Member registry API: list/retrieve with the UI's filters, create and PATCH through services.

Organization ids a user cannot see are answered exactly like unknown ids (400, "does not
exist" on the `organization` field), so the API never confirms that a record exists outside
the caller's scope. A visible branch the caller may not manage (e.g. an inspector) is a 403.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets

from dangvu.core.api import (
    CREATE_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    CanManageOrganization,
    ModelSerializer,
    ScopedViewSetMixin,
)
from dangvu.organizations.models import Organization

from . import validators as member_validators
from .discipline.filters import DisciplineFilterSet
from .events.filters import MemberEventFilterSet
from .member import services
from .member.filters import MemberFilterSet
from .models import Discipline, Member, MemberEvent, Transfer
from .transfer.filters import TransferFilterSet


class VisibleOrganizationField(serializers.PrimaryKeyRelatedField):
    """An organization id resolved inside the caller's scope only."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("There is no organization with this id in your scope."),
    }

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Organization.objects.none()
        return Organization.objects.visible_to(request.user)


class DigitsField(serializers.CharField):
    """Identity numbers typed with spaces, dots or dashes ("001 090 012 345") are stored as
    digits only; the model's validators then check the digits."""

    def to_internal_value(self, data):
        return member_validators.normalize_digits(super().to_internal_value(data))


class MemberSerializer(ModelSerializer):
    organization = VisibleOrganizationField(
        help_text=_("Id of the party branch; fixed after creation (moving is a transfer)")
    )
    branch_name = serializers.CharField(source="organization.name", read_only=True)
    card_number = DigitsField(
        max_length=12,
        required=False,
        allow_null=True,
        allow_blank=True,
        validators=[member_validators.validate_card_number],
        help_text=_("Party card number: 6 to 12 digits"),
    )
    citizen_id = DigitsField(
        max_length=12,
        required=False,
        allow_null=True,
        allow_blank=True,
        validators=[member_validators.validate_citizen_id],
        help_text=_("Citizen ID (CCCD): 12 digits"),
    )
    version = serializers.IntegerField(
        required=False,
        help_text=_(
            "The record's version. On PATCH, send the version you read: if someone saved the "
            "record since, nothing is written and the answer is 409."
        ),
    )

    class Meta:
        model = Member
        fields = [
            "id",
            "full_name",
            "birth_date",
            "gender",
            "ethnicity",
            "religion",
            "hometown",
            "residence",
            "general_education",
            "professional_level",
            "theory_level",
            "occupation",
            "workplace",
            "admitted_on",
            "recognized_on",
            "card_number",
            "citizen_id",
            "phone",
            "status",
            "status_since",
            "organization",
            "branch_name",
            "version",
        ]
        read_only_fields = ["status", "status_since"]

    def validate_card_number(self, value: str | None) -> str | None:
        return value or None

    def validate_citizen_id(self, value: str | None) -> str | None:
        return value or None

    def validate_organization(self, value: Organization) -> Organization:
        if self.instance is not None and value.pk != self.instance.organization_id:
            raise serializers.ValidationError(
                _("A member is moved to another branch by a transfer, not by editing the profile.")
            )
        return value

    def create(self, validated_data: dict[str, Any]) -> Member:
        validated_data.pop("version", None)
        return services.create_member(user=self.context["request"].user, data=validated_data)

    def update(self, instance: Member, validated_data: dict[str, Any]) -> Member:
        expected_version = validated_data.pop("version", None)
        return services.update_member(
            user=self.context["request"].user,
            member=instance,
            data=validated_data,
            expected_version=expected_version,
        )


@extend_schema_view(
    list=extend_schema(responses={200: MemberSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: MemberSerializer, **READ_ERRORS}),
    create=extend_schema(responses={201: MemberSerializer, **CREATE_ERRORS}),
    partial_update=extend_schema(responses={200: MemberSerializer, **WRITE_ERRORS}),
)
class MemberViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Party members in your scope. Filters are the member list page's (one FilterSet)."""

    queryset = Member.objects.select_related("organization")
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    permission_classes = [permissions.IsAuthenticated, CanManageOrganization]
    # PATCH only: a full PUT would silently blank every field the client left out.
    http_method_names = ["get", "post", "patch", "head", "options"]


# --- Lifecycle (issue 3): read-only lists of events, transfers and disciplines -------------


class MemberEventSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = MemberEvent
        fields = [
            "id",
            "member",
            "member_name",
            "kind",
            "occurred_on",
            "organization",
            "organization_name",
            "other_organization",
            "other_party",
            "decision_number",
            "decision_date",
            "decision_body",
            "note",
            "recorded_at",
        ]
        read_only_fields = fields


class TransferSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "member",
            "member_name",
            "kind",
            "scope",
            "status",
            "from_organization",
            "from_party",
            "to_organization",
            "to_party",
            "received_in",
            "letter_number",
            "issued_on",
            "issuing_body",
            "until",
            "received_on",
            "ended_on",
            "cancelled_on",
        ]
        read_only_fields = fields


class DisciplineSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.full_name", read_only=True)

    class Meta:
        model = Discipline
        fields = [
            "id",
            "member",
            "member_name",
            "organization",
            "form",
            "reason",
            "post",
            "opened_on",
            "decision_number",
            "decision_body",
            "signed_on",
            "announced_on",
            "expires_on",
            "annulled_on",
            "closed_on",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(responses={200: MemberEventSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: MemberEventSerializer, **READ_ERRORS}),
)
class MemberEventViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Membership changes (biến động) in your scope, placed by the member's branch at the time.
    Filters: kind, date_from/date_to (effective date), organization (its subtree), member."""

    queryset = MemberEvent.objects.select_related("member", "organization").order_by(
        "-occurred_on", "-id"
    )
    serializer_class = MemberEventSerializer
    filterset_class = MemberEventFilterSet


@extend_schema_view(
    list=extend_schema(responses={200: TransferSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: TransferSerializer, **READ_ERRORS}),
)
class TransferViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Transfers seen from both sides: the sending and the receiving subtree. Filters:
    organization (either side in its subtree), direction (in/out relative to it, else to
    your organization), status, kind, overdue (not confirmed within R9.3), date_from/date_to."""

    queryset = Transfer.objects.select_related("member").order_by("-issued_on", "-id")
    serializer_class = TransferSerializer
    filterset_class = TransferFilterSet


@extend_schema_view(
    list=extend_schema(responses={200: DisciplineSerializer(many=True), **READ_ERRORS}),
    retrieve=extend_schema(responses={200: DisciplineSerializer, **READ_ERRORS}),
)
class DisciplineViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Discipline cases and decisions (R6.1–R6.10). Filters: organization, form, state
    (open, in_force, ended), date_from/date_to (signature date)."""

    queryset = Discipline.objects.select_related("member").order_by("-signed_on", "-id")
    serializer_class = DisciplineSerializer
    filterset_class = DisciplineFilterSet
