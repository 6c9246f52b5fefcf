from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationsConfig(AppConfig):
    name = "dangvu.evaluations"
    label = "evaluations"
    verbose_name = _("Quality evaluation")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        try:
            from . import rules  # noqa: F401  (registers the work-list checks)
        except ImportError:  # pragma: no cover - rules.py lands with the services
            pass

        auditlog.register(models.EvaluationCycle)
        auditlog.register(models.MemberEvaluation, exclude_fields=["org_path", "year"])
        auditlog.register(models.OrganizationEvaluation, exclude_fields=["org_path", "year"])
