"""The roll call of a 33-member branch on a 360 px phone: "All present" (one tap, one service
call), then one exception tapped; the counts follow and the time it took is printed (no timed
assertion: the machine is shared)."""

import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangvu.meetings.choices import AttendanceState, MeetingStatus
from dangvu.meetings.models import Attendance, Meeting
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.factories import MemberFactory
from tests.meetings.factories import make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_all_present_then_one_exception_on_a_phone(live_server, phone):
    world = build_world()
    others = [MemberFactory(organization=world.branch_a1) for _ in range(31)]  # 33 in all
    meeting = make_meeting(world.branch_a1, timezone.localdate(), status=MeetingStatus.PLANNED)
    # Hoa sent her apology in advance: "All present" must leave it.
    Attendance.objects.create(
        meeting=meeting, member=world.hoa, state=AttendanceState.EXCUSED, reason="Ốm", apology=True
    )
    log_in(phone, live_server.url, "bithu_a1")
    phone.goto(f"{live_server.url}/meetings/{meeting.pk}/roll-call/")
    summary = phone.locator("#roll-summary")
    expect(summary).to_contain_text("0/33")

    started = time.perf_counter()
    phone.click("#roll-all-button")
    expect(summary).to_contain_text("32/33")
    all_present = time.perf_counter() - started
    expect(phone.locator(f"#s{world.duc.pk}-present")).to_be_checked()
    expect(phone.locator(f"#s{world.hoa.pk}-excused")).to_be_checked()
    expect(phone.locator("#roll-notice")).not_to_be_empty()

    # The exception: one member is absent after all.
    phone.wait_for_function(
        "() => !document.querySelector("
        "'.htmx-added, .htmx-settling, .htmx-swapping, .htmx-request')"
    )
    phone.click(f"label[for=s{others[5].pk}-absent]")
    expect(summary).to_contain_text("31/33")
    expect(summary).to_contain_text("1 / 1")  # excused / unexcused
    total = time.perf_counter() - started
    print(
        f"\nroll call of 33 on a 360 px phone: 'All present' {all_present:.2f} s, "
        f"with one exception tapped {total:.2f} s"
    )

    meeting = Meeting.objects.get(pk=meeting.pk)
    counts = (meeting.present_count, meeting.excused_count, meeting.absent_count)
    assert counts == (31, 1, 1) and meeting.eligible_count == 33
    assert Attendance.objects.get(meeting=meeting, member=world.hoa).reason == "Ốm"
    assert meeting.status == MeetingStatus.HELD
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the roll call scrolls sideways on a 360 px phone ({width}px)"

    # Saving the whole list afterwards goes through with the version the answers carried.
    phone.click("main button[type=submit]")
    expect(phone).to_have_url(f"{live_server.url}/meetings/{meeting.pk}/")
    assert Attendance.objects.filter(meeting=meeting).count() == 33
