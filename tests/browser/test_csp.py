"""The Content-Security-Policy (issue 15): pages work in Chromium with no inline script, style
or handler refused — the charts' styles and the two inline scripts carry the request's nonce,
the auto-submitting selects and the import progress bar are driven by static/dangvu/app.js."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.reports.conftest import add_year_2025

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def refusals(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda m: (
            found.append(f"{page.url}: {m.text[:90]}")
            if "Content Security Policy" in m.text
            else None
        ),
    )
    return found


def test_pages_work_under_the_content_security_policy(live_server, desktop):
    add_year_2025(build_world())
    page = desktop
    refused = refusals(page)
    response = page.goto(f"{live_server.url}/accounts/login/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    log_in(page, live_server.url, "xa_a")
    response = page.goto(f"{live_server.url}/reports/?year=2025")
    # a page that needs inline styles (the charts) gets this request's nonce, and only that
    policy = response.headers["content-security-policy"]
    assert "style-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy
    chart = page.locator(".chart svg").first
    expect(chart).to_be_visible()
    # the chart's own stylesheet applied (pygal colours its slices through it)
    assert page.locator(".chart svg style[nonce]").count() >= 1
    page.goto(f"{live_server.url}/admissions/statistics/")
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator("#swagger-ui")).to_be_visible()
    page.wait_for_timeout(300)
    assert refused == []


def test_the_holiday_year_select_submits_itself(live_server, desktop):
    build_world()
    page = desktop
    refused = refusals(page)
    log_in(page, live_server.url, "quantri")
    page.goto(f"{live_server.url}/rules/holidays/")
    select = page.locator("#holiday-year")
    current = select.input_value()
    other = next(
        v
        for v in select.locator("option").evaluate_all("os => os.map(o => o.value)")
        if v != current
    )
    select.select_option(other)  # data-autosubmit: the form goes without a button
    expect(page).to_have_url(re.compile(rf"year={other}"))
    assert refused == []
