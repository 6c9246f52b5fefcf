from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = _("Branch meetings")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, rules  # noqa: F401  (rules registers the work-list checks)

        # Attendance is not audited row by row: a roll call writes up to ~80 rows at once and
        # the demo millions; the meeting's version and counts record each save instead.
        auditlog.register(
            models.Meeting,
            exclude_fields=[
                "org_path",
                "year",
                "month",
                "present_count",
                "excused_count",
                "absent_count",
                "eligible_count",
            ],
        )
        auditlog.register(models.MeetingResolution)
        auditlog.register(models.Task)
        auditlog.register(models.Visit)
        auditlog.register(models.VisitDuty)
