from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdmissionsConfig(AppConfig):
    name = "dangvu.admissions"
    label = "admissions"
    verbose_name = _("Member development")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, rules  # noqa: F401  (rules registers the work-list checks)

        auditlog.register(models.Candidate, exclude_fields=["name_key", "sort_key", "org_path"])
        auditlog.register(models.AdmissionDecision, exclude_fields=["org_path"])
        auditlog.register(models.Recognition, exclude_fields=["org_path"])
        auditlog.register(models.AdmissionTarget)
        auditlog.register(models.Certificate)
