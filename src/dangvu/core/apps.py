from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .registry import AppContributions, Audited, NavEntry, UrlInclude


class CoreConfig(AppContributions, AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = _("Core")

    nav = [
        NavEntry(_("Work list"), "worklist:list", icon="list-check", order=30),
        NavEntry(
            _("Party documents"),
            "documents:register",
            icon="journal-text",
            order=75,
            visible=lambda user: not user.is_plain_member,
        ),
        NavEntry(
            _("Rule profile"),
            "core:profile",
            icon="sliders",
            order=90,
            visible=lambda user: user.is_rule_admin,
        ),
    ]
    urls = [
        UrlInclude("", "dangvu.core.home_urls"),  # "/": each role's home (core/home.py)
        UrlInclude("rules/", "dangvu.core.urls"),
        UrlInclude("worklist/", "dangvu.core.worklist_urls"),
        UrlInclude("documents/", "dangvu.core.documents.urls"),
    ]
    # Rule numbers decide members' deadlines: every change must say who made it.
    audited = [Audited("core.RuleProfile"), Audited("core.Holiday")]

    def ready(self) -> None:
        from . import registry

        # Django loads every app's models before any ready(): all apps are set up from here.
        registry.ready()
