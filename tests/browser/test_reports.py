"""A commune officer in headless Chromium: opens the reports dashboard, sees a chart and the
figures, drills down from a figure to its list and opens the narrative."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.reports.conftest import add_year_2025

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_opens_the_dashboard_and_drills_down(live_server, desktop):
    add_year_2025(build_world())
    page = desktop
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{live_server.url}/reports/?year=2025")
    expect(page.locator("#section-members")).to_be_visible()
    expect(page.locator('[data-figure="members.total"] [data-value]')).to_have_text("6")
    chart = page.locator(".chart svg").first
    expect(chart).to_be_visible()
    # Issue 14: one small chart per yearly series (members, admissions), each loaded.
    trends = page.locator("#trend-charts img.trend-chart")
    expect(trends).to_have_count(2)
    expect(trends.first).to_be_visible()
    page.wait_for_function(
        "[...document.querySelectorAll('img.trend-chart')].every(i => i.naturalWidth > 0)"
    )
    page.locator('[data-figure="members.women"] a').click()
    expect(page).to_have_url(re.compile(r"/reports/list/\?.*figure=members\.women"))
    expect(page.locator("#list-count")).to_have_text("3")
    expect(page.locator("#figure-list")).to_contain_text("Trần Thị Hoa")
    expect(page.locator("#figure-list")).not_to_contain_text("Hoàng Văn Minh")
    page.goto(f"{live_server.url}/reports/narrative/?year=2025")
    expect(page.locator("#narrative p").first).to_contain_text("6")
    expect(page.locator("#copy-narrative")).to_be_visible()
