"""Branch meetings, attendance and visits of a period in the subtree of the report's date.

Attendance sums the meetings' denormalized counts (as the meetings app's statistics do), never
attendance rows, and, for the months of a branch with no meeting recorded, the monthly summaries
the history import brought (AttendanceSummary). Visits due come from the meetings app's rule
(R3.9), reused as is."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangvu.meetings import rules
from dangvu.meetings.choices import (
    MEMBER_KINDS,
    REGULAR_KINDS,
    THEMATIC_KINDS,
    MeetingStatus,
    VisitLevel,
)
from dangvu.meetings.models import AttendanceSummary, Meeting, Visit
from dangvu.meetings.models.summaries import ELIGIBLE as SUMMARY_ELIGIBLE
from dangvu.meetings.queries.reports import Period, visit_statistics
from dangvu.reports.narrative import percent
from dangvu.reports.queries import Report
from dangvu.reports.queries.base import Figure, Section
from dangvu.reports.queries.scope import Scope


def _held(scope: Scope):
    return Meeting.objects.filter(
        scope.where("org_path", "organization_id"),
        year__in=list(range(scope.start.year, scope.on.year + 1)),
        date__gte=scope.start,
        date__lte=scope.on,
        status=MeetingStatus.HELD,
    )


def held_branches(scope: Scope):
    return (
        _held(scope)
        .filter(kind__in=MEMBER_KINDS)
        .values_list("organization_id", flat=True)
        .distinct()
    )


def _summaries(scope: Scope) -> dict:
    """The imported monthly summaries of the period's months in which the branch has no
    meeting recorded (a month with both counts its roll calls: they win)."""
    start, end = scope.start, scope.on
    recorded = Meeting.objects.filter(
        organization_id=OuterRef("organization_id"),
        year=OuterRef("year"),
        month=OuterRef("month"),
        status=MeetingStatus.HELD,
        kind__in=MEMBER_KINDS,
    )
    queryset = AttendanceSummary.objects.filter(
        scope.where("org_path", "organization_id"),
        Q(year__gt=start.year) | Q(year=start.year, month__gte=start.month),
        Q(year__lt=end.year) | Q(year=end.year, month__lte=end.month),
    ).exclude(Exists(recorded))
    sums = queryset.aggregate(
        s_held=Coalesce(Sum("meetings_held"), 0),
        s_present=Coalesce(Sum("present"), 0),
        s_eligible=Coalesce(Sum(SUMMARY_ELIGIBLE), 0),
    )
    totals: dict = {key: sums[f"s_{key}"] for key in ("held", "present", "eligible")}
    totals["branch_ids"] = set(
        queryset.filter(meetings_held__gt=0).values_list("organization_id", flat=True).distinct()
    )
    return totals


def meeting_section(scope: Scope) -> Section:
    member = Q(kind__in=MEMBER_KINDS)
    totals = _held(scope).aggregate(
        held=Count("id", filter=member),
        regular=Count("id", filter=Q(kind__in=REGULAR_KINDS)),
        thematic=Count("id", filter=Q(kind__in=THEMATIC_KINDS)),
        branches=Count("organization_id", distinct=True, filter=member),
        present=Coalesce(Sum("present_count", filter=member), 0),
        eligible=Coalesce(Sum("eligible_count", filter=member), 0),
    )
    summed = _summaries(scope)
    for key in ("held", "present", "eligible"):
        totals[key] += summed[key]
    totals["branches"] = len(set(held_branches(scope)) | summed["branch_ids"])
    done = {
        row["level"]: row["n"]
        for row in Visit.objects.filter(
            scope.where("committee_path", "committee_id"),
            date__gte=scope.start,
            date__lte=scope.on,
        )
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    }
    values = rules.values_in_force(scope.on)
    due = {
        row["level"]: row["due"]
        for row in visit_statistics(scope.organization.path, Period(scope.start, scope.on), values)
    }
    figures = [
        Figure("meetings.held", _("Branch meetings held"), totals["held"]),
        Figure("meetings.regular", _("Regular meetings"), totals["regular"]),
        Figure("meetings.thematic", _("Thematic meetings"), totals["thematic"]),
        Figure("meetings.branches", _("Branches that held meetings"), totals["branches"]),
        Figure("meetings.present", _("Attendances"), totals["present"]),
        Figure("meetings.eligible", _("Members listed at the meetings"), totals["eligible"]),
        Figure(
            "meetings.attendance",
            _("Average attendance rate"),
            totals["present"],
            base=totals["eligible"],
        ),
    ]
    for level, label in VisitLevel.choices:
        figures.append(
            Figure(
                f"meetings.visits_{level}",
                label,
                done.get(level, 0),
                base=due.get(level) or None,
                group=_("Visits by committee members (done / due)"),
            )
        )
    return Section("meetings", _("Meetings and attendance"), figures)


def narrative(report: Report, words: str) -> str:
    """The section in the words of a year-end report (reports.narrative)."""
    s = report.section("meetings")
    rate = s.figure("meetings.attendance").percent
    if rate is None:
        return ""
    return gettext("The average attendance at branch meetings reached %(rate)s.") % {
        "rate": percent(rate)
    }
