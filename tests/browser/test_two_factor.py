"""Two-factor authentication enforced for staff, in headless Chromium on a phone (issue 15):
the officer signs in, is sent to set up the app, types the key's current code, keeps the
recovery codes, and reaches the page they asked for; a member signs in without a code."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, username, next_path="/members/"):
    page.goto(f"{base_url}/accounts/login/?next={next_path}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


def test_staff_set_up_the_app_before_any_page(live_server, phone, settings):
    settings.DANGVU_REQUIRE_2FA = True
    build_world()
    sign_in(phone, live_server.url, "xa_a")
    expect(phone).to_have_url(re.compile(r"/accounts/2fa/\?next=%2Fmembers%2F"))
    expect(phone.locator("[data-testid=qr] svg")).to_be_visible()
    secret = phone.locator("[data-testid=secret]").inner_text()
    key = b32decode(secret + "=" * (-len(secret) % 8))
    phone.fill("input[name=code]", f"{TOTP(key).token():06d}")
    phone.click("main button[type=submit]")
    codes = phone.locator("[data-testid=recovery-codes] li")
    expect(codes).to_have_count(10)
    phone.get_by_role("link", name="Tiếp tục").click()
    expect(phone).to_have_url(re.compile(r"/members/$"))
    expect(phone.locator("main")).to_contain_text("Nguyễn Văn Đức")
    # The set-up pages fit a 360 px phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_member_signs_in_without_a_code(live_server, phone, settings):
    settings.DANGVU_REQUIRE_2FA = True
    build_world()
    sign_in(phone, live_server.url, "dv_a1", next_path="/meetings/mine/")
    expect(phone).to_have_url(re.compile(r"/meetings/mine/$"))
