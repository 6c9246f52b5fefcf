from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "dangvu.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Organization, exclude_fields=["path", "depth", "numchild"])
        auditlog.register(models.Locality)
        auditlog.register(models.Term)
        auditlog.register(models.CommitteeSeat)
        auditlog.register(models.Reorganization, exclude_fields=["org_path"])

        from . import rules  # noqa: F401  registers the work-list checks
