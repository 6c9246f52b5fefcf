"""Meetings on a phone (issue 14): "all present" then the exceptions, R3.1's warning before a
second regular meeting in a month, an apology offered only when it can succeed, the minutes'
chair and minute taker from the seats, and a paginated meeting list. Services and pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework.test import APIClient

from dangvu.core.calendar import add_months
from dangvu.meetings import queries, services
from dangvu.meetings.choices import AttendanceState, MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests.factories import MemberFactory

from .factories import VN, at, make_meeting

pytestmark = pytest.mark.django_db
P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT


def marks(meeting: Meeting) -> dict[int, str]:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "state"))


def next_month_day(day: int) -> dt.date:
    """A day of next month (never today's month: no assumption about where today falls)."""
    return add_months(timezone.localdate().replace(day=1), 1).replace(day=day)


# ---- 1. all present, then the exceptions -------------------------------------------------------


def test_all_present_marks_only_the_unmarked_in_one_call(world):
    others = [MemberFactory(organization=world.branch_a1) for _ in range(3)]
    meeting = make_meeting(world.branch_a1, timezone.localdate(), status=MeetingStatus.PLANNED)
    Attendance.objects.create(meeting=meeting, member=world.hoa, state=E, reason="Ốm", apology=True)
    user = world.users.secretary_a1
    services.set_attendance(user=user, meeting=meeting, member_id=world.duc.pk, state=A)

    meeting = services.mark_all_present(user=user, meeting=meeting)
    assert meeting.newly_present == 3
    assert marks(meeting) == {world.hoa.pk: E, world.duc.pk: A, **{m.pk: P for m in others}}
    assert Attendance.objects.get(meeting=meeting, member=world.hoa).reason == "Ốm"
    counts = (meeting.present_count, meeting.excused_count, meeting.absent_count)
    assert counts == (3, 1, 1) and meeting.eligible_count == 5
    assert meeting.status == MeetingStatus.HELD  # its date has come: the roll call is taken

    # Then the exceptions: one tap turns a present member absent.
    meeting = services.set_attendance(user=user, meeting=meeting, member_id=others[0].pk, state=A)
    assert (meeting.present_count, meeting.absent_count) == (2, 2)
    # Again: nothing left to mark, nothing changes.
    version = meeting.version
    meeting = services.mark_all_present(user=user, meeting=meeting)
    assert meeting.newly_present == 0 and meeting.present_count == 2
    assert meeting.version == version + 1


def test_all_present_is_refused_whole_outside_the_scope_and_for_a_cancelled_meeting(world):
    meeting = make_meeting(world.branch_a1, timezone.localdate(), status=MeetingStatus.PLANNED)
    with pytest.raises(PermissionDenied):
        services.mark_all_present(user=world.users.officer_b, meeting=meeting)
    with pytest.raises(PermissionDenied):
        services.mark_all_present(user=world.users.member_a1, meeting=meeting)
    cancelled = make_meeting(
        world.branch_a1, timezone.localdate(), status=MeetingStatus.CANCELLED, hour=14
    )
    with pytest.raises(ValidationError):
        services.mark_all_present(user=world.users.secretary_a1, meeting=cancelled)
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.status) == (0, MeetingStatus.PLANNED)


def test_all_present_without_js_posts_and_returns_to_the_roll_call(world, login):
    meeting = make_meeting(world.branch_a1, timezone.localdate(), status=MeetingStatus.PLANNED)
    client = login(world.users.secretary_a1)
    page = client.get(f"/meetings/{meeting.pk}/roll-call/").content.decode()
    url = f"/meetings/{meeting.pk}/roll-call/all-present/"
    assert f'action="{url}"' in page and f'hx-post="{url}"' in page
    response = client.post(url)
    assert (
        response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/roll-call/"
    )
    assert [str(m) for m in get_messages(response.wsgi_request)]  # says how many were marked
    assert marks(meeting) == {world.duc.pk: P, world.hoa.pk: P}
    assert client.get(url).status_code == 405  # a button, not a page
    # The roll call page shows the marks; a plain member may not press it.
    page = client.get(f"/meetings/{meeting.pk}/roll-call/").content.decode()
    assert f'id="s{world.duc.pk}-present" value="present" autocomplete="off" checked' in page
    assert login(world.users.member_a1).post(url).status_code == 403


