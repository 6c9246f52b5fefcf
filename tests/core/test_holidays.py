"""Public holidays for any year (Bộ luật Lao động 2019 Đ112): computed by the `holidays`
package, checked against the Government's announced lists, with the editable table on top."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dangvu.core.calendar import (
    add_months,
    add_working_days,
    holidays_between,
    is_working_day,
    months_between,
    statutory_holidays,
    unconfirmed_years,
)
from dangvu.core.models import Holiday, HolidayYear

D = dt.date
HOLIDAYS = reverse("core:holidays")

# The weekdays off of the Government's announced lists (Thông báo of the Ministry of Home
# Affairs / Labour for 2025 and 2026; Tết 2025 27–31/1, Tết 2026 16–20/2).
ANNOUNCED = {
    2025: [
        D(2025, 1, 1),
        *[D(2025, 1, d) for d in (27, 28, 29, 30, 31)],
        D(2025, 4, 7),
        D(2025, 4, 30),
        D(2025, 5, 1),
        D(2025, 5, 2),
        D(2025, 9, 1),
        D(2025, 9, 2),
    ],
    2026: [
        D(2026, 1, 1),
        *[D(2026, 2, d) for d in (16, 17, 18, 19, 20)],
        D(2026, 4, 27),
        D(2026, 4, 30),
        D(2026, 5, 1),
        D(2026, 9, 1),
        D(2026, 9, 2),
    ],
}

# Lunar New Year's day (mùng 1 Tết) and Giỗ Tổ Hùng Vương (10/3 lunar), 2020–2035, in the
# Vietnamese lunar calendar (UTC+7; it differs from the Chinese one in some years), as an
# independent converter (Hồ Ngọc Đức's algorithm, the lunar-vn package) gives them.
LUNAR = {
    2020: (D(2020, 1, 25), D(2020, 4, 2)),
    2021: (D(2021, 2, 12), D(2021, 4, 21)),
    2022: (D(2022, 2, 1), D(2022, 4, 10)),
    2023: (D(2023, 1, 22), D(2023, 4, 29)),
    2024: (D(2024, 2, 10), D(2024, 4, 18)),
    2025: (D(2025, 1, 29), D(2025, 4, 7)),
    2026: (D(2026, 2, 17), D(2026, 4, 26)),
    2027: (D(2027, 2, 6), D(2027, 4, 16)),
    2028: (D(2028, 1, 26), D(2028, 4, 4)),
    2029: (D(2029, 2, 13), D(2029, 4, 23)),
    2030: (D(2030, 2, 2), D(2030, 4, 12)),
    2031: (D(2031, 1, 23), D(2031, 4, 1)),
    2032: (D(2032, 2, 11), D(2032, 4, 19)),
    2033: (D(2033, 1, 31), D(2033, 4, 9)),
    2034: (D(2034, 2, 19), D(2034, 4, 28)),
    2035: (D(2035, 2, 8), D(2035, 4, 17)),
}


@pytest.mark.parametrize("year", sorted(LUNAR))
def test_every_year_2020_2035_has_its_statutory_holidays(year):
    days = statutory_holidays(year)
    tet, hung_kings = LUNAR[year]
    assert tet in days and hung_kings in days
    for fixed in (D(year, 1, 1), D(year, 4, 30), D(year, 5, 1), D(year, 9, 2)):
        assert fixed in days
    # Tết: five days off (Đ112.1.b), the eve and the first days of the lunar year
    assert len([d for d in days if abs((d - tet).days) <= 5]) >= 5
    assert all(name for name in days.values())


@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(ANNOUNCED))
def test_the_computed_list_contains_the_announced_days_off(year):
    off = holidays_between(D(year, 1, 1), D(year, 12, 31))
    assert [d for d in ANNOUNCED[year] if d not in off] == []


@pytest.mark.django_db
def test_tet_2027_is_not_a_working_day():
    # Tết Đinh Mùi: mùng 1 on Saturday 6/2/2027; the eve (5/2) and 8–10/2 are days off.
    for day in (D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 9), D(2027, 2, 10)):
        assert not is_working_day(day)
    assert is_working_day(D(2027, 2, 3)) and is_working_day(D(2027, 2, 11))


@pytest.mark.django_db
def test_a_deadline_crossing_tet_2027_skips_it():
    # Monday 1/2/2027 + 5 working days: 2, 3, (Tết 4–10), 11, 12, 15
    assert add_working_days(D(2027, 2, 1), 5) == D(2027, 2, 15)


@pytest.mark.django_db
def test_a_60_working_day_window_from_december_2026_crosses_tet_2027():
    # 60 working days from 2/12/2026: without Tết it would end on 24/2/2027.
    assert add_working_days(D(2026, 12, 2), 60) == D(2027, 3, 4)


@pytest.mark.django_db
def test_a_make_up_working_day_counts_and_an_extra_day_off_does_not():
    saturday = D(2030, 3, 9)
    assert not is_working_day(saturday)
    Holiday.objects.create(date=saturday, name="Làm bù", working=True)
    assert is_working_day(saturday)
    assert add_working_days(D(2030, 3, 8), 1) == saturday
    tet_day = LUNAR[2030][0] + dt.timedelta(days=2)  # Monday 4/2/2030, a Tết day
    Holiday.objects.create(date=tet_day, name="Đi làm", working=True)
    assert is_working_day(tet_day)


@pytest.mark.django_db
def test_years_without_a_confirmed_list_are_reported():
    assert unconfirmed_years(D(2025, 6, 1), D(2027, 3, 1)) == [2027]
    HolidayYear.objects.create(year=2027)
    assert unconfirmed_years(D(2025, 6, 1), D(2027, 3, 1)) == []


@pytest.mark.django_db
def test_the_holidays_page_shows_the_computed_year_and_confirms_it(world, login):
    client = login(world.users.admin)
    page = client.get(HOLIDAYS, {"year": 2027}).content.decode()
    assert "06/02/2027" in page and "Tết Nguyên Đán" in page
    assert "chưa được xác nhận" in page
    response = client.post(HOLIDAYS, {"confirm": "2027"})
    assert response.status_code == 302
    assert HolidayYear.objects.filter(year=2027, confirmed_by=world.users.admin).exists()
    assert "chưa được xác nhận" not in client.get(HOLIDAYS, {"year": 2027}).content.decode()
    assert client.post(HOLIDAYS, {"confirm": "abc"}).status_code == 302
    assert not HolidayYear.objects.filter(year=0).exists()
    assert login(world.users.officer_a).post(HOLIDAYS, {"confirm": "2028"}).status_code == 403
    assert not HolidayYear.objects.filter(year=2028).exists()


def test_leap_day_birth_one_definition_of_months():
    # Born 29/2/2008: 216 months (18 years) are completed on 28/2/2026 by both functions.
    born = D(2008, 2, 29)
    assert add_months(born, 216) == D(2026, 2, 28)
    assert months_between(born, D(2026, 2, 28)) == 216
    assert months_between(born, D(2026, 2, 27)) == 215
    for day in (D(2026, 2, 27), D(2026, 2, 28), D(2026, 3, 1), D(2028, 2, 29)):
        m = months_between(born, day)
        assert add_months(born, m) <= day < add_months(born, m + 1)


def test_months_between_agrees_with_add_months_on_month_ends():
    start = D(2025, 1, 31)
    assert months_between(start, D(2025, 2, 28)) == 1
    assert months_between(start, D(2025, 2, 27)) == 0
    assert months_between(start, D(2025, 3, 30)) == 1
    assert months_between(start, D(2025, 3, 31)) == 2
