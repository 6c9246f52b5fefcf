"""Working days (rules.md header and §12): counting starts the day after the event."""

import datetime as dt

import pytest

from dangvu.core.calendar import add_months, add_working_days, months_between
from dangvu.core.models import Holiday

D = dt.date


@pytest.mark.django_db
def test_r2_7_admission_decision_deadline_60_working_days():
    # rules.md §12 case 5: resolution 2025-10-06 → decide by 2025-12-29
    assert add_working_days(D(2025, 10, 6), 60) == D(2025, 12, 29)


@pytest.mark.django_db
def test_r2_9_ceremony_deadline_30_working_days():
    # rules.md §12 case 6
    assert add_working_days(D(2025, 10, 6), 30) == D(2025, 11, 17)


@pytest.mark.django_db
def test_r2_11_recognition_consideration_30_working_days_after_probation():
    # rules.md §12 case 7: probation ends 2025-05-19 → consider by 2025-06-30
    assert add_working_days(D(2025, 5, 19), 30) == D(2025, 6, 30)


@pytest.mark.django_db
def test_working_days_skip_weekends_and_tet():
    # Friday 24/1/2025 + 1 working day: Tết 27–31/1 and the weekend are skipped → 3/2/2025
    assert add_working_days(D(2025, 1, 24), 1) == D(2025, 2, 3)


@pytest.mark.django_db
def test_an_added_holiday_moves_deadlines():
    assert add_working_days(D(2027, 3, 1), 1) == D(2027, 3, 2)
    Holiday.objects.create(date=D(2027, 3, 2), name="Ngày nghỉ thử")
    assert add_working_days(D(2027, 3, 1), 1) == D(2027, 3, 3)


def test_add_months_clamps_to_month_end():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2024, 5, 19), 12) == D(2025, 5, 19)
    assert add_months(D(2024, 3, 15), -3) == D(2023, 12, 15)


def test_r2_1_age_in_completed_months():
    # rules.md §12 cases 1–2
    assert months_between(D(2006, 6, 15), D(2024, 5, 30)) == 215
    assert months_between(D(2006, 6, 15), D(2024, 7, 1)) == 216
    assert months_between(D(1964, 3, 10), D(2024, 3, 20)) == 720
    assert months_between(D(1964, 3, 10), D(2024, 4, 15)) == 721