def test_all_present_with_htmx_answers_the_list_the_counts_and_the_version(world, login):
    meeting = make_meeting(world.branch_a1, timezone.localdate(), status=MeetingStatus.PLANNED)
    Attendance.objects.create(meeting=meeting, member=world.hoa, state=E, apology=True)
    client = login(world.users.secretary_a1)
    response = client.post(f"/meetings/{meeting.pk}/roll-call/all-present/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    meeting.refresh_from_db()
    assert 'id="roll-rows"' in html and f'id="row-{world.duc.pk}"' in html
    assert 'id="roll-summary" class="row text-center g-2" hx-swap-oob="true"' in html
    assert "1/2" in html  # present / on the roll call
    assert f'id="roll-version" value="{meeting.version}" hx-swap-oob="true"' in html
    assert marks(meeting) == {world.duc.pk: P, world.hoa.pk: E}
    # A refusal goes to the page's error box (400 with the message), nothing written.
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    refused = client.post(f"/meetings/{meeting.pk}/roll-call/all-present/", HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and refused.content
    assert Attendance.objects.filter(meeting=meeting).count() == 2


# ---- 2. R3.1: a second regular meeting in a month is confirmed, not silent --------------------


def schedule(world, day: dt.date, hour: int = 8, confirm_second: bool = False, **data):
    payload = {"kind": MeetingKind.REGULAR, "scheduled_at": at(day, hour), "place": "Nhà văn hóa"}
    payload.update(data)
    return services.schedule_meeting(
        user=world.users.secretary_a1,
        organization=world.branch_a1,
        data=payload,
        confirm_second=confirm_second,
    )


def test_R3_1_a_second_regular_meeting_in_the_month_needs_confirmation(world):
    first = schedule(world, next_month_day(5))
    with pytest.raises(ValidationError) as refused:
        schedule(world, next_month_day(20))
    assert services.CONFIRM_SECOND in refused.value.message_dict
    assert refused.value.error_dict[services.CONFIRM_SECOND][0].code == "second_regular"
    assert "R3.1" in refused.value.message_dict[services.CONFIRM_SECOND][0]
    assert f"{first.date:%d/%m/%Y}" in refused.value.message_dict[services.CONFIRM_SECOND][0]
    assert Meeting.objects.count() == 1
    # A combined meeting is a regular one too (R3.3); thematic and committee meetings are not.
    with pytest.raises(ValidationError):
        schedule(world, next_month_day(21), kind=MeetingKind.COMBINED, topic="Chuyên đề")
    schedule(world, next_month_day(22), kind=MeetingKind.THEMATIC, topic="Chuyên đề")
    schedule(world, next_month_day(23), kind=MeetingKind.COMMITTEE)
    # Confirmed: scheduled.
    second = schedule(world, next_month_day(20), confirm_second=True)
    assert Meeting.objects.filter(kind=MeetingKind.REGULAR).count() == 2 and second.pk


def test_R3_1_the_boundaries_month_branch_and_cancelled_meetings(world):
    first = schedule(world, next_month_day(28))
    # The first day of the month after: another month.
    schedule(world, add_months(next_month_day(1), 1))
    # Another branch's meeting in the same month does not count.
    services.schedule_meeting(
        user=world.users.officer_a,
        organization=world.branch_a2,
        data={"kind": MeetingKind.REGULAR, "scheduled_at": at(next_month_day(28))},
    )
    # A cancelled meeting does not count: its replacement needs no confirmation.
    services.cancel_meeting(user=world.users.secretary_a1, meeting=first)
    schedule(world, next_month_day(1))
    assert Meeting.objects.filter(organization=world.branch_a1).count() == 3


def test_R3_1_moving_a_meeting_into_a_month_with_one_needs_confirmation(world):
    schedule(world, next_month_day(5))
    later = schedule(world, add_months(next_month_day(5), 1))
    moved = {"scheduled_at": at(next_month_day(25))}
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(user=world.users.secretary_a1, meeting=later, data=moved)
    assert services.CONFIRM_SECOND in refused.value.message_dict
    later.refresh_from_db()
    assert later.month != next_month_day(25).month
    # The place alone changes without any question.
    services.update_meeting(user=world.users.secretary_a1, meeting=later, data={"place": "Sân"})
    services.update_meeting(
        user=world.users.secretary_a1, meeting=later, data=moved, confirm_second=True
    )
    later.refresh_from_db()
    assert later.date == next_month_day(25)


def test_R3_1_the_schedule_page_warns_and_asks_for_the_box(world, login):
    day = next_month_day(10)
    schedule(world, day)
    client = login(world.users.secretary_a1)
    form = {"kind": "regular", "date": f"{day:%d/%m/%Y}", "start": "19:30", "place": "Nhà văn hóa"}
    plain = client.get("/meetings/new/").content.decode()
    assert 'type="checkbox" name="confirm_second"' not in plain  # no box before the warning
    warned = client.post("/meetings/new/", form)
    assert warned.status_code == 200
    html = warned.content.decode()
    assert 'type="checkbox" name="confirm_second"' in html and "R3.1" in html
    assert Meeting.objects.count() == 1
    confirmed = client.post("/meetings/new/", {**form, "confirm_second": "on"})
    assert confirmed.status_code == 302
    assert Meeting.objects.filter(kind=MeetingKind.REGULAR, month=day.month).count() == 2


def test_R3_1_the_api_asks_for_confirm_second(world):
    schedule(world, next_month_day(10))
    client = APIClient()
    client.force_login(world.users.secretary_a1)
    payload = {
        "organization": world.branch_a1.pk,
        "kind": "regular",
        "scheduled_at": at(next_month_day(12), 19).isoformat(),
    }
    refused = client.post("/api/meetings/", payload, format="json")
    assert refused.status_code == 400 and "confirm_second" in refused.json()
    created = client.post("/api/meetings/", {**payload, "confirm_second": True}, format="json")
    assert created.status_code == 201, created.json()
    assert "confirm_second" not in created.json()


# ---- 3. an apology only where it can succeed -------------------------------------------------

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=VN)  # the clock of the apology tests


def apology_cases(world) -> dict[str, Meeting]:
    today = NOW.date()
    notice = {"status": MeetingStatus.PLANNED, "notice_sent_at": NOW - dt.timedelta(days=2)}
    return {
        "tonight": make_meeting(world.branch_a1, today, hour=19, **notice),
        "started this morning": make_meeting(world.branch_a1, today, hour=8, **notice),
        "committee": make_meeting(
            world.branch_a1, today + dt.timedelta(days=3), kind=MeetingKind.COMMITTEE, **notice
        ),
        "cancelled": make_meeting(
            world.branch_a1,
            today + dt.timedelta(days=4),
            **{**notice, "status": MeetingStatus.CANCELLED},
        ),
    }


def can_send(world, meeting: Meeting) -> bool:
    try:
        with transaction.atomic():
            services.send_apology(user=world.users.member_a1, meeting=meeting, reason="Đi công tác")
            raise _Rollback
    except _Rollback:
        return True
    except (PermissionDenied, ValidationError):
        return False


class _Rollback(Exception):
    """Undo a probe apology, so each case is asked on the same state."""


def test_the_apology_button_and_the_service_agree(world, login):
    with time_machine.travel(NOW, tick=False):
        cases = apology_cases(world)
        client = login(world.users.member_a1)
        mine = client.get("/meetings/mine/").content.decode()
        offered = {}
        for name, meeting in cases.items():
            link = f'href="/meetings/{meeting.pk}/apology/"'
            detail = client.get(f"/meetings/{meeting.pk}/").content.decode()
            offered[name] = link in detail
            if link in mine:
                assert offered[name], name  # both pages offer it on the same predicate
            assert offered[name] == can_send(world, meeting), name
            assert offered[name] == queries.apology_open(meeting, world.hoa), name
        assert offered == {
            "tonight": True,
            "started this morning": False,
            "committee": False,  # Hoa holds no seat: not invited
            "cancelled": False,
        }
        assert f'href="/meetings/{cases["tonight"].pk}/apology/"' in mine
        # With a seat on the branch committee, she is invited to its meeting.
        CommitteeSeat.objects.create(
            organization=world.branch_a1,
            member=world.hoa,
            role=SeatRole.MEMBER,
            valid_from=NOW.date() - dt.timedelta(days=30),
        )
        committee = cases["committee"]
        mine = client.get("/meetings/mine/").content.decode()
        assert f'href="/meetings/{committee.pk}/apology/"' in mine
        assert can_send(world, committee)


def test_a_refused_apology_says_why_and_writes_nothing(world, login):
    with time_machine.travel(NOW, tick=False):
        cases = apology_cases(world)
        with pytest.raises(ValidationError) as late:
            services.send_apology(
                user=world.users.member_a1, meeting=cases["started this morning"], reason="Ốm"
            )
        assert late.value.code == "late"
        with pytest.raises(PermissionDenied):
            services.send_apology(
                user=world.users.member_a1, meeting=cases["committee"], reason="Ốm"
            )
        client = login(world.users.member_a1)
        response = client.post(f"/meetings/{cases['committee'].pk}/apology/", {"reason": "Ốm"})
        assert response.status_code == 403
        assert not Attendance.objects.exists()
        services.send_apology(user=world.users.member_a1, meeting=cases["tonight"], reason="Ốm")
        assert marks(cases["tonight"]) == {world.hoa.pk: E}


# ---- 4. the minutes' chair and minute taker from the seats ------------------------------------


def seat(world, member, role, start: dt.date, end: dt.date | None = None) -> CommitteeSeat:
    return CommitteeSeat.objects.create(
        organization=world.branch_a1, member=member, role=role, valid_from=start, valid_to=end
    )


def test_the_minutes_default_to_the_secretary_and_deputy_in_office_that_day(world, login):
    day = timezone.localdate() - dt.timedelta(days=3)
    former = MemberFactory(full_name="Lê Văn Cũ", organization=world.branch_a1)
    seat(world, former, SeatRole.SECRETARY, day - dt.timedelta(days=900), day)  # ended that day
    seat(world, world.duc, SeatRole.SECRETARY, day)
    seat(world, world.hoa, SeatRole.DEPUTY, day - dt.timedelta(days=400))
    CommitteeSeat.objects.create(  # another branch's secretary is not this branch's
        organization=world.branch_b1, member=world.minh, role=SeatRole.SECRETARY, valid_from=day
    )
    meeting = make_meeting(world.branch_a1, day)
    assert queries.minutes_officers(meeting) == {
        "chair": world.duc.pk,
        "minute_taker": world.hoa.pk,
    }
    client = login(world.users.secretary_a1)
    response = client.get(f"/meetings/{meeting.pk}/minutes/")
    form = response.context["form"]
    assert (form["chair"].value(), form["minute_taker"].value()) == (world.duc.pk, world.hoa.pk)
    assert f'<option value="{world.duc.pk}" selected>' in response.content.decode()
    # Recorded minutes keep what was recorded.
    Meeting.objects.filter(pk=meeting.pk).update(
        chair=world.hoa, minute_taker=None, minutes_recorded_at=timezone.now()
    )
    form = client.get(f"/meetings/{meeting.pk}/minutes/").context["form"]
    assert (form["chair"].value(), form["minute_taker"].value()) == (world.hoa.pk, None)


def test_without_a_secretary_the_deputy_chairs(world):
    day = timezone.localdate() - dt.timedelta(days=3)
    seat(world, world.duc, SeatRole.SECRETARY, day - dt.timedelta(days=90), day)  # ended
    seat(world, world.hoa, SeatRole.DEPUTY, day - dt.timedelta(days=90))
    meeting = make_meeting(world.branch_a1, day)
    assert queries.minutes_officers(meeting) == {"chair": world.hoa.pk, "minute_taker": None}
    assert queries.minutes_officers(make_meeting(world.branch_a2, day)) == {
        "chair": None,
        "minute_taker": None,
    }


# ---- 5. the meeting list pages -----------------------------------------------------------------


def test_the_meeting_list_shows_twenty_a_page(world, login):
    start = timezone.localdate() - dt.timedelta(days=46 * 20)
    for n in range(46):
        make_meeting(world.branch_a1, start + dt.timedelta(days=20 * n))
    client = login(world.users.secretary_a1)
    first = client.get("/meetings/")
    assert first.context["total"] == 46 and len(first.context["object_list"]) == 20
    assert 'class="pagination' in first.content.decode()
    newest = Meeting.objects.order_by("-scheduled_at").first()
    assert first.context["object_list"][0] == newest
    last = client.get("/meetings/?page=3")
    assert len(last.context["object_list"]) == 6
    assert client.get("/meetings/?page=99").context["page_obj"].number == 3  # never a 404
