"""`/api/`: REST endpoints, the OpenAPI schema and its Swagger UI (served locally, no CDN)."""

from csp.decorators import csp_replace
from django.http import HttpRequest, JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from dangvu.accounts.api import TokenDetailView, TokenView
from dangvu.core.api import Router
from dangvu.core.registry import registry

# Swagger UI (a vendored bundle) sets inline styles while it draws: on that page only, styles
# (never scripts) may be inline; every other page keeps the strict policy.
SWAGGER = csp_replace({"style-src": ["'self'", "'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)

router = Router()  # no format-suffix duplicates: a `….json` URL is the JSON 404 below
registry().register_api(router)  # every app's viewsets, declared in its AppConfig


@csrf_exempt  # writes nothing; a POST to an unknown URL is a 404, not a CSRF failure
def not_found(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    """Unknown /api/ URLs (e.g. `/api/members/1.5/`) answer in JSON like the endpoints do,
    not with Django's HTML page."""
    return JsonResponse({"detail": _("Not found.")}, status=404)


urlpatterns = [
    # Sign-in for API clients stays project-level, like accounts/ in the project's URLconf.
    path("token/", TokenView.as_view(), name="api-token"),
    path("token/<int:pk>/", TokenDetailView.as_view(), name="api-token-detail"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # the split view serves its start-up script as a file: no inline script (CSP)
    path("docs/", SWAGGER, name="api-docs"),
    *registry().api_urlpatterns(),
    *router.urls,
    # Last; ends with "/" so APPEND_SLASH still redirects first. `[\s\S]`: a path with a
    # newline (%0A) is unknown too, and answers JSON like any other (schemathesis found it).
    re_path(r"^[\s\S]*/$", not_found, name="not-found"),
]
