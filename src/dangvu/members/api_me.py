"""`/api/me/`: the caller's account and the contact details of their own member profile
(declared through `api_module` on the members app)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.accounts.models import Role, User
from dangvu.core.api import (
    BAD_REQUEST,
    CONFLICT,
    FORBIDDEN,
    UNSUPPORTED_MEDIA_TYPE,
    ModelSerializer,
    ServiceErrorsMixin,
)
from dangvu.members import services
from dangvu.members.api import MemberSerializer
from dangvu.members.models import Member


class MeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="get_full_name", read_only=True)
    role = serializers.ChoiceField(choices=Role.choices, read_only=True)
    organization_name = serializers.CharField(
        source="organization.name", read_only=True, allow_null=True, default=None
    )
    member = MemberSerializer(read_only=True, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "role",
            "organization",
            "organization_name",
            "member",
        ]
        read_only_fields = fields


class SelfProfileSerializer(ModelSerializer):
    """What members may change on their own record (`services.SELF_EDITABLE_FIELDS`)."""

    version = serializers.IntegerField(
        required=False, help_text=_("The version you read; a stale one is answered with 409")
    )

    class Meta:
        model = Member
        fields = [*services.SELF_EDITABLE_FIELDS, "version"]

    def update(self, instance: Member, validated_data: dict[str, Any]) -> Member:
        expected_version = validated_data.pop("version", None)
        return services.update_member(
            user=self.context["request"].user,
            member=instance,
            data=validated_data,
            expected_version=expected_version,
        )


class MeView(ServiceErrorsMixin, generics.GenericAPIView):
    """Your own account, and the contact details of your own member profile."""

    serializer_class = MeSerializer

    def _me(self, request: Request) -> User:
        return User.objects.select_related("organization", "member__organization").get(
            pk=request.user.pk
        )

    @extend_schema(responses={200: MeSerializer, 403: FORBIDDEN})
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(self._me(request), context={"request": request}).data)

    @extend_schema(
        request=SelfProfileSerializer,
        responses={
            200: MeSerializer,
            400: BAD_REQUEST,
            403: FORBIDDEN,
            409: CONFLICT,
            415: UNSUPPORTED_MEDIA_TYPE,
        },
    )
    def patch(self, request: Request) -> Response:
        me = self._me(request)
        if me.member is None:
            raise PermissionDenied(
                _("Your account is not linked to a party member profile: there is nothing to edit.")
            )
        serializer = SelfProfileSerializer(
            me.member, data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(MeSerializer(self._me(request), context={"request": request}).data)


urlpatterns = [path("me/", MeView.as_view(), name="api-me")]
