"""The demo's three years of meetings: realistic, and the denormalized counts agree with the
attendance rows they summarize (the demo writes them with raw INSERTs)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from dangvu.meetings.choices import AttendanceState, MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting, Visit
from dangvu.meetings.queries import Period, statistics
from dangvu.meetings.services import visitor_seat
from dangvu.organizations.choices import BRANCH_KINDS
from dangvu.organizations.models import Organization


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", scale="small", seed=2025, verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def province(demo, db):
    return Organization.objects.get(depth=1)


def test_every_active_branch_meets_and_attendance_is_realistic(province):
    branches = Organization.objects.filter(kind__in=BRANCH_KINDS, dissolved_on__isnull=True)
    met = Meeting.objects.filter(status=MeetingStatus.HELD).values("organization").distinct()
    assert branches.exclude(pk__in=met).count() == 0
    # The last complete year before today (the demo also plans meetings ahead of today).
    last_year = timezone.localdate().year - 1
    stats = statistics(province, Period.year(last_year), with_children=False)
    assert 88 <= stats.rate <= 96
    assert 0.9 <= stats.regular_months / stats.due_regular < 1
    assert 0.75 <= stats.thematic_periods / stats.due_thematic < 1
    assert stats.absent > 0 and stats.branches_full > 0
    assert stats.held["committee"] > 0 and stats.topics
    assert Meeting.objects.filter(status=MeetingStatus.PLANNED, notice_sent_at__isnull=False)


def test_the_counts_on_each_meeting_match_its_attendance_rows(province):
    counted = Meeting.objects.annotate(
        p=Count("attendances", filter=Q(attendances__state=AttendanceState.PRESENT)),
        x=Count("attendances", filter=Q(attendances__state=AttendanceState.EXCUSED)),
        a=Count("attendances", filter=Q(attendances__state=AttendanceState.ABSENT)),
    ).filter(status=MeetingStatus.HELD)
    wrong = counted.exclude(present_count=F("p"), excused_count=F("x"), absent_count=F("a"))
    assert not wrong.exists()
    complete = counted.exclude(eligible_count=F("p") + F("x") + F("a"))
    assert not complete.exists()
    assert Attendance.objects.filter(meeting__kind=MeetingKind.COMMITTEE).exists()


def test_every_visit_is_by_a_higher_level_committee_member(province):
    visits = Visit.objects.select_related("meeting", "member")
    assert visits.count() > 100
    for visit in visits.order_by("?")[:200]:
        seat = visitor_seat(visit.meeting, visit.member)
        assert seat is not None and visit.org_path.startswith(seat.organization.path)
