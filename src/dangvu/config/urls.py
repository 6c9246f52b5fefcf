from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="organizations:tree"), name="home"),
    path("accounts/", include("dangvu.accounts.urls")),
    path("organizations/", include("dangvu.organizations.urls")),
    path("members/", include("dangvu.members.urls")),
    path("rules/", include("dangvu.core.urls")),
    path("api/", include("dangvu.config.api_urls")),
    path("admin/", admin.site.urls),
]
