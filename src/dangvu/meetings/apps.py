from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import (
    ApiRoute,
    AppContributions,
    Audited,
    DemoStep,
    NavEntry,
    ReportSection,
    UrlInclude,
)


class MeetingsConfig(AppContributions, AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = _("Branch meetings")
    demo_steps = [
        DemoStep(
            "meetings",
            "dangvu.meetings.demo.generate",
            order=20,
            labels={
                "meetings": _("Branch meetings"),
                "attendance": _("Attendance records"),
                "visits": _("Visits by higher-level committee members"),
            },
        )
    ]
    report_sections = [
        ReportSection(
            "meetings",
            "dangvu.meetings.reporting.meeting_section",
            narrative="dangvu.meetings.reporting.narrative",
            order=50,
        )
    ]
    rule_defaults = "dangvu.meetings.rules.defaults.DEFAULTS"
    checks_module = "rules.checks"

    nav = [NavEntry(_("Meetings"), "meetings:list", icon="calendar-event", order=40)]
    urls = [UrlInclude("meetings/", "dangvu.meetings.urls")]
    api_routes = [ApiRoute("meetings", "dangvu.meetings.api.MeetingViewSet", "meeting")]
    # Attendance is not audited row by row: a roll call writes up to ~80 rows at once and
    # the demo millions; the meeting's version and counts record each save instead.
    audited = [
        Audited(
            "meetings.Meeting",
            exclude=[
                "org_path",
                "year",
                "month",
                "present_count",
                "excused_count",
                "absent_count",
                "eligible_count",
            ],
        ),
        Audited("meetings.MeetingResolution"),
        Audited("meetings.Task"),
        Audited("meetings.Visit"),
        Audited("meetings.VisitDuty"),
    ]
