"""The project's URLconf: the project-level paths here, every app's pages from the registry."""

from django.contrib import admin
from django.urls import include, path

from dangvu.config.health import DangvuHealthView
from dangvu.core.registry import registry

urlpatterns = [
    path("accounts/", include("dangvu.accounts.urls")),  # sign-in, sign-out, password
    *registry().urlpatterns(),
    path("api/", include("dangvu.config.api_urls")),
    path("admin/", admin.site.urls),
    path("health/", DangvuHealthView.as_view(), name="health"),  # docs/deployment.md
]

handler500 = "dangvu.core.views.server_error"
