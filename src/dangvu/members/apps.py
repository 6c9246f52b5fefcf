from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "dangvu.members"
    label = "members"
    verbose_name = _("Party members")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Member, exclude_fields=["name_key", "sort_key", "org_path"])
        auditlog.register(models.Placement)
        auditlog.register(models.MemberPost)
        auditlog.register(models.Transfer, exclude_fields=["from_org_path", "to_org_path"])
        auditlog.register(models.Discipline, exclude_fields=["org_path"])
        auditlog.register(models.ResidenceContact, exclude_fields=["residence_org_path"])
        auditlog.register(models.ResidenceComment)

        from . import rules  # noqa: F401  registers the work-list checks
