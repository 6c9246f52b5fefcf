"""Work-list checks of member development (nhắc việc), registered with core.worklist.

Each check is one or two SQL queries through the user's scope (`ctx.visible`). Deadlines in
working days cannot be computed in SQL (the holiday table), so each check turns the deadline
into the latest triggering date (a cut-off) once, filters on it in SQL, and computes the due
date of the returned rows from one preloaded holiday set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangvu.core import worklist
from dangvu.members.models import Member

from ..choices import Stage
from ..models import Candidate
from .probation import probation_end, probationers_due, recognition_consider_deadline
from .profile import in_force
from .regulations import ceremony_deadline, decision_deadline
from .working_days import WorkingDays

# Certificates expiring within this many days show up before they lapse (a reminder, not a
# regulation, so not in the rule profile).
CERTIFICATE_WARNING_DAYS = 60


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
    _profile, values = in_force(ctx.on)
    rows = probationers_due(ctx.visible(Member), ctx.on, values).values(
        "pk", "full_name", "status_since", "organization__name", "candidate_pk"
    )
    days = WorkingDays(ctx.on)
    for row in rows:
        end = probation_end(row["status_since"], values)
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
            due_on=recognition_consider_deadline(end, values, add=days.add),
            rule="R2.11",
        )


@worklist.register(
    "admissions.ceremony_overdue",
    gettext_lazy("Admission ceremony past its deadline"),
    rule="R2.9",
)
def ceremony_overdue(ctx: worklist.Context) -> Iterable[worklist.WorkItem]:
    """R2.9: the ceremony within 30 working days of receiving the decision."""
    _profile, values = in_force(ctx.on)
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
            due_on=ceremony_deadline(row["decision__received_on"], values, add=days.add),
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
    _profile, values = in_force(ctx.on)
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
            due_on=decision_deadline(row["vote_on"], values, add=days.add),
            rule="R2.7",
        )
