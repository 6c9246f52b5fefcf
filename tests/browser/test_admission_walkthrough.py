"""A grassroots officer, in headless Chromium, walks a candidate from introduction through the
course, introducers, branch vote, decision and ceremony to recognition as an official member
(dates in the past, so the probation has ended), on a phone-sized screen."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import build_world

from .test_foundation import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_step(page, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
    form = page.locator("#next-step form")
    for name, label in (selects or {}).items():
        form.locator(f"select[name={name}]").select_option(label=label)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()


def test_an_officer_walks_a_candidate_to_official_membership(live_server, phone):
    world = build_world()
    page = phone
    log_in(page, live_server.url, "coso_a")

    page.goto(f"{live_server.url}/admissions/")
    page.click("main a[href='/admissions/new/']")
    page.select_option("select[name=organization]", label="Chi bộ thôn Đông")
    page.select_option("select[name=introduced_by]", value="youth_union")
    page.fill("input[name=introduced_on]", "10/01/2024")
    page.fill("input[name=full_name]", "Đỗ Văn Tiến")
    page.fill("input[name=birth_date]", "10/03/2000")
    page.select_option("select[name=gender]", value="male")
    page.fill("input[name=citizen_id]", "001 200 012 345")
    page.fill("input[name=general_education]", "12/12")
    page.select_option("select[name=occupation]", value="farmer")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admissions/\d+/$"))
    expect(page.locator("h1")).to_have_text("Đỗ Văn Tiến")
    candidate_url = page.url

    # awareness course and certificate (R2.6)
    next_step(
        page,
        {
            "course_name": "Lớp bồi dưỡng nhận thức về Đảng khóa 1/2024",
            "organizer": "Trung tâm chính trị xã An Bình",
            "starts_on": "20/02/2024",
            "ends_on": "25/02/2024",
            "number": "CN-001",
            "issued_on": "01/03/2024",
        },
    )
    expect(page).to_have_url(candidate_url)
    expect(page.locator("#candidate-steps")).to_contain_text("CN-001")

    # two introducers of the branch (R2.4)
    next_step(
        page,
        {
            "known_since_1": "01/01/2023",
            "introduced_on_1": "01/04/2024",
            "known_since_2": "01/01/2023",
            "introduced_on_2": "01/04/2024",
            "application_on": "01/04/2024",
        },
        selects={
            "introducer_1": "Nguyễn Văn Đức (chính thức)",
            "introducer_2": "Trần Thị Hoa (chính thức)",
        },
    )
    expect(page.locator("#candidate-steps")).to_contain_text("Trần Thị Hoa")

    # branch vote: 1 of 2 official members is refused (R2.3), 2 of 2 passes
    next_step(page, {"vote_on": "06/05/2024", "vote_yes": "1"})
    expect(page.locator("main .invalid-feedback")).to_be_visible()
    page.fill("input[name=vote_yes]", "2")
    page.click("main button[type=submit]")
    expect(page).to_have_url(candidate_url)

    # decision by the authorized grassroots committee (R2.8), then the ceremony (R2.9)
    next_step(page, {"number": "101-QĐ/ĐU", "signed_on": "20/05/2024"})
    expect(page.locator("#candidate-steps")).to_contain_text("101-QĐ/ĐU")
    next_step(page, {"ceremony_on": "03/06/2024"})
    expect(page.locator("#candidate-steps li")).to_have_count(6)

    # recognition after the 12 months of probation (R2.10, R2.11)
    next_step(
        page,
        {
            "resolution_on": "10/06/2025",
            "yes_votes": "2",
            "decision_number": "55-QĐ/ĐU",
            "decision_date": "20/06/2025",
        },
    )
    expect(page.locator("#candidate-steps li")).to_have_count(7)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the candidate's page scrolls sideways on a phone ({width}px)"

    page.click("main a:has(.bi-person-check)")
    expect(page).to_have_url(re.compile(r"/members/\d+/$"))
    expect(page.locator("h1")).to_have_text("Đỗ Văn Tiến")
    expect(page.locator("main .badge").first).to_have_text(re.compile("Chính thức|Official"))
    expect(page.locator("main")).to_contain_text("03/06/2025")  # official from probation's end
    assert world.branch_a1.members.filter(full_name="Đỗ Văn Tiến", status="official").exists()

    page.goto(f"{live_server.url}/admissions/statistics/?year=2024")
    expect(page.locator("#stat-admitted")).to_have_text("1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the statistics page scrolls sideways on a phone ({width}px)"
