"""Probation and recognition (R2.10, R2.11): when probation ends, by when the branch
considers recognition, and which probationary members are due."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, QuerySet, Subquery

from dangvu.core.calendar import add_months, add_working_days
from dangvu.members.choices import Status

from ..models import Candidate
from .base import AddDays, Values


def probation_end(ceremony_on: dt.date, values: Values) -> dt.date:
    """R2.10 Điều lệ Đ5.1: probation lasts 12 months from the admission ceremony."""
    return add_months(ceremony_on, values["probation.months"])


def probation_started_by(on: dt.date, values: Values) -> dt.date:
    """R2.10 Điều lệ Đ5.1: the latest ceremony (a probationary member's status date) whose
    probation has ended by `on`."""
    return add_months(on, -values["probation.months"])


def probationers_due(
    members: QuerySet, on: dt.date, values: Values, ahead_days: int = 0
) -> QuerySet:
    """R2.10/R2.11a: the probationary members among `members` whose probation ends by `on` +
    `ahead_days`, soonest first, each with `candidate_pk`, their latest admission record (one
    subquery)."""
    cutoff = probation_started_by(on + dt.timedelta(days=ahead_days), values)
    latest = Candidate.objects.filter(member=OuterRef("pk")).order_by("-ceremony_on", "-pk")
    return (
        members.filter(status=Status.PROBATIONARY, status_since__lte=cutoff)
        .order_by("status_since", "id")
        .annotate(candidate_pk=Subquery(latest.values("pk")[:1]))
    )


def recognition_consider_deadline(
    end: dt.date, values: Values, add: AddDays = add_working_days
) -> dt.date:
    """R2.11a QĐ 24-QĐ/TW §4.2.1: the branch considers recognition within 30 working days after
    the probation ends."""
    return add(end, values["recognition.consider_working_days"])


def recognized_from(end: dt.date) -> dt.date:
    """R2.11b QĐ 24-QĐ/TW §4.2.1: a recognized member is official from the end of probation,
    whatever the date of the meeting or the decision."""
    return end


def recognition_escalates(failed_votes: int, values: Values) -> bool:
    """R2.11c QĐ 24-QĐ/TW §4.2.1: after 3 votes that fail to reach 2/3, the superior committee
    decides."""
    return failed_votes >= values["recognition.max_failed_votes"]
