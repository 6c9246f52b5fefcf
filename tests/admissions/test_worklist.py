"""The work-list checks of member development (core.worklist registry)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvu.admissions.choices import Stage
from dangvu.admissions.rules import WorkingDays
from dangvu.core import worklist
from dangvu.core.calendar import add_working_days
from tests.admissions.conftest import walk

pytestmark = pytest.mark.django_db
D = dt.date


def items(user, on, check):
    return worklist.work_list(user, on=on, only=[check])


def test_the_checks_are_registered():
    ids = {c.id for c in worklist.checks()}
    assert {
        "admissions.recognition_due",
        "admissions.ceremony_overdue",
        "admissions.certificate_expiring",
        "admissions.decision_overdue",
    } <= ids


def test_r2_11_probation_ended_without_recognition_is_due_within_30_working_days(world):
    # Lê Văn Bình: ceremony 2/9/2025 → probation ends 2/9/2026 (R2.10)
    check = "admissions.recognition_due"
    assert items(world.users.officer_a, D(2026, 9, 1), check) == []
    [item] = items(world.users.officer_a, D(2026, 9, 2), check)
    assert item.subject == "Lê Văn Bình" and item.rule == "R2.11"
    assert item.due_on == add_working_days(D(2026, 9, 2), 30)
    assert item.url == reverse("members:detail", args=[world.probationer.pk])
    assert items(world.users.officer_b, D(2026, 9, 10), check) == []
    assert items(world.users.secretary_a1, D(2026, 9, 10), check) == []  # branch_a2's member


def test_r2_11_the_item_links_to_the_recognition_form_when_the_file_exists(world):
    candidate = walk(world, Stage.ADMITTED)  # ceremony 3/6/2024
    [item] = [
        i
        for i in items(world.users.secretary_a1, D(2025, 6, 3), "admissions.recognition_due")
        if i.subject == candidate.full_name
    ]
    assert item.url == reverse("admissions:recognize", args=[candidate.pk])
    assert item.is_overdue(D(2025, 8, 1))


def test_r2_9_ceremony_past_its_deadline(world):
    candidate = walk(world, Stage.DECIDED)  # decision received 20/5/2024
    deadline = add_working_days(D(2024, 5, 20), 30)
    check = "admissions.ceremony_overdue"
    assert items(world.users.officer_a, deadline, check) == []
    [item] = items(world.users.officer_a, deadline + dt.timedelta(days=1), check)
    assert item.due_on == deadline and item.subject == candidate.full_name
    assert item.url == reverse("admissions:ceremony", args=[candidate.pk])
    assert items(world.users.officer_b, deadline + dt.timedelta(days=1), check) == []


def test_r2_6_certificate_expiring_before_admission(world):
    walk(world, Stage.TRAINED)  # valid until 1/3/2029
    check = "admissions.certificate_expiring"
    assert items(world.users.officer_a, D(2028, 12, 1), check) == []
    [soon] = items(world.users.officer_a, D(2029, 1, 15), check)
    assert soon.due_on == D(2029, 3, 1) and not soon.is_overdue(D(2029, 1, 15))
    [expired] = items(world.users.officer_a, D(2029, 3, 2), check)
    assert expired.is_overdue(D(2029, 3, 2)) and expired.title != soon.title
    assert items(world.users.officer_b, D(2029, 3, 2), check) == []


def test_r2_7_decision_past_60_working_days(world):
    candidate = walk(world, Stage.VOTED)  # vote 6/5/2024
    deadline = add_working_days(D(2024, 5, 6), 60)
    check = "admissions.decision_overdue"
    assert items(world.users.officer_a, deadline, check) == []
    [item] = items(world.users.officer_a, deadline + dt.timedelta(days=1), check)
    assert item.due_on == deadline and item.subject == candidate.full_name
    assert items(world.users.officer_b, deadline + dt.timedelta(days=1), check) == []


@settings(max_examples=60, deadline=None)
@given(
    on=st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31)),
    days=st.integers(min_value=1, max_value=70),
)
def test_the_cutoff_date_matches_add_working_days(on, days):
    calendar = WorkingDays(on)
    cutoff = calendar.latest_start_due_before(on, days)
    assert add_working_days(cutoff, days) < on
    assert add_working_days(cutoff + dt.timedelta(days=1), days) >= on
    assert calendar.add(cutoff, days) == add_working_days(cutoff, days)
