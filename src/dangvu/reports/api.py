"""API of the app: `/api/reports/<name>/?org=<id or code>&year=&on=` returns a report's
figures as JSON (the dashboard's, scoped the same way; 400 with a message per parameter on bad
input, 403 for plain members). One path per report name, so every URL is plain."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from dangvu.core.api import READ_ERRORS, api_error

from .params import scope_from
from .queries import REPORTS, build_report
from .queries.scope import Scope


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    group = serializers.CharField(allow_blank=True)
    value = serializers.FloatField(allow_null=True)
    base = serializers.IntegerField(
        allow_null=True, help_text=_("The whole the value is a share of")
    )
    percent = serializers.FloatField(allow_null=True, help_text=_("value / base × 100"))
    kind = serializers.CharField()
    drill = serializers.BooleanField(help_text=_("A list of the rows behind the figure exists"))


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    figures = FigureSerializer(many=True)
    extra = serializers.DictField(required=False)


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    report = serializers.CharField()
    title = serializers.CharField()
    organization = OrganizationRefSerializer()
    # `from` is a Python keyword: declared through the fields mapping below.
    on = serializers.DateField(help_text=_("The as-of date (end of the period)"))
    sections = SectionSerializer(many=True)

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.DateField(help_text=_("Start of the period"))
        return fields


PARAMETERS = [
    OpenApiParameter(
        "org",
        OpenApiTypes.STR,
        description=_("Organization id or code (default: your own)"),
        allow_blank=True,
    ),
    # A string, not an integer: `?year=` (empty) means "this year", as filters do elsewhere.
    OpenApiParameter(
        "year", OpenApiTypes.STR, description=_("Year (default: this year)"), allow_blank=True
    ),
    OpenApiParameter(
        "on",
        OpenApiTypes.STR,
        description=_("As-of date, dd/mm/yyyy or yyyy-mm-dd (default: the end of the year)"),
        allow_blank=True,
    ),
]


class ReportView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    report_name = "dashboard"

    @extend_schema(parameters=PARAMETERS, responses={200: ReportSerializer, **READ_ERRORS})
    def get(self, request: Request) -> Response:
        try:
            scope = scope_from(request.query_params, request.user)
        except DjangoValidationError as error:
            raise api_error(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error)) from error
        if scope.on == timezone.localdate():
            scope = Scope(scope.organization, scope.on, scope.start, current=True)
        return Response(build_report(self.report_name, scope).as_dict())


def _view(name: str):
    view = type(
        f"Report{name.title()}View",
        (ReportView,),
        {"report_name": name, "__doc__": f"Figures of the report `{name}`."},
    )
    return view.as_view()


urlpatterns = [path(f"reports/{name}/", _view(name), name=f"reports-{name}") for name in REPORTS]


def register(router: DefaultRouter) -> None:
    """No viewsets: the reports are plain paths (`urlpatterns`)."""
