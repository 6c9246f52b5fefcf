"""Meeting services: scheduling, notices and apologies, the roll call under concurrent saves,
minutes, tasks, visits and visit duties; refusals write nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangvu.core.services import StaleVersion
from dangvu.meetings import services
from dangvu.meetings.choices import AttendanceState, MeetingKind, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting, Task, Visit, VisitDuty
from dangvu.meetings.queries import eligible_members, roll_call
from dangvu.members.models import Placement
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat
from tests.factories import MemberFactory

from .factories import at, make_meeting

pytestmark = pytest.mark.django_db

P, E, A = AttendanceState.PRESENT, AttendanceState.EXCUSED, AttendanceState.ABSENT
DAY = dt.date(2026, 3, 10)


def schedule(world, **data):
    payload = {"kind": MeetingKind.REGULAR, "scheduled_at": at(DAY), "place": "Nhà văn hóa"}
    payload.update(data)
    return services.schedule_meeting(
        user=world.users.secretary_a1, organization=world.branch_a1, data=payload
    )


def test_a_secretary_schedules_the_months_regular_meeting(world):
    meeting = schedule(world, agenda="Kiểm điểm tháng 2\nNhiệm vụ tháng 3")
    assert (meeting.year, meeting.month, meeting.date) == (2026, 3, DAY)
    assert meeting.org_path == world.branch_a1.path
    assert meeting.status == MeetingStatus.PLANNED
    assert meeting.agenda_items == ["Kiểm điểm tháng 2", "Nhiệm vụ tháng 3"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": MeetingKind.THEMATIC, "topic": " "}, "topic"),
        ({"planned_end_at": at(DAY, 7)}, "planned_end_at"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_meetings_are_refused(world, data, field):
    with pytest.raises(ValidationError) as exc:
        schedule(world, **data)
    assert field in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_a_meeting_in_another_branchs_scope_is_refused(world):
    with pytest.raises(PermissionDenied):
        services.schedule_meeting(
            user=world.users.secretary_a1,
            organization=world.branch_b1,
            data={"kind": MeetingKind.REGULAR, "scheduled_at": at(DAY)},
        )
    with pytest.raises(ValidationError) as exc:  # a committee is not a branch
        services.schedule_meeting(
            user=world.users.officer_a,
            organization=world.base_a,
            data={"kind": MeetingKind.REGULAR, "scheduled_at": at(DAY)},
        )
    assert "organization" in exc.value.message_dict
    assert not Meeting.objects.exists()


def test_the_roll_call_lists_temporary_members_and_leaves_out_the_exempted(world):
    visitor = MemberFactory(full_name="Đỗ Văn Tạm", organization=world.branch_a2)
    Placement.objects.create(
        member=visitor,
        organization=world.branch_a1,
        kind="temporary",
        valid_from=dt.date(2026, 1, 5),
    )
    away = MemberFactory(full_name="Vũ Văn Đi", organization=world.branch_a1)
    Placement.objects.create(
        member=away, organization=world.branch_b1, kind="temporary", valid_from=dt.date(2026, 2, 1)
    )
    exempt = MemberFactory(
        full_name="Cụ Lê Văn Già", organization=world.branch_a1, exempt_since=dt.date(2025, 1, 1)
    )
    listed = set(eligible_members(world.branch_a1, DAY))
    assert {world.duc, world.hoa, visitor} == listed
    assert away not in listed and exempt not in listed
    assert visitor not in set(eligible_members(world.branch_a2, DAY))
    meeting = make_meeting(world.branch_a1, DAY)
    temporary = [row.member for row in roll_call(meeting) if row.temporary]
    assert temporary == [visitor]


def test_one_tap_saves_one_row_and_the_counts(world):
    meeting = make_meeting(world.branch_a1, DAY, status=MeetingStatus.PLANNED)
    user = world.users.secretary_a1
    meeting = services.set_attendance(user=user, meeting=meeting, member_id=world.duc.pk, state=P)
    assert (meeting.present_count, meeting.eligible_count, meeting.version) == (1, 2, 2)
    assert meeting.status == MeetingStatus.HELD  # the roll call is taken at the meeting
    # the same tap twice: idempotent
    meeting = services.set_attendance(user=user, meeting=meeting, member_id=world.duc.pk, state=P)
    assert Attendance.objects.filter(meeting=meeting).count() == 1
    meeting = services.set_attendance(
        user=user, meeting=meeting, member_id=world.hoa.pk, state=E, reason="Ốm"
    )
    assert (meeting.present_count, meeting.excused_count) == (1, 1)
    meeting = services.set_attendance(user=user, meeting=meeting, member_id=world.hoa.pk, state="")
    assert (meeting.excused_count, Attendance.objects.filter(meeting=meeting).count()) == (0, 1)


def test_attendance_for_a_non_member_of_the_branch_is_refused(world):
    meeting = make_meeting(world.branch_a1, DAY)
    user = world.users.secretary_a1
    with pytest.raises(ValidationError) as exc:
        services.set_attendance(user=user, meeting=meeting, member_id=world.minh.pk, state=P)
    assert "member" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.save_roll_call(
            user=user,
            meeting=meeting,
            entries={world.duc.pk: (P, ""), world.probationer.pk: (P, "")},
            expected_version=meeting.version,
        )
    assert not Attendance.objects.exists()
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version


def test_two_phones_saving_rows_lose_nothing_and_a_stale_full_save_is_refused(world):
    extra = [MemberFactory(organization=world.branch_a1) for _ in range(3)]
    meeting = make_meeting(world.branch_a1, DAY, status=MeetingStatus.PLANNED)
    read_version = meeting.version  # both phones open the roll call
    phone_a, phone_b = world.users.secretary_a1, world.users.grassroots_a
    services.set_attendance(user=phone_a, meeting=meeting, member_id=world.duc.pk, state=P)
    services.set_attendance(user=phone_b, meeting=meeting, member_id=world.hoa.pk, state=A)
    services.set_attendance(
        user=phone_a, meeting=meeting, member_id=extra[0].pk, state=E, reason="Đi công tác"
    )
    states = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "state"))
    assert states == {world.duc.pk: P, world.hoa.pk: A, extra[0].pk: E}
    # phone B now saves its whole (old) form: refused, and nothing is lost
    with pytest.raises(StaleVersion):
        services.save_roll_call(
            user=phone_b,
            meeting=meeting,
            entries={m.pk: (P, "") for m in [world.duc, world.hoa, *extra]},
            expected_version=read_version,
        )
    after = dict(Attendance.objects.filter(meeting=meeting).values_list("member_id", "state"))
    assert after == states
    # reloaded with the current version, the full save goes through
    current = Meeting.objects.get(pk=meeting.pk)
    saved = services.save_roll_call(
        user=phone_b,
        meeting=current,
        entries={m.pk: (P, "") for m in [world.duc, world.hoa, *extra]},
        expected_version=current.version,
    )
    assert (saved.present_count, saved.eligible_count) == (5, 5)
    # saving the same form twice: the second is stale, the data stays
    with pytest.raises(StaleVersion):
        services.save_roll_call(
            user=phone_b,
            meeting=current,
            entries={world.duc.pk: (A, "")},
            expected_version=current.version,
        )
    assert Meeting.objects.get(pk=meeting.pk).present_count == 5


def test_notice_apology_and_the_superior_member_notified(world):
    follower = MemberFactory(full_name="Đinh Văn Theo", organization=world.branch_a2)
    CommitteeSeat.objects.create(
        organization=world.base_a,
        member=follower,
        role=SeatRole.MEMBER,
        valid_from=dt.date(2025, 1, 1),
    )
    services.assign_visit_duty(
        user=world.users.grassroots_a,
        committee=world.base_a,
        member=follower,
        branch=world.branch_a1,
        valid_from=dt.date(2025, 6, 1),
    )
    later = timezone.localdate() + dt.timedelta(days=5)
    meeting = schedule(world, scheduled_at=at(later))
    meeting = services.send_notice(user=world.users.secretary_a1, meeting=meeting)
    assert meeting.notice_sent_at is not None
    assert list(meeting.notified.all()) == [follower]
    attendance = services.send_apology(
        user=world.users.member_a1, meeting=meeting, reason="Đi viện"
    )
    assert (attendance.state, attendance.apology, attendance.member) == (E, True, world.hoa)
    with pytest.raises(ValidationError):
        services.send_apology(user=world.users.member_a1, meeting=meeting, reason="  ")
    rows = {row.member: row for row in roll_call(Meeting.objects.get(pk=meeting.pk))}
    assert rows[world.hoa].state == E and rows[world.hoa].apology


def test_an_apology_comes_before_the_meeting(world):
    meeting = make_meeting(world.branch_a1, DAY, status=MeetingStatus.PLANNED)
    with pytest.raises(ValidationError):
        services.send_apology(user=world.users.member_a1, meeting=meeting, reason="Ốm")
    assert not Attendance.objects.exists()


def test_documents_are_posted_and_the_first_posting_time_kept(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = schedule(world)
    upload = SimpleUploadedFile("nghi-quyet.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    document = services.add_document(
        user=world.users.secretary_a1, meeting=meeting, title="", file=upload
    )
    assert document.title == "nghi-quyet" and document.size == 13
    meeting.refresh_from_db()
    assert meeting.documents_posted_at == document.posted_at
    with pytest.raises(ValidationError) as exc:
        services.add_document(
            user=world.users.secretary_a1,
            meeting=meeting,
            title="Virus",
            file=SimpleUploadedFile("x.exe", b"MZ"),
        )
    assert "file" in exc.value.message_dict
    assert meeting.documents.count() == 1


def test_minutes_resolutions_and_tasks_followed_up_at_the_next_meeting(world):
    user = world.users.secretary_a1
    first = make_meeting(world.branch_a1, dt.date(2026, 2, 10))
    resolution = services.add_resolution(
        user=user, meeting=first, data={"title": "Nghị quyết tháng 2", "votes_for": 2}
    )
    task = services.add_task(
        user=user,
        meeting=first,
        data={"title": "Vận động đóng góp", "assignee": world.hoa, "due_on": dt.date(2026, 3, 1)},
    )
    group_task = services.add_task(
        user=user,
        meeting=first,
        data={"title": "Làm đường", "group": "Tổ đảng số 1", "due_on": dt.date(2026, 4, 1)},
    )
    with pytest.raises(ValidationError):  # neither a member nor a group
        services.add_task(user=user, meeting=first, data={"title": "?", "due_on": DAY})
    with pytest.raises(ValidationError):  # assignee outside the branch
        services.add_task(
            user=user, meeting=first, data={"title": "?", "assignee": world.minh, "due_on": DAY}
        )
    second = make_meeting(world.branch_a1, DAY)
    second = services.record_minutes(
        user=user,
        meeting=second,
        expected_version=second.version,
        data={
            "started_at": at(DAY, 8),
            "ended_at": at(DAY, 10),
            "chair": world.duc,
            "minute_taker": world.hoa,
            "items": [{"item": "Kiểm điểm tháng", "content": "Đạt", "for": 2}],
            "conclusions": "Thống nhất",
            "reviewed_resolutions": [resolution.pk],
            "reviewed_tasks": [task.pk, group_task.pk],
        },
    )
    assert second.minutes_recorded_at is not None and second.duration_minutes == 120
    assert Task.objects.filter(followed_up_at=second).count() == 2
    done = services.complete_task(user=world.users.member_a1, task=task, done_on=DAY)
    assert done.done_on == DAY
    with pytest.raises(PermissionDenied):  # not hers, and a member manages nothing
        services.complete_task(user=world.users.member_a1, task=group_task, done_on=DAY)


def test_a_visit_by_a_higher_level_committee_member_is_recorded(world):
    meeting = make_meeting(world.branch_a1, DAY)
    CommitteeSeat.objects.create(
        organization=world.commune_a, member=world.teacher, role=SeatRole.MEMBER,
        valid_from=dt.date(2025, 10, 1),
    )  # fmt: skip
    visit = services.record_visit(
        user=world.users.secretary_a1, meeting=meeting, member=world.teacher
    )
    assert (visit.committee, visit.level, visit.date) == (world.commune_a, "direct", DAY)


@pytest.mark.parametrize("who", ["plain", "own_branch_committee", "sibling_committee", "ended"])
def test_a_visit_by_anyone_else_is_refused_with_a_clear_message(world, who):
    meeting = make_meeting(world.branch_a1, DAY)
    member = world.hoa
    if who == "own_branch_committee":  # the branch's own committee is not "higher level"
        CommitteeSeat.objects.create(
            organization=world.branch_a1, member=member, role=SeatRole.SECRETARY,
            valid_from=dt.date(2025, 1, 1),
        )  # fmt: skip
    elif who == "sibling_committee":
        member = world.minh
        CommitteeSeat.objects.create(
            organization=world.commune_b, member=member, role=SeatRole.MEMBER,
            valid_from=dt.date(2025, 1, 1),
        )  # fmt: skip
    elif who == "ended":
        CommitteeSeat.objects.create(
            organization=world.commune_a, member=member, role=SeatRole.MEMBER,
            valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2026, 1, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.record_visit(user=world.users.secretary_a1, meeting=meeting, member=member)
    assert "cấp ủy cấp trên" in " ".join(exc.value.message_dict["member"])
    assert not Visit.objects.exists()


def test_visit_duties_need_a_seat_and_a_branch_below(world):
    user = world.users.officer_a
    with pytest.raises(ValidationError) as exc:
        services.assign_visit_duty(
            user=user, committee=world.commune_a, member=world.duc,
            branch=world.branch_a1, valid_from=DAY,
        )  # fmt: skip
    assert "member" in exc.value.message_dict
    CommitteeSeat.objects.create(
        organization=world.commune_a, member=world.duc, role=SeatRole.MEMBER,
        valid_from=dt.date(2025, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.assign_visit_duty(
            user=user, committee=world.commune_a, member=world.duc,
            branch=world.base_a, valid_from=DAY,
        )  # fmt: skip
    assert "branch" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.assign_visit_duty(
            user=world.users.officer_b, committee=world.commune_a, member=world.duc,
            branch=world.branch_a1, valid_from=DAY,
        )  # fmt: skip
    duty = services.assign_visit_duty(
        user=user, committee=world.commune_a, member=world.duc,
        branch=world.branch_a1, valid_from=DAY,
    )  # fmt: skip
    assert VisitDuty.objects.current(DAY).get() == duty
    services.end_visit_duty(user=user, duty=duty, on=dt.date(2026, 6, 1))
    assert not VisitDuty.objects.current(dt.date(2026, 6, 1)).exists()
