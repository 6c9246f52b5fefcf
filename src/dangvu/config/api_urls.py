"""`/api/`: REST endpoints, the OpenAPI schema and its Swagger UI (served locally, no CDN)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from dangvu.accounts.api import MeView, TokenView
from dangvu.admissions.api import (
    CandidateViewSet,
    DecisionViewSet,
    StatisticsViewSet,
    TargetViewSet,
)
from dangvu.evaluations import api as evaluations_api
from dangvu.imports import api as imports_api
from dangvu.meetings.api import MeetingViewSet
from dangvu.members.api import (
    DisciplineViewSet,
    MemberEventViewSet,
    MemberViewSet,
    TransferViewSet,
)
from dangvu.organizations.api import OrganizationViewSet
from dangvu.reports import api as reports_api

router = DefaultRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("members", MemberViewSet, basename="member")
router.register("member-events", MemberEventViewSet, basename="member-event")
router.register("transfers", TransferViewSet, basename="transfer")
router.register("disciplines", DisciplineViewSet, basename="discipline")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("admission-candidates", CandidateViewSet, basename="admission-candidate")
router.register("admission-decisions", DecisionViewSet, basename="admission-decision")
router.register("admission-targets", TargetViewSet, basename="admission-target")
router.register("admission-statistics", StatisticsViewSet, basename="admission-statistics")
for _app_api in (evaluations_api, reports_api, imports_api):
    _app_api.register(router)


@csrf_exempt  # writes nothing; a POST to an unknown URL is a 404, not a CSRF failure
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Unknown /api/ URLs (e.g. `/api/members/1.5/`) answer in JSON like the endpoints do,
    not with Django's HTML page."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("token/", TokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    *evaluations_api.urlpatterns,
    *reports_api.urlpatterns,
    *imports_api.urlpatterns,
    *router.urls,
    re_path(
        r"^.*/$", not_found, name="not-found"
    ),  # last; ends with "/" so APPEND_SLASH still redirects first
]
