"""A branch secretary takes the roll call on a 360 px phone: one tap per member saves at once
and updates the count; a whole-list save made stale by another phone is refused, then goes
through after the page shows the current marks."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangvu.meetings import services
from dangvu.meetings.choices import MeetingStatus
from dangvu.meetings.models import Attendance, Meeting
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.factories import MemberFactory
from tests.meetings.factories import make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_roll_call_on_a_phone(live_server, phone):
    world = build_world()
    others = [MemberFactory(organization=world.branch_a1) for _ in range(3)]
    meeting = make_meeting(world.branch_a1, timezone.localdate(), status=MeetingStatus.PLANNED)
    log_in(phone, live_server.url, "bithu_a1")
    phone.goto(f"{live_server.url}/meetings/{meeting.pk}/roll-call/")
    summary = phone.locator("#roll-summary")
    expect(summary).to_contain_text("0/5")

    phone.click(f"label[for=s{world.duc.pk}-present]")
    expect(summary).to_contain_text("1/5")
    expect(summary.locator("[data-rate]")).to_have_text("20,0%")
    phone.click(f"label[for=s{world.hoa.pk}-excused]")
    reason = phone.locator(f"input[name=reason_{world.hoa.pk}]")
    expect(reason).to_be_visible()
    # htmx wires the swapped-in field during its settle step: typing before that is lost.
    phone.wait_for_function(
        "() => !document.querySelector("
        "'.htmx-added, .htmx-settling, .htmx-swapping, .htmx-request')"
    )
    reason.fill("Ốm")
    # The reason is its own request; the present-count below does not wait for it.
    with phone.expect_response(re.compile(r"/roll-call/row/")):
        reason.press("Tab")
    for member in others:
        phone.click(f"label[for=s{member.pk}-present]")
    expect(summary).to_contain_text("4/5")
    row = Attendance.objects.get(meeting=meeting, member=world.hoa)
    assert (row.state, row.reason) == ("excused", "Ốm")

    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the roll call scrolls sideways on a 360 px phone ({width}px)"

    # Another phone changes a mark meanwhile: this page's whole-list save is now stale.
    services.set_attendance(
        user=world.users.grassroots_a, meeting=meeting, member_id=others[0].pk, state="absent"
    )
    phone.click("main button[type=submit]")
    expect(phone.locator("#roll-error")).to_be_visible()
    assert Attendance.objects.get(meeting=meeting, member=others[0]).state == "absent"
    expect(phone.locator(f"#s{others[0].pk}-absent")).to_be_checked()

    # The page now holds the current marks and version: saving again goes through.
    phone.click("main button[type=submit]")
    expect(phone).to_have_url(re.compile(rf"/meetings/{meeting.pk}/$"))
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert (meeting.present_count, meeting.excused_count, meeting.absent_count) == (3, 1, 1)
    assert meeting.status == MeetingStatus.HELD
