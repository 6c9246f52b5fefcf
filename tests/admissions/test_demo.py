"""The demo's member development: histories of recent members, open files, targets."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.admissions.choices import Stage
from dangvu.admissions.models import AdmissionTarget, Candidate, CandidateStep
from dangvu.admissions.queries import admission_statistics
from dangvu.core import worklist
from dangvu.members.choices import EventKind, Status
from dangvu.members.models import Member, MemberEvent, Placement
from dangvu.organizations.choices import GRASSROOTS_KINDS
from dangvu.organizations.models import Organization


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", scale="small", seed=2025, stdout=StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("demo")


@pytest.mark.django_db
def test_every_probationary_member_has_the_file_that_admitted_them():
    probationers = Member.objects.filter(status=Status.PROBATIONARY)
    assert probationers.exists()
    assert not probationers.filter(admission_records__isnull=True).exists()
    for candidate in Candidate.objects.filter(stage=Stage.ADMITTED).select_related("member")[:200]:
        member = candidate.member
        assert member.admitted_on == candidate.decided_on == candidate.decision.signed_on
        assert member.status_since == candidate.ceremony_on >= candidate.decided_on
        assert Placement.objects.get(member=member, valid_to__isnull=True).valid_from == (
            candidate.ceremony_on
        )
        event = MemberEvent.objects.get(member=member, kind=EventKind.ADMITTED)
        assert event.occurred_on == candidate.ceremony_on
        assert event.decision_date == candidate.decided_on


@pytest.mark.django_db
def test_recent_official_members_have_admission_and_recognition_events():
    recognized = Candidate.objects.filter(stage=Stage.RECOGNIZED).select_related("member")
    assert recognized.exists()
    for candidate in recognized[:200]:
        kinds = set(candidate.member.events.values_list("kind", flat=True))
        assert {EventKind.ADMITTED, EventKind.RECOGNIZED} <= kinds
        assert candidate.recognition.effective_on == candidate.member.recognized_on


@pytest.mark.django_db
def test_open_files_in_every_stage_with_dates_in_order():
    stages = set(Candidate.objects.values_list("stage", flat=True))
    assert {
        Stage.INTRODUCED,
        Stage.TRAINED,
        Stage.INTRODUCERS,
        Stage.VOTED,
        Stage.DECIDED,
        Stage.WITHDRAWN,
        Stage.ADMITTED,
        Stage.RECOGNIZED,
    } <= stages
    today = timezone.localdate()
    assert not CandidateStep.objects.filter(occurred_on__gt=today).exists()
    previous = {}
    for step in CandidateStep.objects.order_by("candidate", "id"):
        assert step.occurred_on >= previous.get(step.candidate_id, step.occurred_on)
        previous[step.candidate_id] = step.occurred_on
    counts = Candidate.objects.values("pk").annotate(n=Count("steps")).filter(n=0)
    assert not counts.exists()


@pytest.mark.django_db
def test_targets_for_every_grassroots_organization_this_year_and_last():
    year = timezone.localdate().year
    grassroots = Organization.objects.filter(kind__in=GRASSROOTS_KINDS, dissolved_on__isnull=True)
    for y in (year - 1, year):
        assert AdmissionTarget.objects.filter(year=y).count() == grassroots.count()


@pytest.mark.django_db
def test_the_work_list_and_statistics_have_something_true_to_show():
    user = User.objects.get(username="tinh")
    checks = [c.id for c in worklist.checks() if c.id.startswith("admissions.")]
    found = {item.check for item in worklist.work_list(user, only=checks)}
    assert {
        "admissions.ceremony_overdue",
        "admissions.decision_overdue",
        "admissions.certificate_expiring",
    } <= found
    # The demo's files cover the twelve months before today: take the year holding most of
    # them (early in January this year has, truly, no admission yet).
    year = (timezone.localdate() - dt.timedelta(days=182)).year
    stats = admission_statistics(user.organization, year, user)
    assert stats.total.admitted > 0 and stats.total.target
    assert 0.5 < stats.total.rate < 10
