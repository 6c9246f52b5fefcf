from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dangvu.core.registry import (
    ApiRoute,
    AppContributions,
    Audited,
    DemoStep,
    Document,
    NavEntry,
    Panel,
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
    # The papers of a meeting (issue 13), built from its records by meetings.documents; the
    # branch's managers enter them in the register. A cell issues no thông báo (R14.2): the
    # notice is a giấy mời.
    documents = [
        Document(
            "meeting_notice",
            _("Meeting invitation"),
            model="meetings.Meeting",
            build="dangvu.meetings.documents.notice",
            kind="GM",
            permission="dangvu.meetings.services.may_manage",
            order=10,
        ),
        Document(
            "meeting_minutes",
            _("Minutes of the meeting"),
            model="meetings.Meeting",
            build="dangvu.meetings.documents.minutes",
            kind="BB",
            permission="dangvu.meetings.services.may_manage",
            order=20,
        ),
        Document(
            "meeting_resolution",
            _("Branch resolution"),
            model="meetings.Meeting",
            build="dangvu.meetings.documents.resolution",
            kind="NQ",
            permission="dangvu.meetings.services.may_manage",
            order=30,
        ),
    ]
    rule_defaults = "dangvu.meetings.rules.defaults.DEFAULTS"
    checks_module = "rules.checks"

    nav = [NavEntry(_("Meetings"), "meetings:list", icon="calendar-event", order=40)]
    # The home page: a member's notices and tasks, a secretary's meetings of the month.
    home_panels = [
        Panel("my_meetings", "meetings/_home_mine.html", "dangvu.meetings.panels.my_meetings", 10),
        Panel(
            "branch_month", "meetings/_home_branch.html", "dangvu.meetings.panels.branch_month", 20
        ),
    ]
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
