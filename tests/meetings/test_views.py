"""Meeting pages: a secretary's month on a phone (schedule, notice, roll call, minutes, tasks,
score), a member's own page, the committees' visit compliance, and the scope of every page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangvu.meetings.choices import AttendanceState, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting, Task, VisitDuty
from dangvu.organizations.choices import SeatRole
from dangvu.organizations.models import CommitteeSeat

from .factories import at, make_meeting, take_roll

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


def test_a_secretary_schedules_and_announces_a_meeting(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(world.users.secretary_a1)
    later = timezone.localdate() + dt.timedelta(days=7)
    response = client.post(
        "/meetings/new/",
        {
            "kind": "combined",
            "topic": "Học tập chuyên đề năm 2026",
            "date": later.strftime("%d/%m/%Y"),
            "start": "19:30",
            "end": "21:30",
            "place": "Nhà văn hóa thôn Đông",
            "agenda": "Kiểm điểm tháng\nChuyên đề",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.organization == world.branch_a1 and meeting.kind == "combined"
    assert timezone.localtime(meeting.scheduled_at).strftime("%H:%M") == "19:30"
    upload = SimpleUploadedFile("tai-lieu.pdf", b"%PDF-1.4", content_type="application/pdf")
    client.post(f"/meetings/{meeting.pk}/documents/new/", {"title": "Tài liệu", "file": upload})
    client.post(f"/meetings/{meeting.pk}/notice/")
    meeting.refresh_from_db()
    assert meeting.notice_sent_at and meeting.documents_posted_at
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Tài liệu" in page and "Kiểm điểm tháng" in page
    document = meeting.documents.get()
    download = client.get(f"/meetings/documents/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4"
    # the member sees the notice on her page and sends an apology
    member = login(world.users.member_a1)
    mine = member.get("/meetings/mine/").content.decode()
    assert "Học tập chuyên đề năm 2026" in mine and "Tài liệu" in mine
    member.post(f"/meetings/{meeting.pk}/apology/", {"reason": "Đi viện"})
    attendance = Attendance.objects.get(meeting=meeting, member=world.hoa)
    assert attendance.state == AttendanceState.EXCUSED and attendance.apology


def test_a_thematic_meeting_without_topic_shows_the_error(world, login):
    client = login(world.users.secretary_a1)
    response = client.post(
        "/meetings/new/", {"kind": "thematic", "date": "10/03/2026", "start": "08:00"}
    )
    assert response.status_code == 200
    assert "Sinh hoạt chuyên đề phải có chủ đề." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_roll_call_page_row_taps_and_full_save(world, login):
    meeting = make_meeting(world.branch_a1, DAY, status=MeetingStatus.PLANNED)
    client = login(world.users.secretary_a1)
    page = client.get(f"/meetings/{meeting.pk}/roll-call/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Nguyễn Văn Đức" in text and "Trần Thị Hoa" in text
    row = client.post(
        f"/meetings/{meeting.pk}/roll-call/row/",
        {"member": world.duc.pk, f"state_{world.duc.pk}": "present"},
        HTTP_HX_REQUEST="true",
    )
    assert row.status_code == 200
    body = row.content.decode()
    assert 'id="roll-summary"' in body and 'hx-swap-oob="true"' in body
    assert 'id="roll-version" value="2"' in body
    stale = client.post(
        f"/meetings/{meeting.pk}/roll-call/",
        {"version": "1", f"state_{world.duc.pk}": "absent", f"state_{world.hoa.pk}": "absent"},
    )
    assert stale.status_code == 409
    assert "Đã có người khác lưu bảng điểm danh này" in stale.content.decode()
    assert Attendance.objects.get(meeting=meeting, member=world.duc).state == "present"
    saved = client.post(
        f"/meetings/{meeting.pk}/roll-call/",
        {
            "version": "2",
            f"state_{world.duc.pk}": "present",
            f"state_{world.hoa.pk}": "excused",
            f"reason_{world.hoa.pk}": "Ốm",
        },
    )
    assert saved.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.present_count, meeting.excused_count, meeting.eligible_count) == (1, 1, 2)
    stranger = client.post(
        f"/meetings/{meeting.pk}/roll-call/row/",
        {"member": world.minh.pk, f"state_{world.minh.pk}": "present"},
    )
    assert stranger.status_code == 400
    assert not Attendance.objects.filter(member=world.minh).exists()


def test_minutes_tasks_and_score_pages(world, login):
    meeting = take_roll(
        make_meeting(world.branch_a1, DAY, documents_posted_at=at(DAY) - dt.timedelta(days=2))
    )
    client = login(world.users.secretary_a1)
    assert client.get(f"/meetings/{meeting.pk}/minutes/").status_code == 200
    response = client.post(
        f"/meetings/{meeting.pk}/minutes/",
        {
            "version": meeting.version,
            "start": "08:00",
            "end": "09:40",
            "chair": world.duc.pk,
            "minute_taker": world.hoa.pk,
            "item0_content": "Hoàn thành",
            "item1_content": "Giao nhiệm vụ",
            "item1_for": "2",
            "conclusions": "Thống nhất",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting.refresh_from_db()
    assert meeting.duration_minutes == 100 and meeting.minutes_items[1]["for"] == 2
    client.post(
        f"/meetings/{meeting.pk}/tasks/new/",
        {"title": "Sửa đường thôn", "assignee": world.hoa.pk, "due_on": "30/03/2026"},
    )
    task = Task.objects.get()
    assert task.assignee == world.hoa
    score_page = client.get(f"/meetings/{meeting.pk}/quality/")
    assert score_page.status_code == 200
    meeting.refresh_from_db()
    client.post(
        f"/meetings/{meeting.pk}/quality/",
        {"version": meeting.version, "preparation": 15, "content": 20},
    )
    meeting.refresh_from_db()
    assert (meeting.quality_score, meeting.quality_rating) == (100, "good")
    # the task appears on the assignee's page; she marks it done
    member = login(world.users.member_a1)
    assert "Sửa đường thôn" in member.get("/meetings/mine/").content.decode()
    member.post(f"/meetings/tasks/{task.pk}/done/", {"done_on": "20/03/2026"})
    task.refresh_from_db()
    assert task.done_on == dt.date(2026, 3, 20)


def test_pages_outside_the_scope_are_404_and_unmanageable_ones_403(world, login):
    theirs = make_meeting(world.branch_b1, DAY)
    mine = make_meeting(world.branch_a1, DAY)
    client = login(world.users.secretary_a1)
    for url in (f"/meetings/{theirs.pk}/", f"/meetings/{theirs.pk}/roll-call/",
                f"/meetings/{theirs.pk}/minutes/"):  # fmt: skip
        assert client.get(url).status_code == 404
    assert client.post(f"/meetings/{theirs.pk}/notice/").status_code == 404
    inspector = login(world.users.inspector)  # sees everything, changes nothing
    assert inspector.get(f"/meetings/{mine.pk}/").status_code == 200
    assert inspector.get(f"/meetings/{mine.pk}/roll-call/").status_code == 403
    member = login(world.users.member_a1)
    assert member.get(f"/meetings/{mine.pk}/").status_code == 200  # her branch's meeting
    assert member.get(f"/meetings/{mine.pk}/roll-call/").status_code == 403
    assert member.get(f"/meetings/{theirs.pk}/").status_code == 404


def test_a_plain_member_does_not_see_the_roll_call_names(world, login):
    meeting = take_roll(make_meeting(world.branch_a1, DAY), {world.duc: AttendanceState.ABSENT})
    text = login(world.users.member_a1).get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="roll-summary"' not in text


def test_the_visit_compliance_page_and_duty_assignment(world, login):
    seat = {"role": SeatRole.MEMBER, "valid_from": dt.date(2025, 1, 1)}
    CommitteeSeat.objects.create(organization=world.commune_a, member=world.teacher, **seat)
    client = login(world.users.officer_a)
    committees = client.get("/meetings/committees/").content.decode()
    assert world.commune_a.name in committees
    page = client.get(f"/meetings/committees/{world.commune_a.pk}/")
    assert page.status_code == 200 and "Phạm Thị Lan" in page.content.decode()
    response = client.post(
        f"/meetings/committees/{world.commune_a.pk}/duties/new/",
        {"member": world.teacher.pk, "branch": world.branch_a1.pk, "valid_from": "01/03/2026"},
    )
    assert response.status_code == 302
    assert VisitDuty.objects.get().branch == world.branch_a1
    assert (
        login(world.users.officer_b).get(f"/meetings/committees/{world.commune_a.pk}/").status_code
        == 404
    )
    # a branch is not a committee page
    assert client.get(f"/meetings/committees/{world.branch_a1.pk}/").status_code == 404


def test_recording_a_visit_by_someone_else_shows_a_clear_message(world, login):
    meeting = make_meeting(world.branch_a1, DAY)
    client = login(world.users.secretary_a1)
    response = client.post(f"/meetings/{meeting.pk}/visits/new/", {"member": world.hoa.pk})
    # not even offered: only higher-level committee members are in the list
    assert response.status_code == 200
    assert (
        "Select a valid choice" in response.content.decode()
        or "Hãy chọn" in response.content.decode()
    )


def test_the_branch_year_page(world, login):
    make_meeting(world.branch_a1, dt.date(2026, 1, 10))
    client = login(world.users.secretary_a1)
    response = client.get(f"/meetings/branches/{world.branch_a1.pk}/?year=2026")
    assert response.status_code == 200
    assert client.get(f"/meetings/branches/{world.base_a.pk}/").status_code == 404
