"""The demo's membership history (members/demo/) is coherent with the members' state."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from dangvu.accounts.models import User
from dangvu.core import worklist
from dangvu.members.choices import EventKind, PlacementKind, Status, TransferStatus
from dangvu.members.models import (
    Discipline,
    Member,
    MemberEvent,
    Placement,
    ResidenceComment,
    ResidenceContact,
    Transfer,
)
from dangvu.members.seniority import seniority


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", scale="small", seed=7, stdout=StringIO())
        yield
        transaction.set_rollback(True)


pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def db_ok(demo, db):
    return None


def test_every_departure_has_its_event_on_the_status_date(db_ok):
    for status, kind in (
        (Status.DECEASED, EventKind.DECEASED),
        (Status.TRANSFERRED_OUT, EventKind.TRANSFERRED_OUT),
        (Status.STRUCK_OFF, EventKind.STRUCK_OFF),
        (Status.LEFT, EventKind.LEFT),
        (Status.EXPELLED, EventKind.EXPELLED),
    ):
        members = Member.objects.filter(status=status)
        assert members.exists(), status
        missing = members.exclude(events__kind=kind, events__occurred_on=F("status_since"))
        assert not missing.exists(), status


def test_working_away_and_exemptions_have_their_events(db_ok):
    away = Member.objects.filter(away_since__isnull=False)
    assert away.exists()
    assert not away.exclude(
        events__kind=EventKind.AWAY_STARTED, events__occurred_on=F("away_since")
    ).exists()
    exempt = Member.objects.filter(exempt_since__isnull=False)
    assert not exempt.exclude(
        events__kind=EventKind.EXEMPTED, events__occurred_on=F("exempt_since")
    ).exists()


def test_events_and_placements_respect_the_timeline(db_ok):
    assert not MemberEvent.objects.filter(occurred_on__lt=F("member__admitted_on")).exists()
    assert not MemberEvent.objects.filter(occurred_on__gt=timezone.localdate()).exists()
    assert not MemberEvent.objects.exclude(org_path=F("organization__path")).exists()
    # A member's official placements never overlap.
    rows = Placement.objects.filter(kind=PlacementKind.OFFICIAL).order_by("member", "valid_from")
    previous = None
    for placement in rows.values("member_id", "valid_from", "valid_to"):
        if previous and previous["member_id"] == placement["member_id"]:
            assert previous["valid_to"] and previous["valid_to"] <= placement["valid_from"]
        previous = placement


def test_confirmed_transfers_match_the_placements(db_ok):
    confirmed = Transfer.objects.filter(
        status=TransferStatus.CONFIRMED, kind="official", from_organization__isnull=False
    )
    assert confirmed.count() > 50
    for transfer in confirmed[:200]:
        assert Placement.objects.filter(
            member=transfer.member,
            organization=transfer.from_organization,
            valid_to=transfer.received_on,
        ).exists()
        assert Placement.objects.filter(
            member=transfer.member,
            organization=transfer.received_in,
            valid_from=transfer.received_on,
        ).exists()


def test_some_transfers_are_overdue_and_none_is_blocked_by_discipline(db_ok):
    awaiting = Transfer.objects.awaiting_arrival()
    today = timezone.localdate()
    assert awaiting.filter(issued_on__lt=today - dt.timedelta(days=30)).exists()
    for transfer in awaiting:
        blocked = Discipline.objects.filter(member=transfer.member)
        assert not blocked.open_cases().exists()
        assert not blocked.in_force(transfer.issued_on).exists()
    tinh = User.objects.get(username="tinh")
    late = worklist.work_list(
        tinh, only=["members.transfer_not_confirmed", "members.transfer_incoming"]
    )
    assert [item for item in late if item.is_overdue(today)]


def test_residence_contacts_have_comments_and_some_are_missing(db_ok):
    assert ResidenceContact.objects.count() > 100
    assert ResidenceComment.objects.count() > 100
    tinh = User.objects.get(username="tinh")
    assert worklist.work_list(tinh, only=["members.residence_comment_missing"])


def test_disciplines_and_a_restored_member(db_ok):
    assert Discipline.objects.in_force(timezone.localdate()).exists()
    assert Discipline.objects.open_cases().exists()
    restored = Member.objects.filter(events__kind=EventKind.RESTORED)
    for member in restored:
        assert member.status == Status.OFFICIAL
        expelled_on = member.events.get(kind=EventKind.EXPELLED).occurred_on
        # Wrongly expelled and cleared: the expulsion is no gap (R2.13).
        assert all(gap.start != expelled_on for gap in seniority(member).gaps)


def test_seniority_is_computed_for_every_kind_of_history(db_ok):
    for member in Member.objects.filter(events__isnull=False).distinct()[:300]:
        age = seniority(member)
        assert age is None or age.total_months >= 0
