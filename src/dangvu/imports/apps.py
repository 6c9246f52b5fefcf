from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import AppContributions, NavEntry, UrlInclude


class ImportsConfig(AppContributions, AppConfig):
    name = "dangvu.imports"
    label = "imports"
    verbose_name = _("Import and export")

    nav = [
        NavEntry(
            _("Import and export"),
            "imports:index",
            icon="arrow-left-right",
            order=80,
            visible=lambda user: user.is_editor,
        )
    ]
    urls = [UrlInclude("data/", "dangvu.imports.urls")]
    api_module = "dangvu.imports.api"
