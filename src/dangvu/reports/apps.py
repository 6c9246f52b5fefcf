from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import AppContributions, NavEntry, UrlInclude


class ReportsConfig(AppContributions, AppConfig):
    name = "dangvu.reports"
    label = "reports"
    verbose_name = _("Reports")

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
    api_module = "dangvu.reports.api"  # the figures at /api/reports/<name>/
