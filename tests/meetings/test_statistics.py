"""Statistics against a small, hand-counted year of meetings (page, xlsx and API)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils.translation import gettext

from dangvu.meetings.choices import MeetingKind, MeetingStatus
from dangvu.meetings.models import Visit
from dangvu.meetings.queries import Period, branch_year_scores, statistics
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests import xlsx_read

from .factories import make_meeting

pytestmark = pytest.mark.django_db
R, T, C, K = MeetingKind.REGULAR, MeetingKind.THEMATIC, MeetingKind.COMBINED, MeetingKind.COMMITTEE


def counted(branch, day, kind=R, present=0, excused=0, absent=0, eligible=0, **extra):
    return make_meeting(
        branch,
        day,
        kind=kind,
        present_count=present,
        excused_count=excused,
        absent_count=absent,
        eligible_count=eligible,
        **extra,
    )


@pytest.fixture
def year(world):
    """2025 in commune A (3 branches) and B (1 branch), counted by hand in the tests."""
    a1, a2, b1 = world.branch_a1, world.branch_a2, world.branch_b1
    jan = counted(a1, dt.date(2025, 1, 8), present=2, eligible=2, quality_score=95,
                  quality_rating="good")  # fmt: skip
    counted(a1, dt.date(2025, 2, 8), present=1, excused=1, eligible=2, quality_score=80,
            quality_rating="fair")  # fmt: skip
    counted(a1, dt.date(2025, 3, 8), kind=C, present=2, eligible=2)
    counted(a1, dt.date(2025, 3, 5), kind=K, present=1, eligible=1)  # committee: not attendance
    counted(a1, dt.date(2025, 4, 8), status=MeetingStatus.CANCELLED)
    counted(a1, dt.date(2025, 5, 20), kind=T, present=1, absent=1, eligible=2)
    counted(a1, dt.date(2025, 12, 8), status=MeetingStatus.PLANNED, eligible=2)
    a2_jan = counted(a2, dt.date(2025, 1, 9), present=1, eligible=1)
    b1_jan = counted(b1, dt.date(2025, 1, 9), present=5, eligible=10)
    counted(a1, dt.date(2024, 12, 8), present=2, eligible=2)  # the year before
    seat = {"role": SeatRole.MEMBER, "valid_from": dt.date(2025, 1, 1)}
    CommitteeSeat.objects.create(organization=world.commune_a, member=world.teacher, **seat)
    CommitteeSeat.objects.create(organization=world.base_a, member=world.probationer, **seat)
    CommitteeSeat.objects.create(organization=world.commune_b, member=world.other_duc, **seat)

    def visit(meeting, member, committee, level):
        Visit.objects.create(
            meeting=meeting, member=member, committee=committee, committee_path=committee.path,
            level=level, org_path=meeting.org_path, date=meeting.date,
        )  # fmt: skip

    visit(jan, world.teacher, world.commune_a, "direct")
    visit(jan, world.probationer, world.base_a, "grassroots")
    visit(a2_jan, world.probationer, world.base_a, "grassroots")
    visit(b1_jan, world.other_duc, world.commune_b, "direct")
    return world


def test_a_communes_year_counted_by_hand(year):
    stats = statistics(year.commune_a, Period.year(2025))
    assert stats.branches == 3
    assert (stats.regular_months, stats.due_regular) == (4, 36)
    assert (stats.thematic_periods, stats.due_thematic) == (2, 12)
    assert stats.held == {"regular": 3, "thematic": 1, "combined": 1, "committee": 1}
    assert (stats.present, stats.eligible, stats.excused, stats.absent) == (7, 9, 1, 1)
    assert round(stats.rate, 2) == 77.78
    assert (stats.branches_full, stats.branches_met) == (1, 2)  # thôn Tây: 1/1
    assert stats.ratings == {"good": 1, "fair": 1, "average": 0, "weak": 0}
    assert stats.average_score == 87.5
    assert stats.topics == [{"topic": "Học tập Nghị quyết", "n": 2}]
    visits = {row["level"]: (row["members"], row["due"], row["done"]) for row in stats.visits}
    assert visits == {"province": (0, 0, 0), "direct": (1, 4, 1), "grassroots": (1, 12, 2)}
    children = {row["organization"].name: row for row in stats.children}
    base = children[year.base_a.name]
    assert (base["branches"], base["regular"], base["thematic"]) == (2, 4, 2)
    assert (base["present"], base["eligible"]) == (7, 9)
    assert children[year.school_a.name]["rate"] is None


def test_the_province_adds_commune_b(year):
    stats = statistics(year.province, Period.year(2025))
    assert stats.branches == 4
    assert (stats.present, stats.eligible) == (12, 19)
    assert stats.held["regular"] == 4


def test_a_custom_period(year):
    stats = statistics(year.commune_a, Period(dt.date(2025, 1, 1), dt.date(2025, 2, 28)))
    assert (stats.regular_months, stats.due_regular, stats.due_thematic) == (3, 6, 3)
    assert (stats.present, stats.eligible) == (4, 5)


def test_year_scores_per_branch_for_the_annual_evaluation(year):
    rows = list(branch_year_scores(year.commune_a.path, Period.year(2025)))
    assert [(r["organization__name"], r["meetings"], r["avg_score"], r["good"]) for r in rows] == [
        (year.branch_a1.name, 2, 87.5, 1)
    ]


def test_the_statistics_page_and_its_spreadsheet(year, login):
    client = login(year.users.officer_a)
    page = client.get("/meetings/statistics/?year=2025")
    assert page.status_code == 200
    text = page.content.decode()
    assert "77,8%" in text and "4/36" in text
    assert "Bình Minh" not in text  # the sibling commune
    response = client.get("/meetings/statistics.xlsx?year=2025")
    workbook = xlsx_read.workbook(response)
    first = workbook.worksheets[0]
    summary = dict(xlsx_read.table(first)[1:])
    title = f"{gettext('Meeting statistics')} – {gettext('Summary')}"
    assert xlsx_read.title_lines(first)[:3] == [
        year.commune_a.name,
        title,
        gettext("From %(start)s to %(end)s") % {"start": "01/01/2025", "end": "31/12/2025"},
    ]
    assert all(xlsx_read.header_row(ws) == 6 for ws in workbook.worksheets)
    assert 77.78 in summary.values()
    assert year.commune_a.name in summary.values()


def test_drilling_into_another_subtree_is_a_404(year, login):
    client = login(year.users.officer_a)
    assert client.get(f"/meetings/statistics/?organization={year.commune_b.pk}").status_code == 404
    assert client.get(f"/meetings/statistics/?organization={year.base_a.pk}").status_code == 200
    member = login(year.users.member_a1)
    assert member.get("/meetings/statistics/").status_code == 403


def test_the_statistics_api(year, login):
    client = login(year.users.officer_a)
    body = client.get("/api/meetings/statistics/?year=2025").json()
    assert body["organization"] == year.commune_a.pk
    assert (body["regular_months"], body["regular_due"], body["attendance_rate"]) == (4, 36, 77.78)
    assert body["held"] == {"regular": 3, "thematic": 1, "combined": 1, "committee": 1}
    assert body["branches_at_100"] == 1
    refused = client.get(f"/api/meetings/statistics/?organization={year.commune_b.pk}")
    assert refused.status_code == 400 and "organization" in refused.json()
    period = client.get("/api/meetings/statistics/?date_from=2025-01-01&date_to=2025-02-28").json()
    assert (period["regular_due"], period["present"]) == (6, 4)
