from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dangvu.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        # Rule numbers decide members' deadlines: every change must say who made it.
        auditlog.register(models.RuleProfile)
        auditlog.register(models.Holiday)
