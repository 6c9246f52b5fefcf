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
