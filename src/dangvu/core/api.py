"""API bricks shared by every app: scoped querysets, write permissions, service errors.

NetBox's pattern (`netbox/api/viewsets`): the base viewset applies the scope itself, so no
endpoint can forget it; views only declare their queryset, serializer and filterset.
"""

from __future__ import annotations

import json

import django_filters
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import exceptions, parsers, permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from dangvu.core.scope import organization_model
from dangvu.core.services import StaleVersion
from dangvu.core.text import nfc, nfc_all, validate_visible


class Conflict(exceptions.APIException):
    """The record changed after the client read it (optimistic concurrency)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This record was changed by someone else. Reload it and try again.")
    default_code = "stale"


def api_error(exc: DjangoValidationError) -> exceptions.APIException:
    """A Django ValidationError raised by a service, as the DRF error a client can act on:
    400 with `{field: [messages]}` (whole-record errors under `non_field_errors`), or 409 for a
    stale version."""
    detail = serializers.as_serializer_error(exc)
    if NON_FIELD_ERRORS in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
    if isinstance(exc, StaleVersion):
        return Conflict({"version": detail.get(api_settings.NON_FIELD_ERRORS_KEY, detail)})
    return exceptions.ValidationError(detail)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with a Vietnamese message for a malformed body (DRF's is English and
    not translatable), and every string NFC-normalized (a name typed in NFD is stored NFC).
    `normalize = False` keeps strings as sent (a password must stay byte for byte)."""

    normalize = True

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except exceptions.ParseError as error:
            cause = error.__context__
            if isinstance(cause, json.JSONDecodeError):
                message = _("The body is not valid JSON (line %(line)s, column %(column)s).") % {
                    "line": cause.lineno,
                    "column": cause.colno,
                }
            elif isinstance(cause, UnicodeDecodeError):
                message = _("The body is not valid JSON: it is not UTF-8 text.")
            else:
                message = _("The body is not valid JSON.")
            raise exceptions.ParseError(message) from None
        return nfc_all(data) if self.normalize else data


class Router(DefaultRouter):
    """DRF's router without the format-suffix duplicates of every route
    (`/api/meetings/7/roll-call.json`): DRF passes `format=` to handlers that do not take it
    (a 500 on every custom action), and `?format=json` or the Accept header already choose
    the renderer. A suffixed URL falls through to the API's JSON 404."""

    include_format_suffixes = False


class ServiceErrorsMixin:
    """Services raise Django's ValidationError; DRF would turn it into a 500. Django's
    PermissionDenied and Http404 are already 403/404 in DRF.

    Bodies are JSON only: there are no uploads, and the form/multipart parsers silently skip
    malformed parts, so a broken request would "succeed" as an empty edit.
    """

    parser_classes = [JSONParser]

    def handle_exception(self, exc):
        if isinstance(exc, DjangoValidationError):
            exc = api_error(exc)
        return super().handle_exception(exc)


def _lenient_value_error(filter_, values: list[str]) -> str | None:
    """What django-filter would silently read as "no filter" (or, for `ordering=,`, as "no
    order at all", which makes pages unstable); None if the values are fine."""
    if isinstance(filter_, django_filters.BooleanFilter):
        if any(v not in ("", "true", "false") for v in values):
            return _("Must be true or false.")
    elif isinstance(filter_, django_filters.OrderingFilter):
        if any(v and "" in v.split(",") for v in values):
            return _("The list has an empty item.")
    return None


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend. As in the UI's forms, an empty value means "any"; values that
    django-filter would silently ignore are a 400 here (an API client that sends them has a
    bug)."""

    def get_filterset(self, request, queryset, view):
        filterset = super().get_filterset(request, queryset, view)
        if filterset is None:
            return None
        errors = {}
        for name, filter_ in filterset.filters.items():
            message = _lenient_value_error(filter_, request.query_params.getlist(name))
            if message:
                errors[name] = [message]
        if errors:
            raise exceptions.ValidationError(errors)
        return filterset


class FilterBackendSchema(DjangoFilterExtension):
    """Say in the schema that filters accept an empty value (`?kind=`), which the API answers
    unfiltered, so clients and schemathesis don't take it for an invalid request."""

    target_class = FilterBackend
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        for parameter in parameters:
            if parameter.get("in") == "query":
                parameter["allowEmptyValue"] = True
        return parameters


