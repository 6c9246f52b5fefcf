"""Work-list checks of member development (nhắc việc), registered with core.worklist.

Each check is one or two SQL queries through the user's scope (`ctx.visible`). Deadlines in
working days cannot be computed in SQL (the holiday table), so each check turns the deadline
into the latest triggering date (a cut-off) once, filters on it in SQL, and computes the due
date of the returned rows from one preloaded holiday set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.core.calendar import add_months, holidays_between, is_working_day
from dangvu.core.profiles import values_on
from dangvu.members.choices import Status
from dangvu.members.models import Member

from .choices import Stage
from .models import Candidate

# Certificates expiring within this many days show up before they lapse (a reminder, not a
# regulation, so not in the rule profile).
CERTIFICATE_WARNING_DAYS = 60


class WorkingDays:
    """core.calendar's working days over one preloaded holiday set (a work list for a whole
    province asks for thousands of deadlines: one holiday query, not one per row)."""

    def __init__(self, on: dt.date, years_back: int = 3, years_ahead: int = 2) -> None:
        self.start = dt.date(on.year - years_back, 1, 1)
        self.end = dt.date(on.year + years_ahead, 12, 31)
        self.holidays = holidays_between(self.start, self.end)
        self._cache: dict[tuple[dt.date, int], dt.date] = {}

    def _working(self, day: dt.date) -> bool:
        return is_working_day(day, self.holidays)

    def add(self, start: dt.date, days: int) -> dt.date:
        """`days` working days after `start` (start not counted), as add_working_days."""
        key = (start, days)
        if key not in self._cache:
            current, counted = start, 0
            while counted < days:
                current += dt.timedelta(days=1)
                if self._working(current):
                    counted += 1
            self._cache[key] = current
        return self._cache[key]

    def latest_start_due_before(self, on: dt.date, days: int) -> dt.date:
        """The latest start whose deadline `add(start, days)` falls before `on`: the n-th
        working day counting back from the day before `on`, minus one day."""
        current, counted = on - dt.timedelta(days=1), 0
        while True:
            if self._working(current):
                counted += 1
                if counted == days:
                    return current - dt.timedelta(days=1)
            current -= dt.timedelta(days=1)


def _candidate_url(pk: int, action: str = "detail") -> str:
    return reverse(f"admissions:{action}", args=[pk])


@worklist.register(
    "admissions.recognition_due",
    gettext_lazy("Probation ended without a recognition decision"),
    rule="R2.11",
)
def recognition_due(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R2.10/R2.11a: probation ends 12 months after the ceremony (a probationary member's status
    date); the branch must consider recognition within 30 working days."""
    _profile, values = values_on(ctx.on)
    cutoff = add_months(ctx.on, -values["probation.months"])
    latest = Candidate.objects.filter(member=OuterRef("pk")).order_by("-ceremony_on", "-pk")
    rows = (
        ctx.visible(Member)
        .filter(status=Status.PROBATIONARY, status_since__lte=cutoff)
        .annotate(candidate_pk=Subquery(latest.values("pk")[:1]))
        .values("pk", "full_name", "status_since", "organization__name", "candidate_pk")
        .order_by("status_since", "pk")
    )
    days = WorkingDays(ctx.on)
    for row in rows:
        end = add_months(row["status_since"], values["probation.months"])
        if row["candidate_pk"]:
            url = _candidate_url(row["candidate_pk"], "recognize")
        else:
            url = reverse("members:detail", args=[row["pk"]])
        yield worklist.WorkItem(
            check="admissions.recognition_due",
            title=_(
                "Consider recognizing %(name)s as an official member (probation ended %(date)s)"
            )
            % {"name": row["full_name"], "date": end.strftime("%d/%m/%Y")},
            url=url,
            organization=row["organization__name"],
            subject=row["full_name"],
            due_on=days.add(end, values["recognition.consider_working_days"]),
            rule="R2.11",
        )


@worklist.register(
    "admissions.ceremony_overdue",
    gettext_lazy("Admission ceremony past its deadline"),
    rule="R2.9",
)
def ceremony_overdue(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R2.9: the ceremony within 30 working days of receiving the decision."""
    _profile, values = values_on(ctx.on)
    limit = values["admission.ceremony_deadline_working_days"]
    days = WorkingDays(ctx.on)
    cutoff = days.latest_start_due_before(ctx.on, limit)
    rows = (
        ctx.visible(Candidate)
        .filter(stage=Stage.DECIDED, decision__received_on__lte=cutoff)
        .values("pk", "full_name", "organization__name", "decision__received_on")
        .order_by("decision__received_on", "pk")
    )
    for row in rows:
        yield worklist.WorkItem(
            check="admissions.ceremony_overdue",
            title=_("Hold the admission ceremony of %(name)s") % {"name": row["full_name"]},
            url=_candidate_url(row["pk"], "ceremony"),
            organization=row["organization__name"],
            subject=row["full_name"],
            due_on=days.add(row["decision__received_on"], limit),
            rule="R2.9",
        )


@worklist.register(
    "admissions.certificate_expiring",
    gettext_lazy("Course certificate expiring before admission"),
    rule="R2.6",
)
def certificate_expiring(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R2.6: the certificate must be valid when the branch votes; warn before it lapses."""
    horizon = ctx.on + dt.timedelta(days=CERTIFICATE_WARNING_DAYS)
    rows = (
        ctx.visible(Candidate)
        .filter(
            stage__in=(Stage.TRAINED, Stage.INTRODUCERS),
            certificate_valid_until__lte=horizon,
        )
        .values("pk", "full_name", "organization__name", "certificate_valid_until")
        .order_by("certificate_valid_until", "pk")
    )
    for row in rows:
        expired = row["certificate_valid_until"] < ctx.on
        title = (
            _("The course certificate of %(name)s has expired")
            if expired
            else _("The course certificate of %(name)s expires soon")
        )
        yield worklist.WorkItem(
            check="admissions.certificate_expiring",
            title=title % {"name": row["full_name"]},
            url=_candidate_url(row["pk"]),
            organization=row["organization__name"],
            subject=row["full_name"],
            due_on=row["certificate_valid_until"],
            rule="R2.6",
        )


@worklist.register(
    "admissions.decision_overdue",
    gettext_lazy("Admission decisions past their deadline"),
    rule="R2.7",
)
def decision_overdue(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R2.7: the authorized committee decides within 60 working days of the branch's vote."""
    _profile, values = values_on(ctx.on)
    limit = values["admission.decision_deadline_working_days"]
    days = WorkingDays(ctx.on)
    cutoff = days.latest_start_due_before(ctx.on, limit)
    rows = (
        ctx.visible(Candidate)
        .filter(stage=Stage.VOTED, vote_on__lte=cutoff)
        .values("pk", "full_name", "organization__name", "vote_on")
        .order_by("vote_on", "pk")
    )
    for row in rows:
        yield worklist.WorkItem(
            check="admissions.decision_overdue",
            title=_("Decide the admission of %(name)s") % {"name": row["full_name"]},
            url=_candidate_url(row["pk"], "decide"),
            organization=row["organization__name"],
            subject=row["full_name"],
            due_on=days.add(row["vote_on"], limit),
            rule="R2.7",
        )
