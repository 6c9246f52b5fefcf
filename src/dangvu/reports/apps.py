from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import (
    AppContributions,
    Document,
    NavEntry,
    Panel,
    ReportList,
    UrlInclude,
)


class ReportsConfig(AppContributions, AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = _("Reports")
    documents = [Document("dashboard", _("Party building statistics"), "reports:export")]
    report_lists = [
        ReportList("organizations.Organization", "dangvu.reports.lists.ORGANIZATIONS"),
        ReportList("organizations.Locality", "dangvu.reports.lists.LOCALITIES"),
    ]

    nav = [
        NavEntry(
            _("Reports"),
            "reports:dashboard",
            icon="bar-chart",
            order=70,
            visible=lambda user: not user.is_plain_member,
        )
    ]
    urls = [UrlInclude("reports/", "dangvu.reports.urls")]
    home_panels = [
        Panel(
            "dashboard",
            "reports/_home_dashboard.html",
            "dangvu.reports.panels.dashboard",
            order=60,
            css="col-12 col-md-6 col-xl-4",
        )
    ]
    api_module = "dangvu.reports.api"  # the figures at /api/reports/<name>/
