"""The API tokens (`/api/token/`). `/api/me/` (the account and its member profile) is the
members app's (`members/api_me.py`)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, permissions, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core.api import (
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    UNSUPPORTED_MEDIA_TYPE,
    JSONParser,
    LineField,
)

from . import tokens, twofactor
from .models import ApiToken


class _CredentialsParser(JSONParser):
    normalize = False  # the password is checked exactly as typed


class TokenRequestSerializer(AuthTokenSerializer):
    """A username and password (the same lockout as the login page), and what to call the
    token so its owner recognizes it in the list."""

    name = LineField(
        max_length=100,
        required=False,
        default="",
        help_text=_("What the token is for, e.g. the script that uses it"),
    )
    days = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=3650,
        help_text=_("Days until the token expires (at most the server's limit, 90 by default)"),
    )
    otp = serializers.CharField(
        required=False,
        default="",
        max_length=20,
        help_text=_("The code of your authenticator app (staff accounts with two-factor)"),
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        if twofactor.required_for(user):
            # A token must not be the way around the second factor.
            device = twofactor.confirmed_totp(user)
            request = self.context.get("request")
            if device is None:
                raise serializers.ValidationError(
                    {"otp": _("Set up two-factor authentication on the website first.")}
                )
            if not device.verify_token(twofactor.digits(attrs.get("otp", ""))):
                twofactor.record(
                    twofactor.SecurityEvent.Kind.OTP_FAILED,
                    request=getattr(request, "_request", request),
                    user=user,
                )
                raise serializers.ValidationError(
                    {"otp": _("Enter the six-digit code of your authenticator app.")}
                )
        return attrs


class TokenSerializer(serializers.ModelSerializer):
    """A token as its owner sees it in the list: never its key."""

    expired = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "name", "created_at", "expires_at", "last_used_at", "expired"]
        read_only_fields = fields

    def get_expired(self, token: ApiToken) -> bool:
        return token.expires_at <= timezone.now()


class NewTokenSerializer(TokenSerializer):
    token = serializers.CharField(
        help_text=_("The key, shown this once: send it as `Authorization: Token <key>`")
    )

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "token"]
        read_only_fields = fields


LOCKED_OUT = OpenApiResponse(
    response=inline_serializer("LockedOut", {"detail": serializers.CharField()}),
    description=_("Too many failed logins: the account is locked for a while."),
)


class TokenView(generics.GenericAPIView):
    """API tokens. POST a username and password for a new token (a new key each time); send it
    as `Authorization: Token <key>`. GET lists your tokens (never their keys). Failed attempts
    count toward the same lockout as the login page (django-axes)."""

    serializer_class = TokenSerializer
    pagination_class = None
    filter_backends = ()

    def initialize_request(self, request, *args, **kwargs):
        # The authenticators depend on the method, and are chosen before DRF's request exists.
        self._method = request.method
        return super().initialize_request(request, *args, **kwargs)

    def _creating(self) -> bool:
        return getattr(self, "_method", None) == "POST"

    def get_authenticators(self):
        # Credentials only: a browser session must not make POST demand a CSRF token.
        return [] if self._creating() else super().get_authenticators()

    def get_permissions(self):
        return [permissions.AllowAny()] if self._creating() else [permissions.IsAuthenticated()]

    def get_parsers(self):
        return [_CredentialsParser(), FormParser()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens.live_tokens(self.request.user)

    @extend_schema(
        tags=["token"],
        responses={200: TokenSerializer(many=True), 403: FORBIDDEN},
    )
    def get(self, request: Request) -> Response:
        return Response(TokenSerializer(self.get_queryset(), many=True).data)

    @extend_schema(
        tags=["token"],
        auth=[],
        request=TokenRequestSerializer,
        responses={
            201: NewTokenSerializer,
            400: BAD_REQUEST,
            415: UNSUPPORTED_MEDIA_TYPE,
            429: LOCKED_OUT,
        },
    )
    def post(self, request: Request) -> Response:
        body = TokenRequestSerializer(data=request.data, context={"request": request})
        try:
            body.is_valid(raise_exception=True)
        except serializers.ValidationError:
            # axes refused even to check the password: say so, as the login page does.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut() from None
            raise
        user = body.validated_data["user"]
        name = body.validated_data.get("name") or _("API token of %(user)s") % {
            "user": user.get_username()
        }
        token, key = tokens.create_token(
            user=user, name=str(name), days=body.validated_data.get("days")
        )
        token.token = key  # shown this once
        return Response(NewTokenSerializer(token).data, status=status.HTTP_201_CREATED)


class TokenDetailView(generics.GenericAPIView):
    """One of your API tokens; DELETE revokes it at once (it stays in the audit log)."""

    queryset = ApiToken.objects.all()  # narrowed to the caller's own live tokens below
    serializer_class = TokenSerializer
    pagination_class = None
    filter_backends = ()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens.live_tokens(self.request.user)

    @extend_schema(tags=["token"], responses={200: TokenSerializer, 403: FORBIDDEN, 404: NOT_FOUND})
    def get(self, request: Request, pk: int) -> Response:
        return Response(TokenSerializer(self.get_object()).data)

    @extend_schema(tags=["token"], responses={204: None, 403: FORBIDDEN, 404: NOT_FOUND})
    def delete(self, request: Request, pk: int) -> Response:
        tokens.revoke(self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class LockedOut(APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many failed logins: this account is locked for a while.")
    default_code = "locked_out"
