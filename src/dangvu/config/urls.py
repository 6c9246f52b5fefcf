from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="organizations:tree"), name="home"),
    path("accounts/", include("dangvu.accounts.urls")),
    path("organizations/", include("dangvu.organizations.urls")),
    path("members/", include("dangvu.members.urls")),
    path("admissions/", include("dangvu.admissions.urls")),
    path("meetings/", include("dangvu.meetings.urls")),
    path("evaluations/", include("dangvu.evaluations.urls")),
    path("reports/", include("dangvu.reports.urls")),
    path("data/", include("dangvu.imports.urls")),
    path("rules/", include("dangvu.core.urls")),
    path("worklist/", include("dangvu.core.worklist_urls")),
    path("api/", include("dangvu.config.api_urls")),
    path("admin/", admin.site.urls),
]
