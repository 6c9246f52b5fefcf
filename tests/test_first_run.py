"""The first page of an empty installation (issue 12, item 3): "/" and the sign-in page lead to
the first-run form; it creates the top organization and its administrator in one transaction,
signs the administrator in and goes to the import page. Once anything exists it answers 404 and
can never be used to take the installation over. A commune committee as the top organization
works everywhere (tree, scope, reports, navbar, import)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dangvu.accounts.models import Role
from dangvu.core.registry import registry
from dangvu.members.models import Member
from dangvu.organizations import first_run
from dangvu.organizations.choices import Kind
from dangvu.organizations.models import Organization, OrganizationLink
from tests.factories import make_user
from tests.imports.helpers import MEMBER_HEADERS, member_row, run_import, write_xlsx

pytestmark = pytest.mark.django_db

User = get_user_model()
URL = "/organizations/first-run/"
PASSWORD = "Cay-Da-Dau-Lang-2026"


def form_data(**override) -> dict[str, str]:
    data = {
        "kind": Kind.PROVINCE_COMMITTEE,
        "code": "T01",
        "name": "Đảng bộ tỉnh Thử Nghiệm",
        "founded_on": "",
        "username": "quantri",
        "full_name": "Nguyễn Thị Quản Trị",
        "email": "quantri@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(override)
    return data


def nothing_written() -> bool:
    return not Organization.objects.exists() and not User.objects.exists()


def test_the_url_is_the_named_one():
    assert reverse("organizations:first_run") == URL


def test_home_and_sign_in_lead_to_the_first_run_form(client):
    page = client.get("/", follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == URL
    html = page.content.decode()
    assert 'id="first-run-form"' in html and 'name="csrfmiddlewaretoken"' in html
    for name in ("kind", "code", "name", "username", "full_name", "email", "password1"):
        assert f'name="{name}"' in html
    # No inline script or style (the CSP allows none without a nonce).
    assert "<script>" not in html and " style=" not in html
    assert client.get(reverse("accounts:login"))["Location"] == URL


def test_the_first_run_creates_both_signs_in_and_goes_to_the_import_page(client):
    page = client.post(URL, form_data())
    assert page.status_code == 302 and page["Location"] == reverse("imports:index")
    org = Organization.objects.get()
    assert (org.code, org.name, org.kind, org.depth) == (
        "T01",
        "Đảng bộ tỉnh Thử Nghiệm",
        Kind.PROVINCE_COMMITTEE,
        1,
    )
    link = OrganizationLink.objects.get(organization=org)
    assert link.parent is None and link.valid_from == first_run.EARLIEST
    admin = User.objects.get()
    assert admin.username == "quantri" and admin.role == Role.ADMIN
    assert admin.organization == org and admin.is_superuser and admin.is_staff
    assert admin.first_name == "Nguyễn Thị Quản Trị" and admin.check_password(PASSWORD)
    # Signed in: the import page opens, and offers the new organization.
    landing = client.get(reverse("imports:index"))
    assert landing.status_code == 200 and "Đảng bộ tỉnh Thử Nghiệm" in landing.content.decode()


def test_once_set_up_the_page_is_gone_and_cannot_take_the_installation_over(client):
    assert client.post(URL, form_data()).status_code == 302
    stranger = Client()
    assert stranger.get(URL).status_code == 404
    takeover = form_data(code="T99", name="Kẻ lạ", username="kela")
    assert stranger.post(URL, takeover).status_code == 404
    assert Organization.objects.count() == 1 and User.objects.count() == 1
    assert not User.objects.filter(username="kela").exists()
    # The sign-in page is the ordinary one again.
    assert stranger.get(reverse("accounts:login")).status_code == 200


def test_an_existing_account_closes_the_page_even_without_organizations(client):
    make_user("dau-tien", Role.ADMIN, None, is_superuser=True)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data()).status_code == 404
    assert not Organization.objects.exists()
    assert client.get(reverse("accounts:login")).status_code == 200


def test_the_service_refuses_a_second_first_run():
    first_run.set_up(
        kind=Kind.PROVINCE_COMMITTEE, code="T01", name="Tỉnh", username="a", password=PASSWORD
    )
    with pytest.raises(first_run.ValidationError) as error:
        first_run.set_up(
            kind=Kind.COMMUNE_COMMITTEE, code="X1", name="Xã", username="b", password=PASSWORD
        )
    assert error.value.code == "not_empty"
    assert Organization.objects.count() == 1 and User.objects.count() == 1


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"password2": "khac-han-2026-xyz"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"code": "T 01"}, "code"),
        ({"code": ""}, "code"),
        ({"name": ""}, "name"),
        ({"kind": Kind.BRANCH}, "kind"),
        ({"username": "không hợp lệ!"}, "username"),
        ({"email": "khong-phai-email"}, "email"),
        ({"founded_on": "31/02/2020"}, "founded_on"),
        ({"code": "T\u200b01"}, "code"),
    ],
)
def test_bad_answers_are_refused_in_vietnamese_and_nothing_is_written(client, override, field):
    page = client.post(URL, form_data(**override))
    assert page.status_code == 400
    form = page.context["form"]
    assert field in form.errors, form.errors
    assert nothing_written()
    assert "Vui lòng sửa các lỗi dưới đây." in page.content.decode()


def test_django_password_rules_answer_in_vietnamese(client):
    page = client.post(URL, form_data(password1="password", password2="password"))
    assert page.status_code == 400
    errors = " ".join(page.context["form"].errors["password1"])
    assert "Mật khẩu" in errors or "mật khẩu" in errors
    assert nothing_written()


def test_the_form_needs_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    assert client.post(URL, form_data()).status_code == 403
    assert nothing_written()


def test_a_future_founding_date_is_refused(client):
    later = (timezone.localdate() + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    page = client.post(URL, form_data(founded_on=later))
    assert page.status_code == 400 and "founded_on" in page.context["form"].errors
    assert nothing_written()


# --- a commune committee that runs dangvu alone ------------------------------------------------


def test_a_commune_committee_as_the_top_organization_works_everywhere(client, tmp_path):
    founded = dt.date(1990, 3, 1)
    data = form_data(
        kind=Kind.COMMUNE_COMMITTEE,
        code="XA01",
        name="Đảng bộ xã Độc Lập",
        founded_on=founded.strftime("%d/%m/%Y"),
    )
    assert client.post(URL, data).status_code == 302
    root = Organization.objects.get()
    admin = User.objects.get()
    assert root.kind == Kind.COMMUNE_COMMITTEE and root.founded_on == founded
    # Its tree and members come in through the import, parents found in the database.
    orgs = write_xlsx(
        tmp_path / "to-chuc.xlsx",
        ["Mã", "Tên tổ chức", "Loại", "Mã cấp trên", "Ngày thành lập"],
        [
            ["CS01", "Đảng bộ cơ sở thôn Một", "Đảng bộ cơ sở", "XA01", dt.date(1995, 1, 1)],
            ["CB01", "Chi bộ xóm Trên", "Chi bộ", "CS01", dt.date(1995, 1, 1)],
            ["CB02", "Chi bộ Trường Tiểu học", "Chi bộ cơ sở", "XA01", dt.date(1998, 1, 1)],
        ],
        sheet="Tổ chức",
    )
    run = run_import(orgs, kind="organizations", org=root, user=admin)
    assert run.status == "done" and run.created == 3, run.problems
    members = write_xlsx(
        tmp_path / "dang-vien.xlsx",
        MEMBER_HEADERS,
        [member_row(n, "CB01" if n <= 3 else "CB02") for n in range(1, 6)],
    )
    run = run_import(members, kind="members", org=root, user=admin)
    assert run.status == "done" and run.created == 5, run.problems
    assert Member.objects.count() == 5

    # Pages: the tree from the root, reports, the import page, the navbar, as the admin and as
    # the committee's own board bound to the root (scope = the root's subtree).
    board = make_user("banxa", Role.DIRECT_BOARD, root)
    for user in (admin, board):
        client.force_login(user)
        tree = client.get(reverse("organizations:tree"))
        assert tree.status_code == 200
        html = tree.content.decode()
        assert "Đảng bộ xã Độc Lập" in html
        for entry in registry().nav_for(user):
            assert f'href="{reverse(entry.url_name)}"' in html, entry.url_name
            assert client.get(reverse(entry.url_name)).status_code == 200, entry.url_name
        dashboard = client.get(reverse("reports:dashboard"))
        assert dashboard.status_code == 200 and "Đảng bộ xã Độc Lập" in dashboard.content.decode()
        members_page = client.get(reverse("members:list"))
        assert (
            members_page.status_code == 200 and "Nguyễn Văn Nhập 5" in members_page.content.decode()
        )
    assert Organization.objects.visible_to(board).count() == 4

    # The dashboard from the command line, for this year and the root as default organization.
    out = tmp_path / "dashboard.json"
    call_command("report", "dashboard", "--format", "json", "--out", str(out), verbosity=0)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["organization"]["code"] == "XA01"
    figures = {f["key"]: f["value"] for s in report["sections"] for f in s["figures"]}
    assert figures["members.total"] == 5


def test_a_missing_name_is_told_in_vietnamese(client):
    page = client.post(URL, form_data(name=""))
    assert page.context["form"].errors["name"] == ["Trường này bắt buộc nhập."]
    assert nothing_written()
