"""An officer imports a member list in Chromium: upload, map an unknown column by hand, read
the problem report, import only the valid rows; a 360 px phone can follow it too."""

import pytest
from playwright.sync_api import expect

from dangvu.imports.models import ImportRun
from dangvu.members.models import Member
from tests.browser.test_foundation import log_in
from tests.conftest import build_world
from tests.imports.helpers import MEMBER_HEADERS, member_row, write_xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_map_check_and_import_the_valid_rows(live_server, desktop, tmp_path):
    world = build_world()
    headers = list(MEMBER_HEADERS)
    headers[headers.index("Họ và tên")] = "Tên gọi đầy đủ"  # not recognized: mapped by hand
    rows = [member_row(n, world.branch_a1.code) for n in range(1, 4)]
    rows.append(member_row(4, "Chi bộ không có"))
    path = write_xlsx(tmp_path / "danh-sach.xlsx", headers, rows)
    page = desktop
    log_in(page, live_server.url, "xa_a")
    page.goto(f"{live_server.url}/data/")
    page.select_option("select[name=kind]", "members")
    page.select_option("select[name=organization]", str(world.commune_a.pk))
    page.set_input_files("input[name=file]", str(path))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#mapping")).to_be_visible()
    page.select_option("select[name=col_1]", "full_name")
    page.click("#do-check")
    expect(page.locator("[data-count=created]")).to_have_text("3")
    expect(page.locator("#problems tr[data-row='5']")).to_be_visible()
    assert Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").count() == 0
    with page.expect_download() as download:
        page.click("#report-link")
    assert download.value.suggested_filename.endswith(".xlsx")
    page.click("#do-import-valid")
    expect(page.locator("#run-status [data-status]")).to_have_attribute("data-status", "done")
    assert Member.objects.filter(full_name__startswith="Nguyễn Văn Nhập").count() == 3
    run = ImportRun.objects.get()
    assert run.created == 3 and run.created_by.username == "xa_a"


def test_the_import_page_fits_a_phone(live_server, phone):
    build_world()
    log_in(phone, live_server.url, "xa_a")
    phone.goto(f"{live_server.url}/data/")
    expect(phone.locator("#upload-form")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the import page scrolls sideways on a phone ({width}px)"
