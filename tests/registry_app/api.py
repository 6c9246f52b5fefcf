from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from dangvu.core.api import READ_ERRORS


class ProbeSerializer(serializers.Serializer):
    name = serializers.CharField()


class ProbeViewSet(viewsets.ViewSet):
    """A model-less endpoint of the registry probe app."""

    @extend_schema(responses={200: ProbeSerializer(many=True), **READ_ERRORS})
    def list(self, request: Request) -> Response:
        return Response(ProbeSerializer([{"name": "probe"}], many=True).data)
