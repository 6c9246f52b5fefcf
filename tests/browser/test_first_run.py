"""The first page of an empty installation in Chromium: "/" opens the first-run form, a bad
answer is told in place and writes nothing, then the top organization and its administrator are
created, the administrator is signed in on the import page; no Content-Security-Policy
refusal on the way."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from dangvu.organizations.models import Organization
from tests.browser.test_csp import refusals

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Cay-Da-Dau-Lang-2026"


def test_the_first_run_in_a_browser(live_server, phone):
    page = phone
    refused = refusals(page)
    page.goto(f"{live_server.url}/")
    expect(page.locator("#first-run-form")).to_be_visible()
    assert page.url.endswith("/organizations/first-run/")
    page.select_option("#id_kind", "commune_committee")
    page.fill("#id_code", "XA01")
    page.fill("#id_name", "Đảng bộ xã Độc Lập")
    page.fill("#id_username", "quantri")
    page.fill("#id_full_name", "Nguyễn Thị Quản Trị")
    page.fill("#id_email", "quantri@example.vn")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD + "x")
    page.click("#do-first-run")
    expect(page.locator("#id_password2.is-invalid")).to_be_visible()
    assert not Organization.objects.exists() and not get_user_model().objects.exists()
    # The answers stay, the passwords are typed again.
    assert page.input_value("#id_code") == "XA01"
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.click("#do-first-run")
    page.wait_for_url(f"{live_server.url}/data/")
    expect(page.locator("body")).to_contain_text("Đảng bộ xã Độc Lập")
    org = Organization.objects.get()
    assert org.kind == "commune_committee" and org.code == "XA01"
    # The first-run page is gone.
    response = page.goto(f"{live_server.url}/organizations/first-run/")
    assert response.status == 404
    page.wait_for_timeout(200)
    assert refused == []
