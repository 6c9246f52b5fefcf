"""Issue 14 in Chromium: through the real login form, the branch secretary lands on his
branch (this month's meeting with its roll call, the work list, the member list) and a member
on her own page (her next meeting, her record), each with their name in the menu."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangvu.meetings.choices import MeetingStatus
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.meetings.factories import make_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_and_a_member_land_where_their_work_is(live_server, desktop, phone):
    world = build_world()
    meeting = make_meeting(
        world.branch_a1,
        timezone.localdate(),
        status=MeetingStatus.PLANNED,
        hour=20,
        notice_sent_at=timezone.now(),
    )
    page = desktop
    log_in(page, live_server.url, "bithu_a1")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("#home")).to_have_attribute("data-home", "branch")
    roll_call = page.locator("[data-roll-call]")
    expect(roll_call).to_have_attribute("href", f"/meetings/{meeting.pk}/roll-call/")
    expect(page.locator("#home-worklist")).to_be_visible()
    expect(page.locator("[data-member-list]")).to_be_visible()
    expect(page.locator("[data-reorganize]")).to_have_count(0)
    roll_call.click()
    expect(page).to_have_url(re.compile(rf"/meetings/{meeting.pk}/roll-call/$"))

    log_in(phone, live_server.url, "dv_a1")
    expect(phone).to_have_url(f"{live_server.url}/")
    expect(phone.locator("#home")).to_have_attribute("data-home", "member")
    expect(phone.locator("#home-my-meetings")).to_contain_text(meeting.get_kind_display())
    expect(phone.locator("[data-my-record]")).to_have_attribute("href", f"/members/{world.hoa.pk}/")
    # The name is in the collapsed menu on a phone: open it.
    phone.click(".navbar-toggler")
    expect(phone.locator("[data-user-name]")).to_have_text("Trần Thị Hoa")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the member's home scrolls sideways on a 360 px phone ({width}px)"
