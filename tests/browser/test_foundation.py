"""A provincial officer, in headless Chromium: log in, expand the tree, search "nguyen van",
open a member, edit a field, and see the change in the audit history."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_officer_browses_searches_edits_and_sees_the_audit(live_server, desktop):
    world = build_world()
    page = desktop
    log_in(page, live_server.url, "tinh")

    page.goto(f"{live_server.url}/organizations/")
    expect(page.get_by_role("link", name="Đảng bộ tỉnh Thử Nghiệm")).to_be_visible()
    page.click(f"[data-tree-toggle=children-{world.province.pk}]")
    expect(page.locator(f"#children-{world.province.pk}")).to_contain_text("Đảng bộ xã An Bình")
    page.click(f"[data-tree-toggle=children-{world.commune_a.pk}]")
    expect(page.locator(f"#children-{world.commune_a.pk}")).to_contain_text("Đảng bộ cơ sở An Bình")

    page.goto(f"{live_server.url}/members/")
    page.fill("input[name=q]", "nguyen van")
    page.press("input[name=q]", "Enter")
    results = page.locator("main table")
    # one Đức in each commune: the provincial officer sees both, and nobody else matches
    expect(results.get_by_role("link", name="Nguyễn Văn Đức")).to_have_count(2)
    expect(results).not_to_contain_text("Trần Thị Hoa")

    results.get_by_role("link", name="Nguyễn Văn Đức").first.click()
    expect(page).to_have_url(re.compile(r"/members/\d+/$"))
    page.goto(f"{live_server.url}/members/{world.duc.pk}/")
    expect(page.locator("h1")).to_have_text("Nguyễn Văn Đức")
    page.click(f"a[href='/members/{world.duc.pk}/edit/']")
    page.fill("input[name=phone]", "0912 345 678")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/members/{world.duc.pk}/$"))
    expect(page.locator("main")).to_contain_text("0912 345 678")
    history = page.locator(".card").filter(
        has=page.locator(".card-header", has_text="Lịch sử thay đổi")
    )
    expect(history).to_contain_text("tinh")
    expect(history).to_contain_text("0912 345 678")


def test_a_branch_secretary_on_a_phone_sees_only_their_branch(live_server, phone):
    build_world()
    log_in(phone, live_server.url, "bithu_a1")
    phone.goto(f"{live_server.url}/members/")
    table = phone.locator("main")
    expect(table).to_contain_text("Trần Thị Hoa")
    expect(table).not_to_contain_text("Hoàng Văn Minh")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page scrolls sideways on a 360 px phone ({width}px)"