class LineField(serializers.CharField):
    """A one-line text (a name, a code, a number written as text): NFC, and zero-width and
    bidi control characters are refused with a Vietnamese message (core.text)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.validators.append(validate_visible)

    def to_internal_value(self, data):
        return nfc(super().to_internal_value(data))


class ModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer; a model's one-line CharField becomes a `LineField` (TextFields
    stay free text). Bodies are NFC already (JSONParser)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: LineField,
    }


def allow_empty_query_values(result, generator, request, public):
    """drf-spectacular post-processing hook: every query parameter of this API reads an empty
    value (`?year=`) as "not given" (filters, pages, statistics), so the schema says so for
    all of them, not only for the FilterSets' (FilterBackendSchema)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []) if isinstance(operation, dict) else []:
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
    return result


class Pagination(PageNumberPagination):
    """DRF's page numbers; `?page=` (empty) is page 1, and the schema says so."""

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["allowEmptyValue"] = True
        return parameters


class ScopedViewSetMixin(ServiceErrorsMixin):
    """Every queryset is `visible_to(request.user)`: declare `queryset` as usual (with its
    select_related/annotations) and the scope is applied on top of it here. Same rows as
    `Model.objects.visible_to(user)`, without losing what the declared queryset adds."""

    filter_backends = [FilterBackend]
    pagination_class = Pagination

    def get_object(self):
        # A record id in the path is plain digits: "8 " or "8.0" is no id (DRF's own 404,
        # in JSON like every answer of the API), never the 8th record.
        raw = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not (raw.isascii() and raw.isdigit()):
            raise NotFound()
        return super().get_object()

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return queryset.none()
        if not hasattr(queryset, "visible_to"):
            raise TypeError(
                f"{type(self).__name__}.queryset must be a ScopedQuerySet (see core.scope)."
            )
        return queryset.visible_to(self.request.user)


def _target_organization(obj):
    """The organization that decides who may write `obj` (the organization itself, or the one
    the record is placed in)."""
    return obj if isinstance(obj, organization_model()) else obj.organization


class CanManageOrganization(permissions.BasePermission):
    """Reads follow the scope; writes need an editor role, and on an existing record
    `user.can_manage(its organization)`. On create, the service re-checks the target
    organization (`require_manage`), which becomes a 403."""

    message = _("You cannot change records of this organization.")

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_editor)

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.can_manage(_target_organization(obj))


# Documented error bodies, so clients and schemathesis know every status an endpoint returns.
_DETAIL = inline_serializer("ErrorDetail", {"detail": serializers.CharField()})
_FIELD_ERRORS = inline_serializer(
    "FieldErrors",
    {
        "non_field_errors": serializers.ListField(child=serializers.CharField(), required=False),
    },
)
# Field names vary per endpoint: any `field: [messages]` is allowed next to non_field_errors.
_FIELD_ERRORS_DESCRIPTION = _(
    "Invalid input: an object mapping each field name to a list of messages "
    "(errors about the whole record are under non_field_errors)."
)

BAD_REQUEST = OpenApiResponse(response=_FIELD_ERRORS, description=_FIELD_ERRORS_DESCRIPTION)
FORBIDDEN = OpenApiResponse(
    response=_DETAIL,
    description=_("Not authenticated, or not allowed to change records of this organization."),
)
NOT_FOUND = OpenApiResponse(
    response=_DETAIL, description=_("No such record in your scope (or no such page).")
)
CONFLICT = OpenApiResponse(
    response=inline_serializer(
        "StaleVersion", {"version": serializers.ListField(child=serializers.CharField())}
    ),
    description=_("The record was changed by someone else after the version you sent."),
)

UNSUPPORTED_MEDIA_TYPE = OpenApiResponse(
    response=_DETAIL, description=_("The body's media type is not accepted (send JSON).")
)

READ_ERRORS = {400: BAD_REQUEST, 403: FORBIDDEN, 404: NOT_FOUND}
CREATE_ERRORS = {400: BAD_REQUEST, 403: FORBIDDEN, 415: UNSUPPORTED_MEDIA_TYPE}
WRITE_ERRORS = {
    400: BAD_REQUEST,
    403: FORBIDDEN,
    404: NOT_FOUND,
    409: CONFLICT,
    415: UNSUPPORTED_MEDIA_TYPE,
}
